import { spawn, spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backupDatabase } from '../../scripts/backup.ts';
import { loadSigningKey } from '../../src/lib/server/certificates/signing-key.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { writeEarlierKeyFile } from '../helpers/signing-key.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ATTEMPTS = 2_000;
const VISITED = 50;

/**
 * Another process writing one row per transaction, as the server does under load, numbered so a
 * copy can be checked for holes. Prints `ready` after its first rows; stops when stdin closes.
 */
const WRITER = `
import Database from 'better-sqlite3';
const [file, userId] = process.argv.slice(1);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
	"INSERT INTO lesson_progress (user_id, lesson_key, course_slug, first_visited_at, last_visited_at) VALUES (?, ?, 'writer', ?, ?)"
);
let written = 0;
let stopped = false;
function write() {
	if (stopped) return;
	for (let n = 0; n < 10; n++) {
		const now = Date.now();
		insert.run(Number(userId), 'writer/' + String(written).padStart(7, '0'), now, now);
		written += 1;
		if (written === 100) process.stdout.write('ready\\n');
	}
	setImmediate(write);
}
process.stdin.on('end', () => {
	stopped = true;
	db.close();
	process.stdout.write('wrote ' + written + '\\n');
});
process.stdin.resume();
write();
`;

let dir: string;
let live: string;
let writer: ReturnType<typeof startWriter> | undefined;

/** A database with a learner, some progress and enough attempts to take a few megabytes. */
async function seedLiveDatabase(file: string) {
	const { db, close } = await openDatabase(file);
	const user = await db
		.insertInto('users')
		.values({
			username: 'lea',
			email: 'lea@example.org',
			password_hash: 'x',
			role: 'learner',
			created_at: Date.now()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < VISITED; i++) {
			await trx
				.insertInto('lesson_progress')
				.values({
					user_id: user.id,
					lesson_key: `cours/sequence/lecon-${i}`,
					course_slug: 'cours',
					first_visited_at: i,
					last_visited_at: i,
					completed_at: i % 2 ? i : null
				})
				.execute();
		}
		for (let i = 0; i < ATTEMPTS; i++) {
			await trx
				.insertInto('quiz_attempts')
				.values({
					user_id: user.id,
					course_slug: 'cours',
					quiz_key: `cours/sequence-${i % 8}`,
					score: i % 101,
					passed: i % 101 >= 70 ? 1 : 0,
					answers: JSON.stringify({ padding: ['x'.repeat(1_000)], i: [String(i)] }),
					snapshot_id: null,
					created_at: i
				})
				.execute();
		}
	});
	await close();
	return user.id;
}

function startWriter(file: string, userId: number) {
	const child = spawn(
		process.execPath,
		['--input-type=module', '-e', WRITER, file, String(userId)],
		{
			cwd: ROOT,
			stdio: ['pipe', 'pipe', 'inherit']
		}
	);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
	const until = (pattern: RegExp) =>
		new Promise<RegExpExecArray>((resolve, reject) => {
			const check = () => {
				const match = pattern.exec(output);
				if (match) return resolve(match);
				if (child.exitCode !== null) return reject(new Error(`writer exited: ${output}`));
				setTimeout(check, 20);
			};
			check();
		});
	return {
		child,
		ready: () => until(/ready/),
		/** Stops the writer and returns how many rows it committed in all. */
		stop: async () => {
			child.stdin?.end();
			return Number((await until(/wrote (\d+)/))[1]);
		}
	};
}

/** The writer's rows in a database, read without changing the file. */
function writerRows(file: string): string[] {
	const database = new SQLite(file, { readonly: true, fileMustExist: true });
	try {
		return database
			.prepare(
				"SELECT lesson_key FROM lesson_progress WHERE course_slug = 'writer' ORDER BY lesson_key"
			)
			.pluck()
			.all() as string[];
	} finally {
		database.close();
	}
}

/** Polls until the live database holds more of the writer's rows than `count`. */
async function writtenBeyond(file: string, count: number) {
	while (writerRows(file).length <= count) await new Promise((resolve) => setTimeout(resolve, 20));
}

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-backup-'));
	live = path.join(dir, 'live', 'parcours.db');
	mkdirSync(path.dirname(live));
});
afterEach(() => {
	writer?.child.kill();
	writer = undefined;
	rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
	test(
		'a backup taken while the server writes restores to a whole, consistent database',
		{ timeout: 60_000 },
		async () => {
			const userId = await seedLiveDatabase(live);
			const running = startWriter(live, userId);
			writer = running;
			await running.ready();

			const copy = path.join(dir, 'parcours-backup.db');
			const result = await backupDatabase(live, copy);
			expect(result.integrity).toBe('ok');
			expect(result.bytes).toBeGreaterThan(ATTEMPTS * 1_000);
			// The writer kept committing after the copy was taken: the copy caught it mid-stream.
			const inCopy = writerRows(copy).length;
			await writtenBeyond(live, inCopy);
			expect(await running.stop()).toBeGreaterThan(inCopy);

			// Restore as docs/deploy.md says: the server is stopped, the copy put in place, no stale
			// -wal or -shm beside it, then the server opens it (migrations included).
			const restored = path.join(dir, 'restored', 'parcours.db');
			mkdirSync(path.dirname(restored));
			copyFileSync(copy, restored);
			expect(existsSync(`${restored}-wal`) || existsSync(`${restored}-shm`)).toBe(false);
			const { sqlite, close } = await openDatabase(restored);
			try {
				expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
				expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
				const count = (sql: string) => sqlite.prepare(sql).pluck().get();
				expect(count('SELECT count(*) FROM users')).toBe(1);
				expect(count('SELECT count(*) FROM quiz_attempts')).toBe(ATTEMPTS);
				expect(count("SELECT count(*) FROM lesson_progress WHERE course_slug = 'cours'")).toBe(
					VISITED
				);
				expect(count('SELECT max(created_at) FROM quiz_attempts')).toBe(ATTEMPTS - 1);
				// One snapshot: the writer's rows are exactly its first N, without a hole.
				const rows = writerRows(restored);
				expect(rows.length).toBe(inCopy);
				expect(rows.length).toBeGreaterThanOrEqual(100);
				expect(rows).toEqual(
					Array.from({ length: rows.length }, (_, i) => `writer/${String(i).padStart(7, '0')}`)
				);
			} finally {
				await close();
			}
		}
	);

	test('an existing file is kept unless the backup is forced', async () => {
		await seedLiveDatabase(live);
		const copy = path.join(dir, 'parcours-backup.db');
		writeFileSync(copy, 'an older backup');
		await expect(backupDatabase(live, copy)).rejects.toThrow(/already exists.*--force/);
		const result = await backupDatabase(live, copy, { force: true });
		expect(result.integrity).toBe('ok');
		const { sqlite, close } = await openDatabase(copy);
		expect(sqlite.prepare('SELECT count(*) FROM quiz_attempts').pluck().get()).toBe(ATTEMPTS);
		await close();
	});

	test('the certificate signing key travels in the copy; its file goes beside it only while the database does not hold it yet', async () => {
		await seedLiveDatabase(live);
		const keyFile = path.join(path.dirname(live), 'certificate-key.jwk');
		const silent = () => {};
		/** The key a server of this release signs with once it has started on `file`. */
		const keyStartedOn = async (file: string, keyFileThere?: string) => {
			const { db, close } = await openDatabase(file);
			try {
				return (await loadSigningKey(db, { file: keyFileThere, log: silent })).publicJwk;
			} finally {
				await close();
			}
		};
		const restoredFrom = (copy: string, name: string) => {
			const restored = path.join(dir, name, 'parcours.db');
			mkdirSync(path.dirname(restored));
			copyFileSync(copy, restored);
			return restored;
		};

		// A site an earlier release made, backed up before this release's server first starts.
		const earlier = writeEarlierKeyFile(keyFile);
		const monday = await backupDatabase(live, path.join(dir, 'monday.db'), { keyFile });
		const copied = path.join(dir, 'certificate-key.jwk');
		expect(monday).toMatchObject({ keyInCopy: false, key: copied });
		expect(readFileSync(copied, 'utf8')).toBe(readFileSync(keyFile, 'utf8'));
		expect(statSync(copied).mode & 0o777).toBe(0o600);
		// Restored with the file in its data folder, the site signs as the original did.
		const restoredMonday = restoredFrom(monday.file, 'restored-monday');
		copyFileSync(copied, path.join(path.dirname(restoredMonday), 'certificate-key.jwk'));
		expect(
			await keyStartedOn(
				restoredMonday,
				path.join(path.dirname(restoredMonday), 'certificate-key.jwk')
			)
		).toEqual(earlier.publicJwk);

		const otherSite = path.join(dir, 'other', 'certificate-key.jwk');
		mkdirSync(path.dirname(otherSite));
		writeEarlierKeyFile(otherSite);
		await expect(
			backupDatabase(live, path.join(dir, 'wednesday.db'), { keyFile: otherSite })
		).rejects.toThrow(/another certificate key.*--force/);
		expect(existsSync(path.join(dir, 'wednesday.db'))).toBe(false);

		// The server starts: the key moves into the database, and every copy holds it from then on.
		expect(await keyStartedOn(live, keyFile)).toEqual(earlier.publicJwk);
		rmSync(copied);
		const tuesday = await backupDatabase(live, path.join(dir, 'tuesday.db'), { keyFile });
		expect(tuesday).toMatchObject({ keyInCopy: true, key: null });
		expect(existsSync(copied)).toBe(false);
		// Restored on a new machine with nothing else, the site signs as the original did.
		expect(await keyStartedOn(restoredFrom(tuesday.file, 'restored-tuesday'))).toEqual(
			earlier.publicJwk
		);
	});

	test('`npm run backup` prints the size and integrity of the copy, and never overwrites', async () => {
		await seedLiveDatabase(live);
		const copy = path.join(dir, 'nightly.db');
		const run = (...args: string[]) =>
			spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
				cwd: ROOT,
				env: { ...process.env, DATA_DIR: path.dirname(live), DATABASE_URL: '' },
				encoding: 'utf8'
			});
		const first = run(copy);
		expect(first.stderr).toBe('');
		expect(first.status).toBe(0);
		expect(first.stdout).toMatch(/backed up to .*nightly\.db: [\d.]+ MiB, integrity_check: ok/);
		// No server has started here: there is no key, in the database or beside it.
		expect(first.stdout).not.toContain('signing key');
		const again = run(copy);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('already exists');
		expect(run(copy, '--force').status).toBe(0);

		// An earlier release's key file, not imported yet: copied, and said so.
		const keyFile = path.join(path.dirname(live), 'certificate-key.jwk');
		writeEarlierKeyFile(keyFile);
		const withFile = run(path.join(dir, 'before-upgrade.db'));
		expect(withFile.status).toBe(0);
		expect(withFile.stdout).toContain(
			`no certificate signing key yet (the server imports its file at its next start): the file is copied to ${path.join(dir, 'certificate-key.jwk')}`
		);

		const { db, close } = await openDatabase(live);
		await loadSigningKey(db, { file: keyFile, log: () => {} });
		await close();
		const imported = run(path.join(dir, 'after-upgrade.db'));
		expect(imported.status).toBe(0);
		expect(imported.stdout).not.toContain('signing key');
	});
});
