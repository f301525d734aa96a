// Data moves of the quiz tables' migrations (listed in db/migrations.ts). A migration may write
// any table it reshapes, so these run outside the tables' owning modules.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { idColumn, typesOf, type Dialect } from '../db/dialect.ts';
import type { QuizResult, QuizVersion } from './grade.ts';
import { serialise, versionOf } from './version.ts';

/**
 * The upgrade of a database whose attempts each carry a full result: each distinct version is
 * stored once and the attempts point at it. Their answers were stored apart all along.
 */
export function shareQuizSnapshots(sqlite: SQLite.Database) {
	const attempts = sqlite.prepare('SELECT id, snapshot FROM quiz_attempts').all() as {
		id: number;
		snapshot: string;
	}[];
	const insert = sqlite.prepare(
		`INSERT INTO quiz_snapshots (hash, quiz) VALUES (?, ?)
		ON CONFLICT (hash) DO UPDATE SET hash = excluded.hash RETURNING id`
	);
	const link = sqlite.prepare('UPDATE quiz_attempts SET snapshot_id = ? WHERE id = ?');
	for (const attempt of attempts) {
		let version: QuizVersion;
		try {
			version = versionOf(JSON.parse(attempt.snapshot) as QuizResult);
		} catch {
			// Not a result this code ever wrote: nothing to review, the score stays.
			continue;
		}
		const { quiz, hash } = serialise(version);
		const { id } = insert.get(hash, quiz) as { id: number };
		link.run(id, attempt.id);
	}
}

/** Quiz attempts and the quiz versions they were graded against, as they stand today. */
export async function createQuizTables(db: Kysely<any>, dialect: Dialect) {
	const { time } = typesOf(dialect);
	await db.schema
		.createTable('quiz_snapshots')
		.addColumn('id', 'integer', idColumn(dialect))
		.addColumn('hash', 'text', (c) => c.notNull().unique())
		.addColumn('quiz', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('quiz_attempts')
		.addColumn('id', 'integer', idColumn(dialect))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('quiz_key', 'text', (c) => c.notNull())
		.addColumn('score', 'integer', (c) => c.notNull())
		.addColumn('passed', 'integer', (c) => c.notNull())
		.addColumn('answers', 'text', (c) => c.notNull())
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('snapshot_id', 'integer', (c) => c.references('quiz_snapshots.id'))
		.addColumn('arrangement', 'text')
		.execute();
	await db.schema
		.createIndex('quiz_attempts_user')
		.on('quiz_attempts')
		.columns(['user_id', 'quiz_key', 'created_at'])
		.execute();
	await db.schema
		.createIndex('quiz_attempts_quiz')
		.on('quiz_attempts')
		.column('quiz_key')
		.execute();
}
