// Runs the built production server (`node server.js`) on loopback for one test, and speaks to it
// the way a browser without JavaScript would, with SvelteKit's JSON answer to form actions.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { hashPassword } from '../../src/lib/server/password.ts';
import { createUser, markEmailVerified } from '../../src/lib/server/user.ts';
import { freePort, productionEnv, ROOT } from '../../scripts/lib/production.ts';

const START_TIMEOUT = 60_000;
const REQUEST_TIMEOUT = 30_000;

export { freePort, productionEnv, ROOT };

/** Where the tests run `node server.js`: a snapshot of the build, made by the global setup. */
export const releaseDir = () => inject('releaseDir');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface RunningServer {
	baseURL: string;
	child: ChildProcess;
	/** Everything the server printed so far, stdout and stderr interleaved. */
	output(): string;
	/** The JSON lines it printed (its log), parsed. */
	logLines(): Record<string, unknown>[];
	/** Resolves once the output matches. */
	waitForOutput(pattern: RegExp): Promise<void>;
	exited: Promise<Exit>;
	/** Sends a signal and waits for the process to end. */
	stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** The port a server was told to use was taken meanwhile (by any process on the machine). */
class PortTaken extends Error {}

/**
 * Spawns `node server.js` and resolves once GET /healthz answers 200. Without `port`, it listens
 * on a port free at that moment, and on another one if some other process took that port between
 * the check and the server's own `listen`.
 */
export async function startServer(options: {
	dataDir: string;
	port?: number;
	env?: Record<string, string>;
	/** A built site other than the global setup's (a fixture course's). */
	releaseDir?: string;
}): Promise<RunningServer> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await launch({ ...options, port: options.port ?? (await freePort()) });
		} catch (error) {
			if (!(error instanceof PortTaken) || options.port !== undefined || attempt === 5) throw error;
		}
	}
}

async function launch(options: {
	dataDir: string;
	port: number;
	env?: Record<string, string>;
	releaseDir?: string;
}): Promise<RunningServer> {
	const baseURL = `http://127.0.0.1:${options.port}`;
	const child = spawn(process.execPath, ['server.js'], {
		cwd: options.releaseDir ?? releaseDir(),
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
	// Another server that took the same port meanwhile would answer /healthz too: at the levels
	// where it says so, this server must also have said that it is the one listening.
	const announces = ['debug', 'info'].includes(options.env?.LOG_LEVEL ?? 'info');

	const server: RunningServer = {
		baseURL,
		child,
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
		async stop(signal = 'SIGTERM') {
			if (running()) child.kill(signal);
			return exited;
		}
	};

	const deadline = Date.now() + START_TIMEOUT;
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
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`the server did not answer /healthz within ${START_TIMEOUT} ms:\n${output}`);
		}
		await pause(100);
	}
	return server;
}

/**
 * Creates learners with verified emails straight in the database, before the server starts. They
 * joined a week ago, past the tight posting limits of brand-new accounts.
 */
export async function createLearners(databaseFile: string, usernames: string[], password: string) {
	const { db, close } = openDatabase(databaseFile);
	try {
		const passwordHash = await hashPassword(password);
		const ids: Record<string, number> = {};
		for (const username of usernames) {
			const user = await createUser(db, {
				username,
				email: `${username}@example.org`,
				passwordHash,
				now: Date.now() - 7 * 24 * 3600_000
			});
			await markEmailVerified(db, user.id, user.email);
			ids[username] = user.id;
		}
		return ids;
	} finally {
		await close();
	}
}

export interface ActionAnswer {
	status: number;
	/** SvelteKit's answer to `x-sveltekit-action`: `success`, `failure`, `redirect` or `error`. */
	type: string;
	/** Where a `redirect` answer sends the browser. */
	location?: string;
	/** The raw answer, to show when something unexpected happened. */
	text: string;
	headers: Headers;
}

/** Posts a form the way `use:enhance` does, and reads SvelteKit's JSON answer. */
export async function postForm(
	baseURL: string,
	pathname: string,
	fields: URLSearchParams,
	cookie?: string
): Promise<ActionAnswer> {
	const response = await fetch(baseURL + pathname, {
		method: 'POST',
		headers: {
			origin: baseURL,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			accept: 'application/json',
			...(cookie ? { cookie } : {})
		},
		body: fields.toString(),
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT)
	});
	const text = await response.text();
	try {
		const { type, location } = JSON.parse(text) as { type: string; location?: string };
		return { status: response.status, type, location, text, headers: response.headers };
	} catch {
		// Not SvelteKit's JSON (an error page from elsewhere).
		return { status: response.status, type: 'unreadable', text, headers: response.headers };
	}
}

export async function getPage(baseURL: string, pathname: string, cookie?: string) {
	const response = await fetch(baseURL + pathname, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT)
	});
	await response.arrayBuffer();
	return response;
}

/** Signs in over HTTP and returns the `Cookie` header value that carries the session. */
export async function signIn(baseURL: string, login: string, password: string): Promise<string> {
	const answer = await postForm(baseURL, '/login', new URLSearchParams({ login, password }));
	const cookie = answer.headers.getSetCookie().find((value) => value.startsWith('session='));
	if (answer.type !== 'redirect' || !cookie) {
		throw new Error(`${login} could not sign in: ${answer.status} ${answer.type}`);
	}
	return cookie.split(';')[0];
}

export const databaseFileIn = (dataDir: string) => path.join(dataDir, 'parcours.db');
