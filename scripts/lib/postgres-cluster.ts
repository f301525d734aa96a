// A throwaway PostgreSQL cluster for the tests and the benchmark: made in a temporary folder,
// listening on loopback only, and removed with everything in it when stopped. PostgreSQL refuses
// to run as root, so under root the cluster belongs to the `postgres` account.
import { execFileSync, spawnSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './production.ts';

/** Where Debian puts the server's programs (`apt-get install postgresql`), newest version first. */
function binaries() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	const found = versions.map((version) => path.join(root, version, 'bin')).find(existsSync);
	if (!found)
		throw new Error(
			'PostgreSQL is needed here: `apt-get install postgresql` (or set PG_BIN to the folder of initdb and pg_ctl)'
		);
	return found;
}

export interface Cluster {
	/** The address of the cluster's `postgres` database, as its owner `parcours`. */
	url: string;
	/** The postmaster's process id: its children are the connections' backends. */
	pid: number;
	/** Stops the cluster at once and removes its folder; synchronous, so a signal handler may call it. */
	stop(): void;
}

export interface ClusterOptions {
	/**
	 * Whether commits wait for the disk. Off for the tests, which only need the answers; on for the
	 * benchmark, to compare with SQLite's `synchronous=FULL`.
	 */
	fsync?: boolean;
}

export async function startCluster({ fsync = false }: ClusterOptions = {}): Promise<Cluster> {
	const bin = binaries();
	const folder = mkdtempSync(path.join(tmpdir(), 'parcours-pg-'));
	const data = path.join(folder, 'data');
	const asRoot = userInfo().uid === 0;
	const run = (program: string, args: string[]) => {
		const command = asRoot ? 'runuser' : path.join(bin, program);
		const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
		const result = spawnSync(command, full, { encoding: 'utf8', cwd: folder });
		if (result.status !== 0)
			throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
	};
	let started = false;
	const stop = () => {
		try {
			if (started) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} finally {
			started = false;
			rmSync(folder, { recursive: true, force: true });
		}
	};
	try {
		if (asRoot) {
			const { uid, gid } = postgresAccount();
			chownSync(folder, uid, gid);
			chmodSync(folder, 0o700);
		}
		const port = await freePort();
		run('initdb', ['-D', data, '-U', 'parcours', '--auth=trust', '-E', 'UTF8', '--no-sync']);
		const settings = [
			`-p ${port}`,
			`-k ${folder}`,
			'-c listen_addresses=127.0.0.1',
			`-c fsync=${fsync ? 'on' : 'off'}`,
			'-c max_connections=200'
		];
		run('pg_ctl', [
			'-D',
			data,
			'-l',
			path.join(folder, 'server.log'),
			'-w',
			'-o',
			settings.join(' '),
			'start'
		]);
		started = true;
		return {
			url: `postgres://parcours@127.0.0.1:${port}/postgres`,
			pid: Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
			stop
		};
	} catch (error) {
		stop();
		throw error;
	}
}

/** Makes an empty database `name` in the cluster at `url`; returns its address. */
export async function createDatabase(url: string, name: string): Promise<string> {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
	const address = new URL(url);
	address.pathname = `/${name}`;
	return address.href;
}

function postgresAccount() {
	const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
	const [, , uid, gid] = line.split(':');
	if (!uid) throw new Error('the `postgres` account is missing: `apt-get install postgresql`');
	return { uid: Number(uid), gid: Number(gid) };
}
