// Fixed-window counters kept in the database, so limits survive a restart. An event is counted
// before the work it guards, in one UPSERT … RETURNING: requests sent in parallel each see the
// count the others left, so no more than `max` of them ever get through.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from './db/index.ts';
import { prepared } from './db/prepared.ts';

export interface Limit {
	/** Events allowed in a window. */
	max: number;
	windowMs: number;
}

const MINUTE = 60_000;
export const LIMITS = {
	signInPerAccount: { max: 5, windowMs: 15 * MINUTE },
	signInPerAddress: { max: 20, windowMs: 15 * MINUTE },
	/** Warnings to an account's owner that someone keeps failing to sign in. */
	signInWarningPerAccount: { max: 1, windowMs: 60 * MINUTE },
	registerPerAddress: { max: 5, windowMs: 60 * MINUTE },
	emailPerAddress: { max: 5, windowMs: 60 * MINUTE },
	emailPerAccount: { max: 3, windowMs: 60 * MINUTE },
	passwordCheckPerAccount: { max: 5, windowMs: 15 * MINUTE },
	secondFactorPerAccount: { max: 5, windowMs: 15 * MINUTE },
	/** Far more than anyone types: this only stops a script from running the index hot. */
	searchPerAddress: { max: 60, windowMs: MINUTE }
} satisfies Record<string, Limit>;

/**
 * Keys hold what people type (a login, an address): stored as a hash, each row has the same small
 * size however long the input.
 */
export const throttleKey = (key: string) => createHash('sha256').update(key).digest('base64url');

export interface Taken {
	/** How long until `key` may act again: 0 when this event was allowed. */
	wait: number;
	/** Events in the current window, this one included. */
	count: number;
}

/**
 * One UPSERT per event, compiled once (prepared.ts): every quiz answer takes two. Past the limit
 * the count stops growing at `over`: it only has to say "over".
 */
const countEvent = prepared(
	(
		db,
		key: string,
		now: number,
		expired: number,
		max: number,
		over: number,
		windowMs: number,
		windowEnd: number
	) =>
		db
			.insertInto('throttles')
			.values({ key, failures: 1, window_start: now, expires_at: windowEnd })
			.onConflict((conflict) =>
				conflict.column('key').doUpdateSet({
					failures: sql<number>`CASE WHEN throttles.window_start <= ${expired} THEN 1
						WHEN throttles.failures > ${max} THEN ${over}
						ELSE throttles.failures + 1 END`,
					window_start: sql<number>`CASE WHEN throttles.window_start <= ${expired} THEN ${now}
						ELSE throttles.window_start END`,
					expires_at: sql<number>`CASE WHEN throttles.window_start <= ${expired}
						THEN ${windowEnd} ELSE throttles.window_start + ${windowMs} END`
				})
			)
			.returning(['failures', 'window_start'])
);

/** Counts one event against `key` and says whether it was within the limit. */
export async function take(db: DB, key: string, limit: Limit, now = Date.now()): Promise<Taken> {
	const [row] = await countEvent(
		db,
		throttleKey(key),
		now,
		now - limit.windowMs,
		limit.max,
		limit.max + 1,
		limit.windowMs,
		now + limit.windowMs
	);
	const wait = row.failures > limit.max ? row.window_start + limit.windowMs - now : 0;
	return { wait: Math.max(wait, 0), count: row.failures };
}

/** Takes one event from each key, or none: a refusal by a later key gives back the earlier ones. */
export async function takeAll(
	db: DB,
	checks: [key: string, limit: Limit][],
	now = Date.now()
): Promise<number> {
	const taken: string[] = [];
	for (const [key, limit] of checks) {
		const { wait } = await take(db, key, limit, now);
		if (wait > 0) {
			for (const earlier of taken) await giveBack(db, earlier);
			return wait;
		}
		taken.push(key);
	}
	return 0;
}

/** Returns an event taken for work that turned out not to count (a successful sign-in). */
export async function giveBack(db: DB, key: string) {
	await db
		.updateTable('throttles')
		.set({ failures: sql<number>`CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END` })
		.where('key', '=', throttleKey(key))
		.execute();
}

export async function reset(db: DB, key: string) {
	await db.deleteFrom('throttles').where('key', '=', throttleKey(key)).execute();
}

/** Counters whose window has passed hold nothing any more. */
export async function purgeExpiredThrottles(db: DB, now = Date.now()) {
	const result = await db.deleteFrom('throttles').where('expires_at', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export const minutesToWait = (ms: number) => Math.max(1, Math.ceil(ms / MINUTE));

/**
 * Counters for events too frequent to be written down each time (searches): kept in this
 * process's memory, so they start again with it and each instance counts its own. A write per
 * search would also wait for the disk on every search.
 */
const counters = new Map<string, { count: number; windowStart: number }>();
/** Past this many addresses, counters whose window has passed are dropped. */
const MOST_COUNTERS = 10_000;

/** Like take(), for one process, without the database. */
export function takeInMemory(key: string, limit: Limit, now = Date.now()): Taken {
	if (counters.size >= MOST_COUNTERS) {
		for (const [other, counter] of counters)
			if (counter.windowStart + limit.windowMs <= now) counters.delete(other);
	}
	let counter = counters.get(key);
	if (!counter || counter.windowStart + limit.windowMs <= now) {
		counter = { count: 0, windowStart: now };
		counters.set(key, counter);
	}
	counter.count = Math.min(counter.count + 1, limit.max + 1);
	const wait = counter.count > limit.max ? counter.windowStart + limit.windowMs - now : 0;
	return { wait: Math.max(wait, 0), count: counter.count };
}
