// The server is killed (SIGKILL: no shutdown code runs) again and again while learners take
// quizzes, work through lessons and reply in discussions. Whatever it acknowledged before dying
// must be in the database afterwards, and the database must stay whole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import {
	createLearners,
	databaseFileIn,
	getPage,
	postForm,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from './server.ts';

const PASSWORD = 'un mot de passe assez long';
const LEARNERS = ['ada', 'brune', 'chloe', 'driss'];
const CYCLES = 5;
/** Acknowledged writes to wait for in each cycle before pulling the plug. */
const WRITES_PER_CYCLE = 20;
/** A cycle that cannot get that far in this long is a failure, not a slow machine. */
const CYCLE_DEADLINE = 20_000;

interface Learner {
	id: number;
	username: string;
	cookie: string;
	/** The learner's own discussion thread, where their replies go. */
	threadUrl: string | null;
	/** How many requests the learner has made: picks the next lesson, quiz or reply. */
	turn: number;
}

/** What the server said it had saved, and what it was asked that it never confirmed. */
const acknowledged = {
	visits: new Set<string>(),
	done: new Set<string>(),
	attempts: new Map<number, number>(),
	/** Reply texts, each unique. */
	replies: new Set<string>()
};
const unconfirmedAttempts = new Map<number, number>();
/** Answers no healthy server gives (a 500, a refused session): the test fails on any. */
const unexpected: string[] = [];
let writesThisCycle = 0;
let writesInAll = 0;

const count = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

function course() {
	const { index } = loadContent(path.join(ROOT, 'courses'));
	const [first] = index.courses;
	const lessons = first.sequences.flatMap((sequence) => sequence.lessons);
	const quizzes = first.sequences.flatMap((sequence) =>
		sequence.quiz
			? [
					{
						url: sequence.quiz.url,
						// A different option each time: attempts differ, as real ones do.
						form: (turn: number) =>
							new URLSearchParams([
								// The seed of the order a quiz page showed; any one will do.
								['seed', String(turn)],
								...sequence.quiz!.questions.map((question) => [
									`q:${question.id}`,
									question.options[turn % question.options.length].id
								])
							])
					}
				]
			: []
	);
	return { courseUrl: first.url, lessons, quizzes };
}

/** Opens a question thread on the first lesson; the thread's URL, or why it could not. */
async function openThread(baseURL: string, learner: Learner, content: ReturnType<typeof course>) {
	const answer = await postForm(
		baseURL,
		`${content.courseUrl}/discussions/new`,
		new URLSearchParams({
			lessonKey: content.lessons[0].key,
			kind: 'question',
			title: `Question de ${learner.username} sur la première leçon`,
			body: `Bonjour, je suis ${learner.username} et je relis la première leçon.`
		}),
		learner.cookie
	);
	if (answer.type !== 'redirect' || !answer.location)
		throw new Error(`${learner.username} could not open a thread: ${answer.status} ${answer.type}`);
	return answer.location.split('?')[0];
}

/**
 * One learner's session, one request at a time: lesson visits, lessons marked done, quizzes and
 * replies. Returns when stopped, or when the server dies under it.
 */
async function work(
	baseURL: string,
	learner: Learner,
	content: ReturnType<typeof course>,
	stopped: () => boolean
) {
	while (!stopped()) {
		// Carried over restarts, so no text is ever posted twice (a double post would be refused).
		const turn = learner.turn++;
		const lesson = content.lessons[turn % content.lessons.length];
		const key = `${learner.id}|${lesson.key}`;
		const step = turn % (learner.threadUrl ? 4 : 3);
		try {
			if (step === 0) {
				const response = await getPage(baseURL, lesson.url, learner.cookie);
				if (response.status !== 200) unexpected.push(`GET ${lesson.url}: ${response.status}`);
				else acknowledged.visits.add(key);
			} else if (step === 1) {
				const answer = await postForm(
					baseURL,
					`${lesson.url}?/done`,
					new URLSearchParams({ done: 'yes' }),
					learner.cookie
				);
				// Acknowledged by sending the learner back to the lesson.
				if (answer.type !== 'redirect')
					unexpected.push(`done ${lesson.url}: ${answer.status} ${answer.text}`);
				else acknowledged.done.add(key);
			} else if (step === 3 && learner.threadUrl) {
				const text = `Réponse ${turn} de ${learner.username} : merci pour ces explications.`;
				const answer = await postForm(
					baseURL,
					`${learner.threadUrl}?/reply`,
					new URLSearchParams({ body: text }),
					learner.cookie
				);
				if (answer.type !== 'redirect')
					unexpected.push(`reply ${learner.threadUrl}: ${answer.status} ${answer.text}`);
				else acknowledged.replies.add(text);
			} else {
				const quiz = content.quizzes[turn % content.quizzes.length];
				count(unconfirmedAttempts, learner.id);
				const answer = await postForm(baseURL, quiz.url, quiz.form(turn), learner.cookie);
				// Acknowledged by sending the learner to the attempt just stored.
				if (answer.type !== 'redirect' || !/\/attempts\/\d+$/.test(answer.location ?? '')) {
					unexpected.push(`quiz ${quiz.url}: ${answer.status} ${answer.text}`);
					continue;
				}
				unconfirmedAttempts.set(learner.id, unconfirmedAttempts.get(learner.id)! - 1);
				count(acknowledged.attempts, learner.id);
			}
			writesThisCycle += 1;
			writesInAll += 1;
		} catch {
			// The server died mid-request: this write was never acknowledged, so nothing is expected.
			return;
		}
	}
}

/** Reads the database as the crashed server left it (read-only: no repair before the restart). */
function checkDatabase(databaseFile: string) {
	const database = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
	try {
		const integrity = database.pragma('integrity_check', { simple: true });
		const progress = database
			.prepare('SELECT user_id, lesson_key, completed_at FROM lesson_progress')
			.all() as { user_id: number; lesson_key: string; completed_at: number | null }[];
		const visited = new Set(progress.map((row) => `${row.user_id}|${row.lesson_key}`));
		const completed = new Set(
			progress
				.filter((row) => row.completed_at !== null)
				.map((row) => `${row.user_id}|${row.lesson_key}`)
		);
		const posts = new Set(
			database.prepare('SELECT body FROM forum_posts').pluck().all() as string[]
		);
		const attempts = new Map(
			(
				database
					.prepare('SELECT user_id, count(*) AS n FROM quiz_attempts GROUP BY user_id')
					.all() as { user_id: number; n: number }[]
			).map((row) => [row.user_id, row.n])
		);
		return {
			integrity,
			lostVisits: [...acknowledged.visits].filter((key) => !visited.has(key)),
			lostDone: [...acknowledged.done].filter((key) => !completed.has(key)),
			lostReplies: [...acknowledged.replies].filter((text) => !posts.has(text)),
			attempts: learners.map(({ id, username }) => ({
				username,
				stored: attempts.get(id) ?? 0,
				acknowledged: acknowledged.attempts.get(id) ?? 0,
				unconfirmed: unconfirmedAttempts.get(id) ?? 0
			}))
		};
	} finally {
		database.close();
	}
}

let dataDir: string;
let server: RunningServer | undefined;
let learners: Learner[] = [];

beforeAll(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-crash-'));
});
afterAll(async () => {
	await server?.stop('SIGKILL');
	rmSync(dataDir, { recursive: true, force: true });
});

describe('crash safety', () => {
	test('every write the server acknowledged survives repeated kills, in a whole database', async () => {
		const databaseFile = databaseFileIn(dataDir);
		const ids = await createLearners(dataDir, LEARNERS, PASSWORD);
		const content = course();
		const outputs: string[] = [];

		for (let cycle = 1; cycle <= CYCLES; cycle++) {
			// Each restart recovers the database left by the kill before it: startServer waits for
			// /healthz, which only answers 200 once the database answers a query.
			server = await startServer({ dataDir, env: { LOG_LEVEL: 'warn' } });
			const { baseURL } = server;
			if (learners.length === 0) {
				// Sessions are rows in the database: they stay valid across the restarts.
				for (const username of LEARNERS) {
					const cookie = await signIn(baseURL, username, PASSWORD);
					const learner: Learner = {
						id: ids[username],
						username,
						cookie,
						threadUrl: null,
						turn: ids[username] * 7
					};
					learner.threadUrl = await openThread(baseURL, learner, content);
					learners.push(learner);
				}
			}

			writesThisCycle = 0;
			let stopped = false;
			const workers = learners.map((learner) => work(baseURL, learner, content, () => stopped));
			const deadline = Date.now() + CYCLE_DEADLINE;
			while (
				writesThisCycle < WRITES_PER_CYCLE &&
				Date.now() < deadline &&
				server.child.exitCode === null
			) {
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			expect(
				writesThisCycle,
				`cycle ${cycle} made no progress:\n${server.output()}`
			).toBeGreaterThanOrEqual(WRITES_PER_CYCLE);
			// Pulled while the learners' requests are in flight.
			server.child.kill('SIGKILL');
			stopped = true;
			await server.exited;
			await Promise.all(workers);
			outputs.push(server.output());

			const state = checkDatabase(databaseFile);
			expect(state.integrity, `after kill ${cycle}`).toBe('ok');
			expect(state.lostVisits, `after kill ${cycle}`).toEqual([]);
			expect(state.lostDone, `after kill ${cycle}`).toEqual([]);
			expect(state.lostReplies, `after kill ${cycle}`).toEqual([]);
			// Attempts carry no id of the client's: counted, every acknowledged one must be there, and
			// at most the ones cut off by the kill may be there too (saved, never confirmed).
			for (const attempts of state.attempts) {
				const what = `${attempts.username}'s attempts after kill ${cycle}`;
				expect(attempts.stored, what).toBeGreaterThanOrEqual(attempts.acknowledged);
				expect(attempts.stored, what).toBeLessThanOrEqual(
					attempts.acknowledged + attempts.unconfirmed
				);
			}
		}

		// The last restart recovers the database and serves from it; then a clean stop.
		server = await startServer({ dataDir, env: { LOG_LEVEL: 'warn' } });
		const health = await (await fetch(`${server.baseURL}/healthz`)).json();
		expect(health).toMatchObject({ status: 'ok', database: 'ok' });
		expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
		const final = checkDatabase(databaseFile);
		expect(final.integrity).toBe('ok');
		expect(final.lostVisits).toEqual([]);
		expect(final.lostDone).toEqual([]);
		expect(final.lostReplies).toEqual([]);

		expect(unexpected, outputs.join('\n')).toEqual([]);
		expect(writesInAll).toBeGreaterThanOrEqual(CYCLES * WRITES_PER_CYCLE);
		expect(acknowledged.attempts.size).toBe(LEARNERS.length);
	});
});
