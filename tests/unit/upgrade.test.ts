import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { history } from '../../src/lib/server/db/migrations.ts';
import { findAttempt } from '../../src/lib/server/quiz/attempts.ts';
import { findUserById } from '../../src/lib/server/user.ts';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A database file as an earlier release left it: only migrations below `version`. */
async function databaseBefore(version: number) {
	const folder = mkdtempSync(path.join(tmpdir(), 'parcours-upgrade-'));
	folders.push(folder);
	const file = path.join(folder, 'parcours.db');
	const old = await openDatabase(file, {
		legacy: history.legacy.filter((migration) => migration.version < version),
		baseline: [],
		migrations: []
	});
	return { file, old };
}

test('an existing database keeps its links and drops old counters when it upgrades', async () => {
	const { file, old } = await databaseBefore(20);
	old.sqlite.exec(`
		INSERT INTO users (id, username, email, password_hash, created_at)
			VALUES (1, 'alice', 'alice@example.org', 'x', 0);
		INSERT INTO email_tokens VALUES ('abc', 1, 'reset-password', 'alice@example.org', 0, 9e15);
		INSERT INTO throttles VALUES ('signin:${'a'.repeat(1000)}', 3, 0);
	`);
	await old.close();

	const upgraded = await openDatabase(file);
	try {
		expect(upgraded.sqlite.prepare('SELECT token_hash, purpose FROM email_tokens').all()).toEqual([
			{ token_hash: 'abc', purpose: 'reset-password' }
		]);
		expect(upgraded.sqlite.prepare('SELECT * FROM throttles').all()).toEqual([]);
		upgraded.sqlite
			.prepare("INSERT INTO email_tokens VALUES ('def', 1, 'sign-in', 'alice@example.org', 0, 1)")
			.run();
	} finally {
		await upgraded.close();
	}
});

test('attempts stored with a full copy of their quiz stay reviewable, sharing one copy after the upgrade', async () => {
	const { file, old } = await databaseBefore(21);
	const result = {
		score: 0,
		correctCount: 0,
		questionCount: 1,
		passingScore: 70,
		passed: false,
		questions: [
			{
				id: 'but',
				promptHtml: '<p>Pourquoi ?</p>',
				detailsHtml: '',
				multiple: false,
				answered: true,
				correct: false,
				partiallyCorrect: false,
				chosen: ['a'],
				explanationHtml: '<p>Parce que.</p>',
				options: [
					{ id: 'a', html: 'A', correct: false, chosen: true, feedbackHtml: 'Non' },
					{ id: 'b', html: 'B', correct: true, chosen: false, feedbackHtml: 'Oui' }
				]
			}
		]
	};
	old.sqlite.exec(`INSERT INTO users (id, username, email, password_hash, created_at)
		VALUES (1, 'alice', 'alice@example.org', 'x', 0)`);
	const insert = old.sqlite.prepare(
		`INSERT INTO quiz_attempts (user_id, course_slug, quiz_key, score, passed, answers, snapshot, created_at)
		VALUES (1, 'cours', 'cours/seq', 0, 0, ?, ?, ?)`
	);
	for (let i = 0; i < 3; i++) insert.run('{"but":["a"]}', JSON.stringify(result), i);
	await old.close();

	const upgraded = await openDatabase(file);
	try {
		expect(upgraded.sqlite.prepare('SELECT count(*) FROM quiz_snapshots').pluck().get()).toBe(1);
		const columns = upgraded.sqlite.prepare("SELECT name FROM pragma_table_info('quiz_attempts')");
		expect(columns.pluck().all()).not.toContain('snapshot');
		const attempt = await findAttempt(upgraded.db, 1, 2);
		expect(attempt?.result).toEqual(result);
	} finally {
		await upgraded.close();
	}
});

test('a writer suspended before the upgrade stays suspended, in the discussions’ own table', async () => {
	const { file, old } = await databaseBefore(24);
	old.sqlite.exec(`
		INSERT INTO users (id, username, email, password_hash, created_at, posting_suspended_until)
			VALUES (1, 'alice', 'alice@example.org', 'x', 0, 4102444800000),
				(2, 'bob', 'bob@example.org', 'x', 0, NULL);
	`);
	await old.close();

	const upgraded = await openDatabase(file);
	try {
		expect(upgraded.sqlite.prepare('SELECT user_id, until FROM forum_suspensions').all()).toEqual([
			{ user_id: 1, until: 4102444800000 }
		]);
		expect(await findUserById(upgraded.db, 1)).toMatchObject({
			postingSuspendedUntil: 4102444800000
		});
		expect(await findUserById(upgraded.db, 2)).toMatchObject({ postingSuspendedUntil: null });
	} finally {
		await upgraded.close();
	}
});

test('no two migrations of the history share a version', () => {
	const versions = [...history.legacy, ...history.migrations].map(({ version }) => version);
	expect(new Set(versions).size).toBe(versions.length);
	expect(versions.length).toBeGreaterThan(10);
});

test('a database made by the previous release, with its data, opens unchanged and keeps it all', async () => {
	const { file, old } = await databaseBefore(Infinity);
	old.sqlite.exec(`
		INSERT INTO users (id, username, email, password_hash, created_at)
			VALUES (1, 'Alice', 'alice@example.org', 'x', 0);
		INSERT INTO forum_threads (id, course, sequence, lesson_key, kind, title, created_at, last_activity_at)
			VALUES (1, 'c', 's', 'c/s/l', 'question', 'Une question', 0, 0);
		INSERT INTO forum_posts (thread_id, author_id, body, body_html, render_version, body_hash, created_at)
			VALUES (1, 1, 'Bonjour', '<p>Bonjour</p>', 1, 'h', 0);
	`);
	const before = old.sqlite.prepare('SELECT version FROM schema_migrations').pluck().all();
	await old.close();

	const upgraded = await openDatabase(file);
	try {
		expect(upgraded.sqlite.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([
			...before,
			...history.migrations.map(({ version }) => version)
		]);
		// Names stay unique whatever their case, as they were.
		expect(() =>
			upgraded.sqlite
				.prepare(
					"INSERT INTO users (username, email, password_hash, created_at) VALUES ('alice', 'b@example.org', 'x', 0)"
				)
				.run()
		).toThrow(/UNIQUE/);
		expect(upgraded.sqlite.prepare('SELECT body FROM forum_posts').pluck().all()).toEqual([
			'Bonjour'
		]);
	} finally {
		await upgraded.close();
	}
});
