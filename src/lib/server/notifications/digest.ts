// The daily digest: one email a day at most, gathering what waited for it (everything, in digest
// mode; what the hourly limit held back, in « each event » mode) and is still unread on the site.
import type { Language } from '../../content/schema.ts';
import { LOCKS, takeTurn } from '../db/dialect.ts';
import type { DB } from '../db/index.ts';
import { findNotifications, setEmailState } from './inbox.ts';
import { composeEmail, unsubscribeUrl } from './messages.ts';
import { enqueueEmail } from './outbox.ts';
import { ensureSettings, recordDigestSent, unsubscribeToken } from './settings.ts';

export const DIGEST_INTERVAL = 24 * 60 * 60_000;

/**
 * Queues the digests that are due: for each learner with news waiting, once a day has passed since
 * their last digest (or since the oldest news, for a first one). Each in its own transaction.
 */
export async function queueDigests(db: DB, now = Date.now()) {
	const waiting = await db
		.selectFrom('notifications')
		.leftJoin('notification_settings as settings', 'settings.user_id', 'notifications.user_id')
		.select((eb) => [
			'notifications.user_id',
			'settings.last_digest_at',
			eb.fn.min('notifications.created_at').as('oldest')
		])
		.where('notifications.email', '=', 'digest')
		.groupBy(['notifications.user_id', 'settings.last_digest_at'])
		.execute();
	let queued = 0;
	for (const { user_id: userId, last_digest_at: last, oldest } of waiting) {
		if (now - (last ?? Number(oldest)) < DIGEST_INTERVAL) continue;
		if (await queueDigest(db, userId, now)) queued += 1;
	}
	return queued;
}

async function queueDigest(db: DB, userId: number, now: number) {
	return db.transaction().execute(async (trx) => {
		// Two instances sending digests at once: the second finds this learner's already marked.
		await takeTurn(trx, LOCKS.digest, userId);
		const rows = await trx
			.selectFrom('notifications')
			.select(['id', 'read_at'])
			.where('user_id', '=', userId)
			.where('email', '=', 'digest')
			.orderBy('id')
			.execute();
		const user = await trx
			.selectFrom('users')
			.select(['username', 'email', 'email_verified_at', 'language'])
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		const settings = await ensureSettings(trx, userId);
		const unread = rows.filter((row) => row.read_at === null).map((row) => row.id);
		const sendable =
			unread.length > 0 &&
			user.email_verified_at !== null &&
			settings.email_mode !== 'never' &&
			settings.stopped_address !== user.email;
		await setEmailState(
			trx,
			rows.map((row) => row.id),
			sendable ? { email: 'sent', emailed_at: now } : { email: 'none' }
		);
		if (!sendable) return false;
		const lang: Language = user.language === 'en' ? 'en' : 'fr';
		const email = composeEmail({
			lang,
			username: user.username,
			notifications: await findNotifications(trx, unread),
			digest: true,
			unsubscribeUrl: unsubscribeUrl(unsubscribeToken(userId, settings.unsubscribe_key))
		});
		await enqueueEmail(trx, { ...email, to: user.email, userId }, now);
		await recordDigestSent(trx, userId, now);
		return true;
	});
}
