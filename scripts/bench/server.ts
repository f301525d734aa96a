// The production server as the benchmark runs it: `node server.js` from a snapshot of a build (so
// a rebuild meanwhile cannot pull files from under it), on loopback, with its own data folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const START_TIMEOUT = 60_000;

/** Every process the benchmark started, so an interrupted run leaves none behind. */
const children = new Set<ChildProcess>();

export function killChildren() {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** The environment of a production process, without the settings of whoever runs the bench. */
export function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name === 'NODE_ENV' || name.startsWith('npm_')) delete env[name];
	}
	for (const name of ['DATABASE_URL', 'ORIGIN', 'SMTP_URL', 'SHUTDOWN_TIMEOUT', 'LOG_LEVEL']) {
		delete env[name];
	}
	return { ...env, ...extra };
}

/** Runs `vite build` in `root`; returns how long it took, in seconds. */
export function timedBuild(root: string): number {
	const started = performance.now();
	const result = spawnSync(
		process.execPath,
		[path.join('node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			env: productionEnv({}),
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024
		}
	);
	if (result.status !== 0) {
		throw new Error(
			`vite build failed in ${root} (${result.error?.message ?? `exit code ${result.status}`}):\n` +
				`${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`
		);
	}
	return (performance.now() - started) / 1000;
}

/** A folder laid out like a deployment (server.js, build/, package.json, node_modules). */
export function snapshotRelease(root: string): { dir: string; remove(): void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-release-'));
	cpSync(path.join(root, 'build'), path.join(dir, 'build'), { recursive: true });
	for (const file of ['server.js', 'package.json']) {
		cpSync(path.join(root, file), path.join(dir, file));
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
	baseURL: string;
	pid: number;
	/** From spawning the process to the first 200 of GET /healthz, in milliseconds. */
	startupMs: number;
	output(): string;
	/** Resident memory of the server process, in MiB (VmRSS, or VmHWM for the peak). */
	rss(field?: 'VmRSS' | 'VmHWM'): number;
	stop(): Promise<void>;
}

/** Starts `node server.js` in `releaseDir` and waits, polling every few ms, for it to answer. */
export async function startServer(options: {
	releaseDir: string;
	dataDir: string;
	nodeOptions?: string[];
	env?: Record<string, string>;
}): Promise<RunningServer> {
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const started = performance.now();
	const child = spawn(process.execPath, [...(options.nodeOptions ?? []), 'server.js'], {
		cwd: options.releaseDir,
		env: productionEnv({
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: options.dataDir,
			LOG_LEVEL: 'silent',
			...options.env
		}),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const running = () => child.exitCode === null && child.signalCode === null;

	for (;;) {
		if (!running()) throw new Error(`the server stopped while starting:\n${output}`);
		try {
			const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5_000) });
			await response.arrayBuffer();
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (performance.now() - started > START_TIMEOUT) {
			child.kill('SIGKILL');
			throw new Error(`the server did not answer /healthz within ${START_TIMEOUT} ms:\n${output}`);
		}
		await pause(5);
	}
	const startupMs = performance.now() - started;

	return {
		baseURL,
		pid: child.pid!,
		startupMs,
		output: () => output,
		rss(field = 'VmRSS') {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
			if (!match) throw new Error(`no ${field} in /proc/${child.pid}/status`);
			return Number(match[1]) / 1024;
		},
		async stop() {
			if (running()) child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(killer);
			children.delete(child);
		}
	};
}

/** The ceiling: Node's own `http` module answering every request with the same bytes. */
export async function startCeiling(htmlFile: string) {
	const port = await freePort();
	const child = spawn(
		process.execPath,
		[path.join(import.meta.dirname, 'ceiling-server.js'), htmlFile, String(port)],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	children.add(child);
	await new Promise<void>((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
	});
	return {
		baseURL: `http://127.0.0.1:${port}`,
		async stop() {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
			children.delete(child);
		}
	};
}
