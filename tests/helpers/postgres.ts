// A throwaway PostgreSQL cluster for the tests: made in a temporary folder, listening on loopback
// only, and removed with everything in it when the tests end. PostgreSQL refuses to run as root,
// so under root the cluster belongs to the `postgres` account.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/** Where Debian puts the server's programs (`apt-get install postgresql`), newest version first. */
function binaries() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	const found = versions.map((version) => path.join(root, version, 'bin')).find(existsSync);
	if (!found)
		throw new Error(
			'PostgreSQL is needed by these tests: `apt-get install postgresql` (or set PG_BIN to the folder of initdb and pg_ctl)'
		);
	return found;
}

async function freePort() {
	return new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface Cluster {
	/** The address of the cluster's `postgres` database, as its owner `parcours`. */
	url: string;
	stop(): void;
}

export async function startCluster(): Promise<Cluster> {
	const bin = binaries();
	const folder = mkdtempSync(path.join(tmpdir(), 'parcours-pg-'));
	const data = path.join(folder, 'data');
	const asRoot = userInfo().uid === 0;
	if (asRoot) {
		const { uid, gid } = postgresAccount();
		chownSync(folder, uid, gid);
		chmodSync(folder, 0o700);
	}
	const run = (program: string, args: string[]) => {
		const command = asRoot ? 'runuser' : path.join(bin, program);
		const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
		const result = spawnSync(command, full, { encoding: 'utf8', cwd: folder });
		if (result.status !== 0)
			throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
	};
	const port = await freePort();
	run('initdb', ['-D', data, '-U', 'parcours', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	run('pg_ctl', [
		'-D',
		data,
		'-l',
		path.join(folder, 'server.log'),
		'-w',
		'-o',
		`-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
		'start'
	]);
	return {
		url: `postgres://parcours@127.0.0.1:${port}/postgres`,
		stop() {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(folder, { recursive: true, force: true });
			}
		}
	};
}

function postgresAccount() {
	const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
	const [, , uid, gid] = line.split(':');
	if (!uid) throw new Error('the `postgres` account is missing: `apt-get install postgresql`');
	return { uid: Number(uid), gid: Number(gid) };
}
