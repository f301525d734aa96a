// A quiz as a learner answered it, stored once per distinct version and shared by every attempt
// at that version: a stored attempt stays reviewable after the author edits quiz.md, without
// copying the whole quiz into each attempt.
import type { DB } from '../db/index.ts';
import { prepared } from '../db/prepared.ts';
import type { QuizVersion } from './grade.ts';
import type { Snapshot } from './version.ts';

// Named here too, where attempts have always found them.
export { snapshotOf } from './version.ts';
export type { QuizVersion } from './grade.ts';

const snapshotWithHash = prepared((db, hash: string) =>
	db.selectFrom('quiz_snapshots').select('id').where('hash', '=', hash)
);

/**
 * The id of this version's row, written the first time it is seen. Every attempt at a version
 * but the first only reads it: a write would cost each attempt a row rewritten for nothing.
 */
export async function storeSnapshot(db: DB, { hash, quiz }: Snapshot): Promise<number> {
	const [known] = await snapshotWithHash(db, hash);
	if (known) return known.id;
	// A no-op update on conflict, so RETURNING gives the existing row's id too.
	const row = await db
		.insertInto('quiz_snapshots')
		.values({ hash, quiz: quiz() })
		.onConflict((conflict) =>
			conflict.column('hash').doUpdateSet((eb) => ({ hash: eb.ref('excluded.hash') }))
		)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export function parseSnapshot(quiz: string): QuizVersion {
	return JSON.parse(quiz) as QuizVersion;
}
