// Rows that can no longer be used are deleted on a schedule, so the database does not grow with
// every sign-in attempt, session and emailed link ever made.
import { LOCKS, unlessRunningElsewhere } from './db/dialect.ts';
import type { DB } from './db/index.ts';
import { purgeExpiredTokens } from './email-token.ts';
import { useLogger } from './log.ts';
import { purgeOldEmails } from './notifications/outbox.ts';
import { purgeExpiredThrottles } from './rate-limit.ts';
import { purgeExpiredChallenges } from './second-factor.ts';
import { purgeExpiredSessions } from './session.ts';

export const PURGE_INTERVAL = 60 * 60_000;

/** Deletes what has expired; with several instances on PostgreSQL, one of them at a time. */
export async function purgeExpired(db: DB, now = Date.now()) {
	const done = await unlessRunningElsewhere(db, LOCKS.purge, async (trx: DB) => ({
		sessions: await purgeExpiredSessions(trx, now),
		tokens: await purgeExpiredTokens(trx, now),
		throttles: await purgeExpiredThrottles(trx, now),
		challenges: await purgeExpiredChallenges(trx, now),
		emails: await purgeOldEmails(trx, now)
	}));
	return done.ran ? done.result : null;
}

/** Purges now, then every hour; the timer never keeps the process alive. Returns a stop. */
export function schedulePurge(db: () => DB, interval = PURGE_INTERVAL) {
	const run = () =>
		purgeExpired(db()).catch((failure: unknown) =>
			useLogger().log('error', {
				message: 'purging expired rows failed',
				error: String((failure as Error)?.message ?? failure)
			})
		);
	void run();
	const timer = setInterval(run, interval);
	timer.unref();
	return () => clearInterval(timer);
}
