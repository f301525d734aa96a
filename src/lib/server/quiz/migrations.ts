// Data moves of the quiz tables' migrations (listed in db/migrations.ts). A migration may write
// any table it reshapes, so these run outside the tables' owning modules.
import type SQLite from 'better-sqlite3';
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
