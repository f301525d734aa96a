// The production server as the benchmark runs it: `node server.js` from a snapshot of a build (so
// a rebuild meanwhile cannot pull files from under it), on loopback, with its own data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import {
	buildSite,
	freePort,
	productionEnv,
	snapshotRelease,
	startProductionServer
} from '../lib/production.ts';

/** Every process the benchmark started, so an interrupted run leaves none behind. */
const children = new Set<ChildProcess>();
/** What else must go when the run ends, however it ends: a PostgreSQL cluster. */
const cleanups = new Set<() => void>();

/** Ends every process the benchmark started and runs the cleanups; synchronous, for signals too. */
export function killChildren() {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
	for (const cleanup of cleanups) {
		cleanups.delete(cleanup);
		try {
			cleanup();
		} catch (error) {
			console.error(error instanceof Error ? error.message : error);
		}
	}
}

/**
 * Runs `cleanup` when the run ends (killChildren), unless the function returned is called first,
 * which runs it then: for what must be removed even on a failure or Ctrl-C.
 */
export function cleanUpAtExit(cleanup: () => void): () => void {
	cleanups.add(cleanup);
	return () => {
		if (cleanups.delete(cleanup)) cleanup();
	};
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long the server is left without a request before its memory is read "once quiet": V8 gives
 * back what a burst of work left behind (it collects, and shrinks its heap) once the process has
 * allocated little for about 8 s after its last full collection, its "memory reducer". Read
 * sooner, the memory of an idle server still holds the garbage of the last requests, or of its
 * start. The memory right after the load, and the peak, are reported beside it.
 */
export const QUIET_MS = 20_000;

export { buildSite as timedBuild, freePort, productionEnv, snapshotRelease };

/** What memory-probe.cjs prints: `process.memoryUsage()`, V8's heap spaces, node's own flags. */
export interface ProbedMemory extends NodeJS.MemoryUsage {
	heapSpaces?: Record<string, { size: number; used: number; physical: number }>;
	execArgv?: string[];
}

export interface RunningServer {
	baseURL: string;
	pid: number;
	/** From spawning the process to the first 200 of GET /healthz, in milliseconds. */
	startupMs: number;
	output(): string;
	/** Resident memory of the server process, in MiB (VmRSS, or VmHWM for the peak). */
	rss(field?: 'VmRSS' | 'VmHWM'): number;
	/** The server's own `process.memoryUsage()`, in bytes, asked through memory-probe.cjs. */
	memory(): Promise<ProbedMemory>;
	stop(): Promise<void>;
}

/** Preloaded into every server the benchmark starts: answers SIGUSR2 with memoryUsage(). */
const MEMORY_PROBE = path.join(import.meta.dirname, 'memory-probe.cjs');
/** How memory-probe.cjs starts its line. */
const MEMORY_LINE = /^parcours-bench-memory (\{.*\})$/gm;

/** Sends SIGUSR2 to the server and reads the line memory-probe.cjs prints in answer. */
async function askMemory(child: ChildProcess, output: () => string) {
	const count = () => [...output().matchAll(MEMORY_LINE)].length;
	const before = count();
	child.kill('SIGUSR2');
	const deadline = performance.now() + 10_000;
	while (count() === before) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`the server exited instead of giving its memory:\n${output()}`);
		}
		if (performance.now() > deadline) throw new Error('the server did not give its memory');
		await pause(10);
	}
	const lines = [...output().matchAll(MEMORY_LINE)];
	return JSON.parse(lines[lines.length - 1][1]) as ProbedMemory;
}

/**
 * Starts `node server.js` in `releaseDir` the way the tests do, silent, asking it every few ms
 * whether it answers so that its start-up time is measured closely. Resolves once the server has
 * also indexed the lessons, which it does after it answers when the content is new to its
 * database (/healthz says `search: "indexing"` meanwhile): measures then find it as it runs.
 * The server runs with memory-probe.cjs preloaded (`--require`), so that `memory()` can ask for its
 * memoryUsage().
 */
export async function startServer(options: {
	releaseDir: string;
	dataDir: string;
	nodeOptions?: string[];
	env?: Record<string, string>;
}): Promise<RunningServer> {
	const server = await startProductionServer({
		...options,
		nodeOptions: ['--require', MEMORY_PROBE, ...(options.nodeOptions ?? [])],
		env: { LOG_LEVEL: 'silent', ...options.env },
		pollMs: 5
	});
	children.add(server.child);
	for (;;) {
		const health = (await (await fetch(`${server.baseURL}/healthz`)).json()) as {
			search?: string;
		};
		if (health.search !== 'indexing') break;
		await pause(20);
	}
	return {
		baseURL: server.baseURL,
		pid: server.child.pid!,
		startupMs: server.startupMs,
		output: server.output,
		rss: server.rss,
		memory: () => askMemory(server.child, server.output),
		async stop() {
			const stopping = server.stop('SIGTERM');
			const killer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
			await stopping;
			clearTimeout(killer);
			children.delete(server.child);
		}
	};
}

/** The ceiling: Node's own `http` module answering every request with the same bytes. */
export function startCeiling(htmlFile: string) {
	return startHelper('ceiling-server.js', [htmlFile]);
}

/** The round-robin balancer (balancer.js) in front of instances listening on `ports`. */
export function startBalancer(ports: number[], port?: number) {
	return startHelper('balancer.js', ports.map(String), port);
}

/** A small Node server of the benchmark's own, given its port as the last argument. */
async function startHelper(script: string, args: string[], port?: number) {
	port ??= await freePort();
	const child = spawn(
		process.execPath,
		[path.join(import.meta.dirname, script), ...args, String(port)],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	children.add(child);
	await new Promise<void>((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
	});
	return {
		baseURL: `http://127.0.0.1:${port}`,
		pid: child.pid!,
		async stop() {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
			children.delete(child);
		}
	};
}
