// The one writer of `forum_suspensions`: who may not write in the discussions, and until when.
// A suspension is the forum's business, kept apart from the account itself.
import type { Suspension } from '../../forum.ts';
import type { DB } from '../db/index.ts';

/** Sets a suspension's end, or lifts it with `null`; the caller logs the decision. */
export async function writeSuspension(db: DB, userId: number, until: number | null) {
	if (until === null) {
		await db.deleteFrom('forum_suspensions').where('user_id', '=', userId).execute();
		return;
	}
	await db
		.insertInto('forum_suspensions')
		.values({ user_id: userId, until })
		.onConflict((conflict) => conflict.column('user_id').doUpdateSet({ until }))
		.execute();
}

/** Suspensions still running, the one ending first coming first. */
export async function listSuspensions(db: DB, now = Date.now()): Promise<Suspension[]> {
	return db
		.selectFrom('forum_suspensions as suspension')
		.innerJoin('users', 'users.id', 'suspension.user_id')
		.select(['users.id', 'users.username', 'suspension.until'])
		.where('suspension.until', '>', now)
		.orderBy('suspension.until')
		.execute();
}
