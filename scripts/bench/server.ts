// The production server as the benchmark runs it: `node server.js` from a snapshot of a build (so
// a rebuild meanwhile cannot pull files from under it), on loopback, with its own data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { buildSite, freePort, productionEnv, snapshotRelease } from '../lib/production.ts';

const START_TIMEOUT = 60_000;

/** Every process the benchmark started, so an interrupted run leaves none behind. */
const children = new Set<ChildProcess>();

export function killChildren() {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { buildSite as timedBuild, freePort, productionEnv, snapshotRelease };

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
