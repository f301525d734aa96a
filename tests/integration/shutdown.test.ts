import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import {
	createLearners,
	databaseFileIn,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from './server.ts';

const PASSWORD = 'un mot de passe assez long';

let dataDir: string;
let server: RunningServer | undefined;

beforeEach(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-shutdown-'));
});
afterEach(async () => {
	await server?.stop('SIGKILL');
	server = undefined;
	rmSync(dataDir, { recursive: true, force: true });
});

function firstQuiz() {
	const { index } = loadContent(path.join(ROOT, 'courses'));
	const sequence = index.courses[0].sequences.find((candidate) => candidate.quiz);
	if (!sequence?.quiz) throw new Error('the course has no quiz');
	const answers = new URLSearchParams([
		// The seed of the order a quiz page showed; any one will do.
		['seed', '1'],
		...sequence.quiz.questions.map((question) => [`q:${question.id}`, question.options[0].id])
	]);
	return { url: sequence.quiz.url, key: sequence.key, body: answers.toString() };
}

interface Upload {
	/** Resolves once the server has read the request's headers (it answered `100 Continue`). */
	started: Promise<void>;
	finish(): void;
	response: Promise<{ status: number; body: string }>;
}

/** A quiz submission whose body is held back until `finish()`: a request left in flight. */
function slowSubmission(baseURL: string, pathname: string, body: string, cookie: string): Upload {
	const half = Math.floor(body.length / 2);
	let started!: () => void;
	const startedPromise = new Promise<void>((resolve) => (started = resolve));
	const request = http.request(`${baseURL}${pathname}`, {
		method: 'POST',
		agent: false,
		headers: {
			origin: baseURL,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': Buffer.byteLength(body),
			'x-sveltekit-action': 'true',
			accept: 'application/json',
			expect: '100-continue'
		}
	});
	const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
		request.on('error', reject);
		request.on('response', (res) => {
			let text = '';
			res.on('data', (chunk: Buffer) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			res.on('error', reject);
		});
	});
	request.on('continue', () => {
		request.write(body.slice(0, half));
		started();
	});
	request.flushHeaders();
	return {
		started: startedPromise,
		finish: () => request.end(body.slice(half)),
		response
	};
}

function attemptsIn(databaseFile: string): number {
	const database = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
	try {
		return database.prepare('SELECT count(*) FROM quiz_attempts').pluck().get() as number;
	} finally {
		database.close();
	}
}

describe('graceful shutdown', () => {
	test('on SIGTERM a quiz being submitted is still graded and saved, then the server exits cleanly', async () => {
		const databaseFile = databaseFileIn(dataDir);
		await createLearners(dataDir, ['lea'], PASSWORD);
		server = await startServer({ dataDir });
		const cookie = await signIn(server.baseURL, 'lea', PASSWORD);
		const quiz = firstQuiz();

		const upload = slowSubmission(server.baseURL, quiz.url, quiz.body, cookie);
		await upload.started;
		server.child.kill('SIGTERM');
		await server.waitForOutput(/"message":"stopping"/);
		const stopping = server.logLines().find((line) => line.message === 'stopping');
		expect(stopping).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });

		// No new visitor is let in while the last one finishes.
		await expect(fetch(`${server.baseURL}/healthz`)).rejects.toThrow();

		upload.finish();
		const answer = await upload.response;
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toMatchObject({
			type: 'redirect',
			location: expect.stringMatching(/\/quiz\/attempts\/\d+$/)
		});

		expect(await server.exited).toEqual({ code: 0, signal: null });
		expect(server.output()).toContain('"message":"stopped"');
		// The database was closed: its write-ahead log checkpointed and removed, nothing left behind.
		expect(existsSync(`${databaseFile}-wal`)).toBe(false);
		expect(attemptsIn(databaseFile)).toBe(1);
		const database = new SQLite(databaseFile, { readonly: true });
		expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
		database.close();
	});

	test('on SIGINT (Ctrl-C) an idle server closes its database and exits with 0', async () => {
		server = await startServer({ dataDir });
		const exit = await server.stop('SIGINT');
		expect(exit).toEqual({ code: 0, signal: null });
		expect(existsSync(`${databaseFileIn(dataDir)}-wal`)).toBe(false);
		expect(server.logLines().map((line) => line.message)).toEqual(
			expect.arrayContaining(['listening', 'stopping', 'stopped'])
		);
	});

	test('a request that never ends delays the exit by SHUTDOWN_TIMEOUT at most', async () => {
		const databaseFile = databaseFileIn(dataDir);
		await createLearners(dataDir, ['lea'], PASSWORD);
		server = await startServer({ dataDir, env: { SHUTDOWN_TIMEOUT: '1' } });
		const cookie = await signIn(server.baseURL, 'lea', PASSWORD);
		const quiz = firstQuiz();

		const stalled = slowSubmission(server.baseURL, quiz.url, quiz.body, cookie);
		const outcome = stalled.response.then(
			() => 'answered',
			() => 'cut off'
		);
		await stalled.started;
		const exit = await server.stop('SIGTERM');
		expect(exit).toEqual({ code: 0, signal: null });
		expect(server.output()).toContain('shutdown timeout');
		expect(await outcome).toBe('cut off');
		expect(existsSync(`${databaseFile}-wal`)).toBe(false);
		expect(attemptsIn(databaseFile)).toBe(0);
	});
});
