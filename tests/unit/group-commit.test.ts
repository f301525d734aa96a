// Group commit: on SQLite, write transactions asked for at the same moment share one transaction
// (each in a savepoint) and one COMMIT, and none is answered before that COMMIT; on PostgreSQL each
// runs in a transaction of its own. SQLite's tests use a file, so that a second connection can
// look at what is committed; the postgres project runs this file again on PostgreSQL.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { inGroupCommit, MOST_PER_COMMIT } from '../../src/lib/server/db/group-commit.ts';
import { openDatabase, type Database, type DB } from '../../src/lib/server/db/index.ts';
import { changed, isCurrent, recordShown, shown } from '../../src/lib/server/page-versions.ts';
import * as progress from '../../src/lib/server/progress.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import { submitAttempt } from '../../src/lib/server/quiz/attempts.ts';
import { take, throttleKey, type Limit } from '../../src/lib/server/rate-limit.ts';
import { createUser } from '../../src/lib/server/user.ts';
import { writeCourses } from '../helpers/course-fixture.ts';
import { onPostgres, testDatabase, type TestDatabase } from '../helpers/database.ts';

const LIMIT: Limit = { max: 100, windowMs: 60_000 };
const LESSON = { key: 'demo/01-premiers-pas/01-bienvenue' };

let folder: string;
let file: string;
let connection: TestDatabase;
let db: DB;
let cleanups: (() => unknown)[] = [];

beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'parcours-group-commit-'));
	file = path.join(folder, 'parcours.db');
	connection = onPostgres ? await testDatabase() : await openDatabase(file);
	db = connection.db;
});
afterEach(async () => {
	await connection.close();
	for (const cleanup of cleanups.splice(0)) await cleanup();
	rmSync(folder, { recursive: true, force: true });
});

/** The keys of the throttle counters stored, as `take` names them. */
async function counters(database: DB = db) {
	const rows = await database.selectFrom('throttles').select('key').execute();
	return rows.map((row) => row.key).sort();
}
const stored = (...keys: string[]) => keys.map(throttleKey).sort();

/** A second connection to the SQLite file: it sees only what is committed. */
function secondConnection() {
	const other = new SQLite(file, { readonly: true });
	cleanups.push(() => other.close());
	const count = other.prepare('SELECT count(*) FROM throttles').pluck();
	return { throttles: () => count.get() as number };
}

/**
 * The same SQLite file through a Kysely of its own that counts the COMMITs it sends (the
 * database's own Kysely keeps its statements prepared, so it cannot be counted from outside).
 */
function countingCommits() {
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	let commits = 0;
	const counted = new Kysely<Database>({
		dialect: new SqliteDialect({
			database: {
				close: () => sqlite.close(),
				prepare(query) {
					if (query.trim().toLowerCase() === 'commit') commits++;
					return sqlite.prepare(query);
				}
			}
		})
	});
	cleanups.push(() => counted.destroy());
	return { db: counted, commits: () => commits };
}

/** An attempt at the fixture course's quiz, for a learner to name. */
function quizValues() {
	const { coursesDir, cleanup } = writeCourses();
	cleanups.push(cleanup);
	const [course] = loadContent(coursesDir).index.courses;
	const sequence = course.sequences.find((each) => each.quiz)!;
	return {
		courseSlug: course.slug,
		quizKey: sequence.key,
		result: gradeQuiz(sequence.quiz!, {}),
		answers: {}
	};
}

describe.skipIf(onPostgres)('on SQLite', () => {
	test('quiz attempts sent together are stored by one COMMIT, each answered with its own attempt once committed', async () => {
		const users = [];
		for (const name of ['ada', 'brune', 'chloe', 'driss', 'emma', 'farid']) {
			users.push(
				await createUser(db, { username: name, email: `${name}@example.org`, passwordHash: 'x' })
			);
		}
		const counting = countingCommits();
		const values = quizValues();
		const other = new SQLite(file, { readonly: true });
		cleanups.push(() => other.close());
		const attemptsSeen = other.prepare('SELECT id FROM quiz_attempts').pluck();
		const before = counting.commits();

		const answers = await Promise.all(
			users.map((user) =>
				submitAttempt(counting.db, { ...values, userId: user.id }).then((answer) => {
					// Answered only once its attempt is committed: another connection sees it.
					if (answer.ok) expect(attemptsSeen.all()).toContain(answer.attemptId);
					return answer;
				})
			)
		);

		expect(counting.commits() - before).toBe(1);
		const ids = answers.map((answer) => (answer.ok ? answer.attemptId : null));
		expect(new Set(ids).size).toBe(users.length);
		expect(ids).not.toContain(null);
		expect((attemptsSeen.all() as number[]).sort()).toEqual((ids as number[]).sort());
	});

	test('nothing of a group is visible to another connection before its COMMIT', async () => {
		const other = secondConnection();
		const seenByTheLast: number[] = [];
		const works = ['a', 'b', 'c'].map((key) =>
			inGroupCommit(db, (trx) => take(trx, key, LIMIT, 1000))
		);
		works.push(
			inGroupCommit(db, async (trx) => {
				seenByTheLast.push(other.throttles(), (await counters(trx)).length);
				return take(trx, 'd', LIMIT, 1000);
			})
		);
		await Promise.all(works);
		// The last work saw the three before it in its transaction, and none of them committed.
		expect(seenByTheLast).toEqual([0, 3]);
		expect(other.throttles()).toBe(4);
	});

	test('a group is at most MOST_PER_COMMIT works long', async () => {
		const counting = countingCommits();
		const before = counting.commits();
		await Promise.all(
			Array.from({ length: MOST_PER_COMMIT + 10 }, (_, i) =>
				inGroupCommit(counting.db, (trx) => take(trx, `key ${i}`, LIMIT, 1000))
			)
		);
		expect(counting.commits() - before).toBe(2);
		expect(await counters(counting.db)).toHaveLength(MOST_PER_COMMIT + 10);
	});

	test('when the COMMIT fails, every work of the group is rejected and nothing is stored', async () => {
		const user = await createUser(db, {
			username: 'ada',
			email: 'ada@example.org',
			passwordHash: 'x'
		});
		const failed = await Promise.allSettled([
			inGroupCommit(db, (trx) => take(trx, 'a', LIMIT, 1000)),
			inGroupCommit(db, async (trx) => {
				// Checked at the COMMIT: the progress of a learner who does not exist.
				await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
				await progress.setLessonDone(trx, user.id + 1000, LESSON, 'demo', true, 1000);
			}),
			inGroupCommit(db, (trx) => progress.setLessonDone(trx, user.id, LESSON, 'demo', true, 1000))
		]);
		expect(failed.map((each) => each.status)).toEqual(['rejected', 'rejected', 'rejected']);
		for (const each of failed)
			expect((each as PromiseRejectedResult).reason.message).toMatch(/FOREIGN KEY/);
		expect(await counters()).toEqual([]);
		expect(await progress.isLessonDone(db, user.id, LESSON.key)).toBe(false);
		// The database goes on: the next group is committed.
		await inGroupCommit(db, (trx) => take(trx, 'b', LIMIT, 1000));
		expect(await counters()).toEqual(stored('b'));
	});

	test('a work whose error rolls the whole transaction back takes its group with it', async () => {
		const answers = await Promise.allSettled([
			inGroupCommit(db, (trx) => take(trx, 'a', LIMIT, 1000)),
			inGroupCommit(db, async (trx) => {
				// What SQLite does on its own on a full disk or an I/O error.
				await sql`ROLLBACK`.execute(trx);
				throw new Error('disk full');
			}),
			inGroupCommit(db, (trx) => take(trx, 'c', LIMIT, 1000))
		]);
		expect(answers).toEqual(
			[0, 1, 2].map(() => ({ status: 'rejected', reason: new Error('disk full') }))
		);
		expect(await counters()).toEqual([]);
		await inGroupCommit(db, (trx) => take(trx, 'd', LIMIT, 1000));
		expect(await counters()).toEqual(stored('d'));
	});

	test('a work that queries the database instead of its transaction gets an error, not a wait for ever', async () => {
		const answer = inGroupCommit(db, () => counters(db));
		await expect(answer).rejects.toThrow(/must use the transaction it is given/);
		// What a work leaves running once it is done may use the database.
		let later: Promise<string[]> | undefined;
		await inGroupCommit(db, async (trx) => {
			await take(trx, 'a', LIMIT, 1000);
			later = new Promise((resolve) => setTimeout(resolve, 0)).then(() => counters(db));
		});
		expect(await later).toEqual(stored('a'));
	});
});

describe('on either database', () => {
	test('a work that throws is rolled back alone, and its caller alone gets its error', async () => {
		const answers = await Promise.allSettled([
			inGroupCommit(db, (trx) => take(trx, 'a', LIMIT, 1000)),
			inGroupCommit(db, async (trx) => {
				await take(trx, 'b', LIMIT, 1000);
				throw new Error('refused');
			}),
			inGroupCommit(db, (trx) => take(trx, 'c', LIMIT, 1000))
		]);
		expect(answers).toEqual([
			{ status: 'fulfilled', value: { wait: 0, count: 1 } },
			{ status: 'rejected', reason: new Error('refused') },
			{ status: 'fulfilled', value: { wait: 0, count: 1 } }
		]);
		expect(await counters()).toEqual(stored('a', 'c'));
	});

	test('each work runs in its caller’s context, though a group runs them together', async () => {
		const request = new AsyncLocalStorage<string>();
		const seen = await Promise.all(
			['first', 'second', 'third'].map((name) =>
				request.run(name, () =>
					inGroupCommit(db, async (trx) => {
						const before = request.getStore();
						await take(trx, name, LIMIT, 1000);
						return `${before} ${request.getStore()}`;
					})
				)
			)
		);
		expect(seen).toEqual(['first first', 'second second', 'third third']);
		expect(await counters()).toEqual(stored('first', 'second', 'third'));
	});

	test('works on the same rows see each other in turn, as if each were committed before the next', async () => {
		const counts = await Promise.all(
			Array.from({ length: 5 }, () =>
				inGroupCommit(db, async (trx) => (await take(trx, 'same', LIMIT, 1000)).count)
			)
		);
		expect(counts.sort()).toEqual([1, 2, 3, 4, 5]);
	});

	test('given its transaction, a work runs inside it in a savepoint of its own; given the database, it is refused', async () => {
		const answer = await inGroupCommit(db, async (trx) => {
			await take(trx, 'outer', LIMIT, 1000);
			await inGroupCommit(trx, (inner) => take(inner, 'inner', LIMIT, 1000));
			const refused = await inGroupCommit(trx, async (inner) => {
				await take(inner, 'undone', LIMIT, 1000);
				throw new Error('undone alone');
			}).catch((error: Error) => error.message);
			const nested = await inGroupCommit(db, (other) => take(other, 'never', LIMIT, 1000)).catch(
				(error: Error) => error.message
			);
			return [refused, nested];
		});
		expect(answer).toEqual([
			'undone alone',
			expect.stringMatching(/pass it the transaction the work was given/)
		]);
		expect(await counters()).toEqual(stored('outer', 'inner'));
	});

	test('a change made in a work renews the pages showing it, even when the work is rolled back', async () => {
		const written = 'group-commit written';
		const undone = 'group-commit undone';
		const [, showsWritten] = await recordShown(async () => shown(written));
		const [, showsUndone] = await recordShown(async () => shown(undone));
		await Promise.allSettled([
			inGroupCommit(db, async (trx) => {
				await take(trx, 'a', LIMIT, 1000);
				await changed(trx, written);
			}),
			inGroupCommit(db, async (trx) => {
				await changed(trx, undone);
				throw new Error('rolled back');
			})
		]);
		expect(isCurrent(showsWritten)).toBe(false);
		// Recorded before the rollback: that page is built once more than needed, never kept stale.
		expect(isCurrent(showsUndone)).toBe(false);
	});
});
