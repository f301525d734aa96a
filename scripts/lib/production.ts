// The production site as the tests and the benchmark run it: built with `vite build`, served by
// `node server.js` from a snapshot of the build, in an environment free of the caller's settings.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The environment of a production process: without what marks Vitest's or npm's own process,
 * and without the settings of whoever runs it; `extra` comes last.
 */
export function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name === 'NODE_ENV' || name === 'TEST' || /^(VITEST|npm_)/.test(name)) delete env[name];
	}
	for (const name of ['DATABASE_URL', 'ORIGIN', 'SMTP_URL', 'SHUTDOWN_TIMEOUT', 'LOG_LEVEL']) {
		delete env[name];
	}
	return { ...env, ...extra };
}

/** Runs `vite build` in `root`; returns how long it took, in seconds, or throws with its output. */
export function buildSite(root = ROOT): number {
	const started = performance.now();
	const result = spawnSync(
		process.execPath,
		[path.join('node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			env: productionEnv(),
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024
		}
	);
	if (result.status !== 0) {
		throw new Error(
			`vite build failed in ${root} (${result.error?.message ?? `exit code ${result.status}`}):\n` +
				`${result.stdout}\n${result.stderr}`
		);
	}
	return (performance.now() - started) / 1000;
}

/**
 * A folder laid out like a deployment (server.js, build/, package.json, node_modules): a rebuild
 * meanwhile cannot pull files from under the server running there.
 */
export function snapshotRelease(root = ROOT): { dir: string; remove(): void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-release-'));
	cpSync(path.join(root, 'build'), path.join(dir, 'build'), { recursive: true });
	for (const file of ['server.js', 'package.json']) {
		cpSync(path.join(root, file), path.join(dir, file));
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The options of `node` itself that `npm start` gives the server (package.json's `start`:
 * `node <options> scripts/start.js`), read from the package.json beside `server.js` in
 * `releaseDir`: the tests and the benchmark run the server with them too, as docs/deploy.md's
 * services do. They can only be given on node's command line (docs/benchmarks.md, "The sixth round").
 */
export function serverNodeOptions(releaseDir = ROOT): string[] {
	const { scripts } = JSON.parse(readFileSync(path.join(releaseDir, 'package.json'), 'utf8')) as {
		scripts?: { start?: string };
	};
	const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+scripts\/start\.js$/.exec(scripts?.start ?? '');
	if (!match) {
		throw new Error(
			`package.json's start script is not \`node [options] scripts/start.js\`: ${scripts?.start}`
		);
	}
	return match[1].split(/\s+/).filter(Boolean);
}

/** A TCP port free on loopback right now. */
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

const START_TIMEOUT = 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface RunningServer {
	baseURL: string;
	child: ChildProcess;
	/** From spawning the process to the first 200 of GET /healthz, in milliseconds. */
	startupMs: number;
	/** Everything the server printed so far, stdout and stderr interleaved. */
	output(): string;
	/** The JSON lines it printed (its log), parsed. */
	logLines(): Record<string, unknown>[];
	/** Resolves once the output matches. */
	waitForOutput(pattern: RegExp): Promise<void>;
	/** Resident memory of the server process, in MiB (VmRSS, or VmHWM for the peak). */
	rss(field?: 'VmRSS' | 'VmHWM'): number;
	exited: Promise<Exit>;
	/** Sends a signal and waits for the process to end. */
	stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface ServerOptions {
	/** A folder laid out like a deployment (see snapshotRelease), where `server.js` runs. */
	releaseDir: string;
	dataDir: string;
	/** A port of its own; without it, one free at that moment (another one if it got taken). */
	port?: number;
	env?: Record<string, string>;
	/** Options of `node` itself, after those of `npm start` and before `server.js` (a profiler…). */
	nodeOptions?: string[];
	/** How often /healthz is asked while the server starts: often, to time a start-up closely. */
	pollMs?: number;
}

/** The port a server was told to use was taken meanwhile (by any process on the machine). */
class PortTaken extends Error {}

/**
 * The one way the tests and the benchmark start the production server: `node server.js` on
 * loopback, resolved once GET /healthz answers 200 (and, when its log level says so, once it has
 * said it is the one listening: another server that took the port would answer /healthz too).
 */
export async function startProductionServer(options: ServerOptions): Promise<RunningServer> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await launch({ ...options, port: options.port ?? (await freePort()) });
		} catch (error) {
			if (!(error instanceof PortTaken) || options.port !== undefined || attempt === 5) throw error;
		}
	}
}

async function launch(options: ServerOptions & { port: number }): Promise<RunningServer> {
	const baseURL = `http://127.0.0.1:${options.port}`;
	const started = performance.now();
	const nodeOptions = [...serverNodeOptions(options.releaseDir), ...(options.nodeOptions ?? [])];
	const child = spawn(process.execPath, [...nodeOptions, 'server.js'], {
		cwd: options.releaseDir,
		env: productionEnv({
			PORT: String(options.port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: options.dataDir,
			LOG_LEVEL: 'info',
			...options.env
		}),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<Exit>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	const closed = new Promise((resolve) => child.once('close', resolve));
	const running = () => child.exitCode === null && child.signalCode === null;
	const announces = ['debug', 'info'].includes(options.env?.LOG_LEVEL ?? 'info');

	for (;;) {
		if (!running()) {
			await closed;
			const message = `the server stopped while starting:\n${output}`;
			throw output.includes('EADDRINUSE') ? new PortTaken(message) : new Error(message);
		}
		try {
			const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5_000) });
			await response.arrayBuffer();
			if (response.ok && (!announces || /"message":\s*"listening"/.test(output))) break;
		} catch {
			// not listening yet
		}
		if (performance.now() - started > START_TIMEOUT) {
			child.kill('SIGKILL');
			throw new Error(`the server did not answer /healthz within ${START_TIMEOUT} ms:\n${output}`);
		}
		await pause(options.pollMs ?? 100);
	}

	return {
		baseURL,
		child,
		startupMs: performance.now() - started,
		exited,
		output: () => output,
		logLines: () =>
			output
				.split('\n')
				.filter((line) => line.startsWith('{'))
				.map((line) => JSON.parse(line) as Record<string, unknown>),
		async waitForOutput(pattern) {
			const deadline = Date.now() + START_TIMEOUT;
			while (!pattern.test(output)) {
				if (Date.now() > deadline)
					throw new Error(`the server never printed ${pattern}:\n${output}`);
				if (!running()) throw new Error(`the server exited before printing ${pattern}:\n${output}`);
				await pause(20);
			}
		},
		rss(field = 'VmRSS') {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
			if (!match) throw new Error(`no ${field} in /proc/${child.pid}/status`);
			return Number(match[1]) / 1024;
		},
		async stop(signal = 'SIGTERM') {
			if (running()) child.kill(signal);
			return exited;
		}
	};
}
