import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { serverNodeOptions } from '../../scripts/lib/production.ts';
import { lessonsAreCurrent } from '../../src/lib/server/search/state.ts';
import {
	createLearners,
	databaseFileIn,
	freePort,
	openSite,
	signIn,
	productionEnv,
	releaseDir,
	ROOT,
	startServer,
	type RunningServer
} from './server.ts';

/** Preloaded to read V8's heap from inside the server: prints it on SIGUSR2 (see the file). */
const MEMORY_PROBE = path.join(ROOT, 'scripts/bench/memory-probe.cjs');

const { index } = loadContent(path.resolve('courses'));
/** The lesson about migrating data, emails among them: « courriel » finds it. */
const migrating = index.courses
	.flatMap((course) => course.sequences.flatMap((sequence) => sequence.lessons))
	.find((lesson) => /^Migrer/.test(lesson.title))!;

let dir: string;
let server: RunningServer | undefined;

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-start-'));
});
afterEach(async () => {
	await server?.stop('SIGKILL');
	server = undefined;
	rmSync(dir, { recursive: true, force: true });
});

/** Runs `node server.js` to its end (it must not get as far as listening). */
async function startWith(env: Record<string, string>) {
	const port = String(await freePort());
	return spawnSync(process.execPath, ['server.js'], {
		cwd: releaseDir(),
		env: productionEnv({ DATA_DIR: path.join(dir, 'data'), HOST: '127.0.0.1', PORT: port, ...env }),
		encoding: 'utf8',
		timeout: 60_000
	});
}

describe('start-up', () => {
	test.each([
		[{ PORT: 'abc' }, 'PORT'],
		[{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
		[{ DATABASE_URL: 'mysql://db/parcours' }, 'DATABASE_URL'],
		[{ ORIGIN: 'cours.example.org' }, 'ORIGIN'],
		[{ SHUTDOWN_TIMEOUT: 'soon' }, 'SHUTDOWN_TIMEOUT'],
		[{ PROTOCOL_HEADER: 'x forwarded proto' }, 'PROTOCOL_HEADER'],
		[{ BODY_SIZE_LIMIT: 'big' }, 'BODY_SIZE_LIMIT']
	])('a bad variable (%o) stops the server before it listens, naming %s', async (env, name) => {
		const result = await startWith(env);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(new RegExp(`Invalid (configuration:\\s+)?${name}\\b`));
		// Read by a person: no stack trace, and it never said it was listening.
		expect(result.stderr).not.toMatch(/^\s+at /m);
		expect(result.stdout).not.toContain('listening');
	});

	test('a database that cannot be opened stops the server with one line naming the setting', async () => {
		// Where the database file should be, a folder: SQLite cannot open it, whoever runs the server.
		mkdirSync(path.join(dir, 'data', path.basename(databaseFileIn(dir))), { recursive: true });
		const sqlite = await startWith({});
		expect(sqlite.status).toBe(1);
		expect(sqlite.stderr).toMatch(/^Cannot start: DATA_DIR: cannot open the database .+\n$/);

		const port = await freePort();
		const postgres = await startWith({
			DATABASE_URL: `postgres://parcours:secret-word@127.0.0.1:${port}/parcours`
		});
		expect(postgres.status).toBe(1);
		expect(postgres.stderr).toBe(
			`Cannot start: DATABASE_URL: cannot reach the PostgreSQL server at 127.0.0.1:${port}/parcours: connect ECONNREFUSED 127.0.0.1:${port}\n`
		);
		for (const result of [sqlite, postgres]) {
			expect(result.stderr).not.toMatch(/^\s+at /m);
			expect(result.stdout).not.toContain('listening');
		}
	});

	test('a fresh install creates its data folder and database, then reports healthy', async () => {
		const dataDir = path.join(dir, 'not', 'there', 'yet');
		server = await startServer({ dataDir });
		expect(existsSync(databaseFileIn(dataDir))).toBe(true);

		const response = await fetch(`${server.baseURL}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(response.headers.get('content-type')).toContain('application/json');
		const body = await response.json();
		expect(body).toMatchObject({ status: 'ok', database: 'ok' });
		expect(body.contentVersion).toEqual(expect.any(String));
	});

	test('it says where it listens: the address and port it took, and a URL that answers', async () => {
		const port = await freePort();
		server = await startServer({ dataDir: path.join(dir, 'data'), port });
		const line = server.logLines().find((entry) => entry.message === 'listening');
		expect(line).toMatchObject({ address: '127.0.0.1', port, url: `http://127.0.0.1:${port}` });
		expect((await fetch(`${line?.url}/healthz`)).status).toBe(200);
	});

	test('without ORIGIN, a local install over plain HTTP accepts its own forms and refuses others', async () => {
		const dataDir = path.join(dir, 'data');
		await createLearners(dataDir, ['locale'], 'une phrase pour un essai local');
		server = await startServer({ dataDir, env: { ORIGIN: '' } });
		const cookie = await signIn(server.baseURL, 'locale', 'une phrase pour un essai local');
		expect(cookie).toMatch(/^session=/);
		const forged = await fetch(`${server.baseURL}/login`, {
			method: 'POST',
			headers: {
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'login=locale&password=x'
		});
		expect(forged.status).toBe(403);
	});

	test('each request is logged as one JSON line, by route, without its query string', async () => {
		server = await startServer({ dataDir: path.join(dir, 'data') });
		const response = await fetch(`${server.baseURL}/verify-email?token=s3cr3t-t0k3n-value`, {
			headers: { cookie: 'session=abc.def', 'x-request-id': 'proxy-id-0123456789' }
		});
		await response.arrayBuffer();
		expect(response.headers.get('x-request-id')).toBe('proxy-id-0123456789');
		await server.waitForOutput(/proxy-id-0123456789/);
		const line = server.logLines().find((entry) => entry.id === 'proxy-id-0123456789');
		expect(line).toMatchObject({
			level: 'info',
			method: 'GET',
			route: '/verify-email',
			status: response.status
		});
		expect(typeof line?.ms).toBe('number');
		expect(server.output()).not.toContain('s3cr3t-t0k3n-value');
		expect(server.output()).not.toContain('abc.def');
	});

	test('a search made as soon as the server answers waits for the lessons, and finds them', async () => {
		const dataDir = path.join(dir, 'data');
		server = await startServer({ dataDir, pollMs: 5 });
		const response = await fetch(`${server.baseURL}/search?q=courriel`);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(`href="/${migrating.key}`);
		// The lessons were indexed after the server said it was listening, not before.
		const messages = server.logLines().map((line) => line.message);
		expect(messages.indexOf('search index brought up to date')).toBeGreaterThan(
			messages.indexOf('listening')
		);
		expect(await (await fetch(`${server.baseURL}/healthz`)).json()).toMatchObject({
			status: 'ok',
			search: 'ready'
		});
	});

	test('a server killed while it indexes the lessons leaves them to the next start, which indexes them', async () => {
		const dataDir = path.join(dir, 'data');
		server = await startServer({ dataDir, pollMs: 5 });
		// Killed as soon as it answers: the lessons (a second of work or more) are not indexed yet.
		const health = await (await fetch(`${server.baseURL}/healthz`)).json();
		await server.stop('SIGKILL');
		expect(health).toMatchObject({ status: 'ok', search: 'indexing' });
		expect(server.output()).not.toContain('search index brought up to date');
		const site = await openSite(dataDir);
		try {
			expect(await lessonsAreCurrent(site.db, index.version)).toBe(false);
		} finally {
			await site.close();
		}

		server = await startServer({ dataDir, pollMs: 5 });
		const response = await fetch(`${server.baseURL}/search?q=courriel`);
		expect(await response.text()).toContain(`href="/${migrating.key}`);
		await server.waitForOutput(/search index brought up to date/);
		const indexed = server
			.logLines()
			.find((line) => line.message === 'search index brought up to date');
		expect(indexed?.lessons).toBeGreaterThan(0);
	});

	test('V8 keeps the young generation at its starting size, set by server.js itself', async () => {
		server = await startServer({
			dataDir: path.join(dir, 'data'),
			nodeOptions: ['--require', MEMORY_PROBE]
		});
		// The first start indexes every lesson for search once it listens; then pages rendered one
		// by one (any cookie goes past the page cache): V8 would otherwise have grown it to 32 MB.
		await server.waitForOutput(/search index brought up to date/);
		for (let i = 0; i < 50; i++) {
			const response = await fetch(`${server.baseURL}/`, { headers: { cookie: 'x=1' } });
			await response.arrayBuffer();
		}
		server.child.kill('SIGUSR2');
		await server.waitForOutput(/^parcours-bench-memory \{.*\}$/m);
		const line = /^parcours-bench-memory (\{.*\})$/m.exec(server.output())![1];
		const memory = JSON.parse(line) as {
			heapSpaces: Record<string, { size: number }>;
			execArgv: string[];
		};
		// Started as `node <npm start's options> --require … server.js`: none of them sizes the heap.
		expect(memory.execArgv).toEqual([
			...serverNodeOptions(releaseDir()),
			'--require',
			MEMORY_PROBE
		]);
		expect(memory.execArgv.join(' ')).not.toMatch(/semi-space|old-space|heap/);
		expect(memory.heapSpaces.new_space.size).toBeLessThanOrEqual(2 * 1024 * 1024);
	});
});

/** `node scripts/start.js` as `npm start` runs it, under a parent standing for npm and its shell. */
async function startUnderParent(port: number, detached: boolean) {
	const parent = spawn(
		process.execPath,
		[
			'-e',
			`const child = require('node:child_process').spawn(process.execPath, ['scripts/start.js'], { stdio: 'inherit' });
			console.log('server pid ' + child.pid);
			setInterval(() => {}, 1000);`
		],
		{
			cwd: ROOT,
			detached,
			env: productionEnv({
				DATA_DIR: path.join(dir, 'data'),
				HOST: '127.0.0.1',
				PORT: String(port),
				SHUTDOWN_TIMEOUT: '20',
				npm_lifecycle_event: 'start'
			}),
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	parent.stdout.on('data', (chunk) => (output += chunk));
	parent.stderr.on('data', (chunk) => (output += chunk));
	const until = async (done: () => boolean, what: string) => {
		for (let waited = 0; !done(); waited += 100) {
			if (waited > 60_000) throw new Error(`${what}, still not; output:\n${output}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
	await until(() => /"message":"listening"/.test(output), 'the server should listen');
	const pid = Number(/server pid (\d+)/.exec(output)![1]);
	const alive = () => {
		try {
			process.kill(pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	return {
		parent,
		output: () => output,
		until,
		alive,
		kill: () => {
			if (alive()) process.kill(pid, 'SIGKILL');
			if (parent.exitCode === null) parent.kill('SIGKILL');
		}
	};
}

describe('`npm start` under a process manager', () => {
	test('when npm is stopped alone, the server it started stops too, gracefully', async () => {
		const port = await freePort();
		// npm runs `sh -c "node scripts/start.js"`, and dash passes no signal on: the parent's
		// death stands for a manager that signals npm's pid only.
		const started = await startUnderParent(port, false);
		try {
			expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
			started.parent.kill('SIGKILL');
			await started.until(() => !started.alive(), 'the server should stop once npm is gone');
		} finally {
			started.kill();
		}
		expect(started.output()).toMatch(/"message":"stopping","signal":"SIGTERM"/);
		expect(started.output()).toMatch(/"message":"stopped","signal":"SIGTERM"/);
		await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
	});

	test('when the whole group is signalled, npm gone adds no second signal: a request in flight is answered', async () => {
		const port = await freePort();
		const started = await startUnderParent(port, true);
		try {
			// A form whose body is still coming: a request in flight while the server stops.
			const socket = net.connect(port, '127.0.0.1');
			await new Promise((resolve) => socket.once('connect', resolve));
			const body = 'login=nobody&password=x';
			socket.write(
				`POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
					`Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n` +
					body.slice(0, 5)
			);
			let answer = '';
			socket.on('data', (chunk) => (answer += chunk));
			const closed = new Promise((resolve) => socket.once('close', resolve));
			await new Promise((resolve) => setTimeout(resolve, 300));

			// As systemd stops a service: SIGTERM to every process of its group at once.
			process.kill(-started.parent.pid!, 'SIGTERM');
			await started.until(() => /"message":"stopping"/.test(started.output()), 'stopping');
			// Longer than the parent watch's second: it must not send a signal of its own.
			await new Promise((resolve) => setTimeout(resolve, 2500));
			expect(started.output()).not.toMatch(/second signal/);
			expect(socket.destroyed).toBe(false);

			socket.write(body.slice(5));
			await closed;
			expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /);
			await started.until(() => !started.alive(), 'the server should stop once answered');
		} finally {
			started.kill();
		}
		expect(started.output()).toMatch(/"message":"stopped","signal":"SIGTERM"/);
	});
});
