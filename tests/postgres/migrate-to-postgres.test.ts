// `npm run migrate-to-postgres`: a host moves a living SQLite site, with its learners, discussions
// and certificates, to PostgreSQL, and the site goes on there as it was.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import * as auth from '../../src/lib/server/auth.ts';
import * as certificates from '../../src/lib/server/certificates/index.ts';
import { forgetSigningKey } from '../../src/lib/server/certificates/signing-key.ts';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { openDatabase, type Connection, type DB } from '../../src/lib/server/db/index.ts';
import { history } from '../../src/lib/server/db/migrations.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { COPIED_TABLES, NOT_COPIED, sqliteTables } from '../../src/lib/server/db/transfer.ts';
import { proposeEdit } from '../../src/lib/server/edits/index.ts';
import { emailsQueued } from '../../src/lib/server/email.ts';
import { flagPost } from '../../src/lib/server/forum/flags.ts';
import { setPostHidden, suspendUser } from '../../src/lib/server/forum/moderation.ts';
import { createReply } from '../../src/lib/server/forum/posts.ts';
import { createThread } from '../../src/lib/server/forum/threads.ts';
import { follow } from '../../src/lib/server/notifications/follows.ts';
import { enqueueEmail } from '../../src/lib/server/notifications/outbox.ts';
import { setEmailMode } from '../../src/lib/server/notifications/settings.ts';
import * as progress from '../../src/lib/server/progress.ts';
import { recordAttempt } from '../../src/lib/server/quiz/attempts.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import { replaceLessons, search } from '../../src/lib/server/search/index.ts';
import * as secondFactor from '../../src/lib/server/second-factor.ts';
import { createSession } from '../../src/lib/server/session.ts';
import { createUser, findUserByUsername, markEmailVerified } from '../../src/lib/server/user.ts';
import { context } from '../helpers/accounts.ts';
import { writeCourses } from '../helpers/course-fixture.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DAY = 24 * 60 * 60_000;
const PASSWORD = 'une phrase de passe bien longue';
const now = Date.now();

let dir: string;
let siteFile: string;
let cleanContent: () => void;
/** The target the site was moved to, and what the command printed doing it. */
let target: Connection;
let moved: ReturnType<typeof migrate>;

/** Runs the command as a host does, in a process of its own. */
function migrate(...args: string[]) {
	return spawnSync('npx', ['tsx', 'scripts/migrate-to-postgres.ts', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 120_000
	});
}

async function person(db: DB, username: string, role: 'learner' | 'moderator' = 'learner') {
	const user = await createUser(db, {
		username,
		email: `${username.toLowerCase()}@example.org`,
		passwordHash: 'not-a-real-hash',
		role,
		now: now - 30 * DAY
	});
	await markEmailVerified(db, user.id, user.email, now - 30 * DAY);
	return user;
}

/** Every lesson done and every quiz passed, as a learner finishing the course does. */
async function finishCourse(db: DB, userId: number, course: Course) {
	for (const sequence of course.sequences) {
		for (const lesson of sequence.lessons) {
			await progress.recordVisit(db, userId, lesson, course.slug, now - 3 * DAY);
			await progress.setLessonDone(db, userId, lesson, course.slug, true, now - 2 * DAY);
		}
		if (!sequence.quiz) continue;
		const answers = Object.fromEntries(
			sequence.quiz.questions.map((q) => [
				q.id,
				q.options.filter((o) => o.correct).map((o) => o.id)
			])
		);
		const result = gradeQuiz(sequence.quiz, answers);
		await recordAttempt(db, {
			userId,
			courseSlug: course.slug,
			quizKey: sequence.key,
			result,
			answers
		});
	}
}

/** A site that has lived a little: every table holds rows, written by the domains' own functions. */
async function buildSite(file: string) {
	const { db, close } = await openDatabase(file);
	try {
		// As the server does at start: French lessons in `demo`, English ones in `hosting`.
		await replaceLessons(db, 'v1', [
			{
				course: 'demo',
				lessonKey: 'demo/premiers-pas/bienvenue',
				language: 'fr',
				title: 'Bienvenue',
				sections: [{ anchor: null, heading: '', text: 'Une première leçon.' }]
			},
			{
				course: 'hosting',
				lessonKey: 'hosting/start/tools',
				language: 'en',
				title: 'Hosting your tools',
				sections: [{ anchor: null, heading: '', text: 'Small hosts keep your data close.' }]
			}
		]);
		const registered = await auth.register(
			db,
			{ username: 'MarieCurie', email: 'Marie.Curie@Example.org', password: PASSWORD },
			context()
		);
		if (!registered.ok) throw new Error(`registration refused: ${registered.error}`);
		const marie = (await findUserByUsername(db, 'MarieCurie'))!;
		await markEmailVerified(db, marie.id, marie.email, now - 30 * DAY);
		const paul = await person(db, 'paul', 'moderator');
		const lea = await person(db, 'lea');
		const tom = await person(db, 'tom');
		await emailsQueued();

		await createSession(db, marie.id, 'Firefox', now - DAY);
		await secondFactor.beginSetup(db, paul);
		await secondFactor.replaceRecoveryCodes(db, paul.id);
		await secondFactor.createChallenge(db, paul.id);

		const { coursesDir, cleanup } = writeCourses();
		cleanContent = cleanup;
		const course = loadContent(coursesDir).index.courses[0];
		await finishCourse(db, marie.id, course);
		// The site's key, in its database as this release keeps it: copied like every row.
		await certificates.startSigningKey(db);
		const claimed = await certificates.claimCertificate(
			db,
			marie.id,
			{ course: course.slug, name: 'Marie Curie' },
			(slug) => (slug === course.slug ? course : undefined),
			certificates.siteIssuer('https://cours.example.org'),
			now - DAY
		);
		if (!claimed.ok) throw new Error(`certificate refused: ${claimed.error}`);

		await follow(db, lea.id, 'course', 'demo', now - 20 * DAY);
		await setEmailMode(db, lea.id, 'each');
		const question = await createThread(
			db,
			paul.id,
			{
				lessonKey: 'demo/premiers-pas/bienvenue',
				kind: 'question',
				title: 'Où ranger les archives ?',
				body: 'Les archives de l’association tiennent dans un grenier humide.'
			},
			now - 10 * DAY
		);
		if (!question.ok) throw new Error(`thread refused: ${question.error}`);
		const reply = await createReply(
			db,
			marie.id,
			question.threadId,
			{ body: 'Un local sec et des boîtes en carton neutre conservent le papier.' },
			now - 9 * DAY
		);
		if (!reply.ok) throw new Error(`reply refused: ${reply.error}`);
		const spam = await createReply(
			db,
			tom.id,
			question.threadId,
			{ body: 'Achetez mes contrefaçons extraordinaires.' },
			now - 8 * DAY
		);
		if (!spam.ok) throw new Error(`reply refused: ${spam.error}`);
		await flagPost(db, lea.id, spam.postId, { reason: 'publicité' }, now - 8 * DAY);
		await setPostHidden(db, paul.id, spam.postId, true, { note: 'publicité' }, now - 7 * DAY);
		await suspendUser(
			db,
			paul.id,
			tom.id,
			{ until: new Date(now + 10 * DAY).toISOString().slice(0, 10), note: 'publicité' },
			now - 7 * DAY
		);
		const english = await createThread(
			db,
			lea.id,
			{
				lessonKey: 'hosting/start/tools',
				kind: 'question',
				title: 'Which hosts keep backups?',
				body: 'Do small hosts keep offsite backups of mailboxes?'
			},
			now - 6 * DAY
		);
		if (!english.ok) throw new Error(`thread refused: ${english.error}`);
		const edit = await proposeEdit(
			db,
			lea.id,
			{
				key: 'demo/premiers-pas/bienvenue',
				title: 'Bienvenue',
				file: 'courses/demo/01-premiers-pas/01-bienvenue.md',
				source: '---\ntitle: Bienvenue\n---\n\nUne premiere phrase.\n',
				contentVersion: 'v1'
			},
			{
				lines: '5',
				proposed: 'Une première phrase.',
				body: 'Un accent manque.',
				signed: true,
				title: 'Modification proposée : Bienvenue, ligne 5'
			},
			now - 5 * DAY
		);
		if (!edit.ok) throw new Error(`edit refused: ${edit.error}`);
		await enqueueEmail(db, { to: 'lea@example.org', subject: 'Bienvenue', text: 'Bonjour' });
		// Litestream keeps its own table in the database it replicates.
		await sql`CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)`.execute(db);
	} finally {
		await close();
	}
}

/** Every row of a table, in an order both databases agree on, keys sorted. */
async function rowsOf(db: Kysely<any>, table: string) {
	const rows: Record<string, unknown>[] = await db.selectFrom(table).selectAll().execute();
	return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort()))).sort();
}

async function countOf(db: Kysely<any>, table: string) {
	const { n } = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-migrate-'));
	for (const key of ['SMTP_URL', 'DATABASE_URL']) delete process.env[key];
	Object.assign(process.env, {
		DATA_DIR: dir,
		ORIGIN: 'https://cours.example.org',
		CERTIFICATE_ISSUER: 'Association Exemple'
	});
	reloadConfig();
	forgetSigningKey();
	siteFile = path.join(dir, 'parcours.db');
	await buildSite(siteFile);
	const url = await emptyDatabase();
	moved = migrate(siteFile, url);
	target = await openPostgres(url, { poolSize: 2 });
});
afterAll(async () => {
	await target?.close();
	cleanContent?.();
	forgetSigningKey();
	rmSync(dir, { recursive: true, force: true });
});

describe('moving a site', () => {
	test('every row of every table arrives as it was, and the command says so', async () => {
		expect(moved.stderr).toBe('');
		expect(moved.status).toBe(0);
		expect(moved.stdout).toMatch(/^SQLite .*: up to date$/m);
		expect(moved.stdout).toMatch(/^users +4 +4$/m);
		expect(moved.stdout).toMatch(/^search: 4 posts indexed/m);
		expect(moved.stdout).toContain('left in SQLite, not Parcours tables: _litestream_seq\n');
		expect(moved.stdout).toMatch(/^done in \d+\.\d s/m);

		const { db, close } = await openDatabase(siteFile);
		try {
			for (const table of COPIED_TABLES) {
				const count = await countOf(db, table);
				expect({ table, count: count > 0 }).toEqual({ table, count: true });
				expect({ table, count: await countOf(target.db, table) }).toEqual({ table, count });
				expect(await rowsOf(target.db, table)).toEqual(await rowsOf(db, table));
			}
		} finally {
			await close();
		}
	});

	test('names keep their case and are still found in any case; hashes and dates are the same', async () => {
		const marie = await findUserByUsername(target.db, 'mariecurie');
		expect(marie).toMatchObject({ username: 'MarieCurie', email: 'marie.curie@example.org' });
		const session = await target.db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', marie!.id)
			.where('user_agent', '=', 'Firefox')
			.executeTakeFirstOrThrow();
		expect(Buffer.isBuffer(session.secret_hash)).toBe(true);
		expect(session.secret_hash).toHaveLength(32);
		expect(session.created_at).toBe(now - DAY);
	});

	test('search finds the copied posts anyone may read, in their course’s language, and not a hidden one', async () => {
		const found = await search(target.db, { query: 'carton' });
		expect(found.hits).toEqual([
			expect.objectContaining({ kind: 'question', title: 'Où ranger les archives ?' })
		]);
		expect((await search(target.db, { query: 'offsite backups' })).hits).toEqual([
			expect.objectContaining({ language: 'en', title: 'Which hosts keep backups?' })
		]);
		expect((await search(target.db, { query: 'contrefaçons' })).total).toBe(0);
		// The same entries as the forum made post by post in SQLite.
		const { db, close } = await openDatabase(siteFile);
		try {
			const postEntries = (db: DB) =>
				db
					.selectFrom('search_passages')
					.select(['kind', 'course', 'language', 'thread_id', 'post_id', 'title', 'text'])
					.where('post_id', 'is not', null)
					.orderBy('post_id')
					.execute();
			const postWords = (db: DB) =>
				db
					.selectFrom('search_words')
					.select(['word', 'term', 'in_posts'])
					.where('in_posts', '>', 0)
					.orderBy('word')
					.orderBy('term')
					.execute();
			expect(await postEntries(target.db)).toEqual(await postEntries(db));
			// SQLite still counts the words of the post hidden since; PostgreSQL starts afresh.
			const words = await postWords(target.db);
			expect(await postWords(db)).toEqual(expect.arrayContaining(words));
			expect(words.map(({ word }) => word)).toContain('carton');
			expect(words.map(({ word }) => word)).not.toContain('contrefacons');
		} finally {
			await close();
		}
		// The lessons wait for the server's start: search_state says nothing is indexed yet.
		expect(await target.db.selectFrom('search_state').selectAll().execute()).toEqual([]);
	});

	test('a learner signs in on PostgreSQL with the password she had', async () => {
		const signedIn = await auth.signIn(
			target.db,
			{ login: 'MARIECURIE', password: PASSWORD },
			context()
		);
		expect(signedIn).toMatchObject({ ok: true, user: { username: 'MarieCurie' } });
		const wrong = await auth.signIn(target.db, { login: 'mariecurie', password: 'x' }, context());
		expect(wrong).toMatchObject({ ok: false, error: 'invalid' });
	});

	test('what is written after the move gets ids above the copied ones', async () => {
		const highest = async (table: 'users' | 'forum_threads' | 'forum_posts') =>
			(
				await target.db
					.selectFrom(table)
					.select((eb) => eb.fn.max('id').as('id'))
					.executeTakeFirstOrThrow()
			).id;
		const before = {
			users: await highest('users'),
			threads: await highest('forum_threads'),
			posts: await highest('forum_posts')
		};
		const zoe = await person(target.db, 'zoe');
		expect(zoe.id).toBe(before.users + 1);
		const thread = await createThread(target.db, zoe.id, {
			lessonKey: 'demo/premiers-pas/bienvenue',
			kind: 'question',
			title: 'Une question après le déménagement',
			body: 'Tout est-il bien arrivé ?'
		});
		expect(thread).toMatchObject({ ok: true, threadId: before.threads + 1 });
		expect(await highest('forum_posts')).toBe(before.posts + 1);
	});
});

describe('what the command refuses', () => {
	test('a file from an earlier release is brought up to date first, and says so', async () => {
		const file = path.join(dir, 'earlier.db');
		const { close } = await openDatabase(file, { ...history, migrations: [] });
		await close();
		const run = migrate(file, await emptyDatabase());
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const applied = history.migrations.length;
		expect(run.stdout).toContain(
			`SQLite ${file}: brought up to date first (${applied} migration${applied === 1 ? '' : 's'} applied)`
		);
		expect(run.stdout).toMatch(/^suggested_edits +0 +0$/m);
	});

	test('without its two arguments it shows how to use it', () => {
		const run = migrate(siteFile);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			'Usage: npm run migrate-to-postgres -- <sqlite file> <postgres url>'
		);
	});

	test('a file that does not exist is named, and not made', async () => {
		const missing = path.join(dir, 'absent.db');
		const run = migrate(missing, await emptyDatabase());
		expect(run.status).toBe(1);
		expect(run.stderr).toBe(`migrate-to-postgres: no SQLite database at ${missing}\n`);
		expect(existsSync(missing)).toBe(false);
	});

	test('an address that is not PostgreSQL’s, or a server that does not answer, is named', () => {
		const other = migrate(siteFile, 'mysql://parcours@localhost/parcours');
		expect(other.status).toBe(1);
		expect(other.stderr).toBe(
			'migrate-to-postgres: the target is not a PostgreSQL URL: it must start with postgres:// or postgresql://\n'
		);
		const silent = migrate(siteFile, 'postgres://parcours:secret@127.0.0.1:1/parcours');
		expect(silent.status).toBe(1);
		expect(silent.stderr).toMatch(
			/^migrate-to-postgres: cannot use the PostgreSQL database at 127\.0\.0\.1:1\/parcours: .*ECONNREFUSED.*\n$/
		);
		expect(silent.stderr).not.toContain('secret');
	});

	test('a database that already holds a site is left untouched', async () => {
		const url = await emptyDatabase();
		const live = await openPostgres(url, { poolSize: 1 });
		try {
			await person(live.db, 'someone');
			const run = migrate(siteFile, url);
			expect(run.status).toBe(1);
			expect(run.stderr).toMatch(
				/^migrate-to-postgres: refused: the PostgreSQL database already holds rows in users; .*\n$/
			);
			expect(await rowsOf(live.db, 'users')).toHaveLength(1);
			expect(await countOf(live.db, 'forum_threads')).toBe(0);
		} finally {
			await live.close();
		}
	});
});

test('every table the schema makes is copied, or left out with its reason', async () => {
	const made = await Promise.all([
		openDatabase(':memory:'),
		openDatabase(':memory:', { ...history, baseline: [] })
	]);
	const accounted: string[] = [...COPIED_TABLES, ...Object.keys(NOT_COPIED)];
	for (const { sqlite, close } of made) {
		const tables = sqliteTables(sqlite);
		await close();
		expect(tables.filter((table) => !accounted.includes(table))).toEqual([]);
	}
	expect(Object.values(NOT_COPIED).every((reason) => reason.length > 20)).toBe(true);
	expect(COPIED_TABLES).toContain('users');
});
