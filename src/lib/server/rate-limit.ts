// Fixed-window counters kept in the database, so limits survive a restart.
import type { DB } from './db/index.ts';

export interface Limit {
	/** Events allowed in a window. */
	max: number;
	windowMs: number;
}

const MINUTE = 60_000;
export const LIMITS = {
	signInPerAccount: { max: 5, windowMs: 15 * MINUTE },
	signInPerAddress: { max: 20, windowMs: 15 * MINUTE },
	registerPerAddress: { max: 5, windowMs: 60 * MINUTE },
	emailPerAddress: { max: 5, windowMs: 60 * MINUTE },
	emailPerAccount: { max: 3, windowMs: 60 * MINUTE },
	passwordCheckPerAccount: { max: 5, windowMs: 15 * MINUTE }
} satisfies Record<string, Limit>;

/** How long until `key` may act again: 0 when it may now. */
export async function retryAfter(
	db: DB,
	key: string,
	limit: Limit,
	now = Date.now()
): Promise<number> {
	const row = await db
		.selectFrom('throttles')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row || now - row.window_start >= limit.windowMs) return 0;
	return row.failures >= limit.max ? row.window_start + limit.windowMs - now : 0;
}

/** Counts one event against `key`. */
export async function hit(db: DB, key: string, limit: Limit, now = Date.now()) {
	await db
		.insertInto('throttles')
		.values({ key, failures: 1, window_start: now })
		.onConflict((conflict) =>
			conflict.column('key').doUpdateSet((eb) => ({
				failures: eb
					.case()
					.when('throttles.window_start', '<=', now - limit.windowMs)
					.then(1)
					.else(eb('throttles.failures', '+', 1))
					.end(),
				window_start: eb
					.case()
					.when('throttles.window_start', '<=', now - limit.windowMs)
					.then(now)
					.else(eb.ref('throttles.window_start'))
					.end()
			}))
		)
		.execute();
}

/** Checks then counts, in one go: for actions limited whatever their outcome. */
export async function consume(db: DB, key: string, limit: Limit, now = Date.now()) {
	const wait = await retryAfter(db, key, limit, now);
	if (wait === 0) await hit(db, key, limit, now);
	return wait;
}

export async function reset(db: DB, key: string) {
	await db.deleteFrom('throttles').where('key', '=', key).execute();
}

export const minutesToWait = (ms: number) => Math.max(1, Math.ceil(ms / MINUTE));
