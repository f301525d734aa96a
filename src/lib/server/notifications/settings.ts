// Each learner's email preference, feed address and the key that signs their unsubscribe links.
// A learner without a row has the defaults: a daily digest, no feed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DB } from '../db/index.ts';
import { useLogger } from '../log.ts';
import { dropWaitingDigest } from './inbox.ts';
import type { EmailMode } from './tables.ts';

export const EMAIL_MODES: readonly EmailMode[] = ['each', 'digest', 'never'];

const newSecret = () => randomBytes(32).toString('base64url');

/** The learner's settings row, created with the defaults when missing. */
export async function ensureSettings(db: DB, userId: number) {
	await db
		.insertInto('notification_settings')
		.values({ user_id: userId, email_mode: 'digest', unsubscribe_key: newSecret() })
		.onConflict((conflict) => conflict.column('user_id').doNothing())
		.execute();
	return db
		.selectFrom('notification_settings')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
}

export interface Preferences {
	emailMode: EmailMode;
	feedToken: string | null;
	/** Emails stopped going to the learner's current address after repeated failures. */
	stopped: boolean;
}

export async function findPreferences(db: DB, userId: number): Promise<Preferences> {
	const row = await db
		.selectFrom('notification_settings')
		.innerJoin('users', 'users.id', 'notification_settings.user_id')
		.select([
			'notification_settings.email_mode',
			'notification_settings.feed_token',
			'notification_settings.stopped_address',
			'users.email'
		])
		.where('notification_settings.user_id', '=', userId)
		.executeTakeFirst();
	return {
		emailMode: row?.email_mode ?? 'digest',
		feedToken: row?.feed_token ?? null,
		stopped: !!row && row.stopped_address !== null && row.stopped_address === row.email
	};
}

export const isEmailMode = (value: string): value is EmailMode =>
	(EMAIL_MODES as readonly string[]).includes(value);

/** Saving preferences also starts again emails that failures had stopped: the learner asked. */
export async function setEmailMode(db: DB, userId: number, mode: EmailMode) {
	await ensureSettings(db, userId);
	await db
		.updateTable('notification_settings')
		.set({ email_mode: mode, stopped_address: null, stopped_at: null })
		.where('user_id', '=', userId)
		.execute();
}

/** A new secret feed address; the previous one stops working. */
export async function renewFeedToken(db: DB, userId: number) {
	await ensureSettings(db, userId);
	const token = newSecret();
	await db
		.updateTable('notification_settings')
		.set({ feed_token: token })
		.where('user_id', '=', userId)
		.execute();
	return token;
}

export async function findFeedOwner(db: DB, token: string) {
	if (!/^[\w-]{20,100}$/.test(token)) return null;
	const row = await db
		.selectFrom('notification_settings')
		.innerJoin('users', 'users.id', 'notification_settings.user_id')
		.select(['users.id', 'users.username', 'users.language'])
		.where('notification_settings.feed_token', '=', token)
		.executeTakeFirst();
	return row ?? null;
}

const sign = (key: string, userId: number) =>
	createHmac('sha256', key).update(`unsubscribe:${userId}`).digest('base64url');

/**
 * The token of a learner's one-click unsubscribe link: their id, signed with their own key, so it
 * works without signing in and nobody can make one for someone else.
 */
export function unsubscribeToken(userId: number, key: string) {
	return `${userId}.${sign(key, userId)}`;
}

/** The learner a token speaks for, or null when it is not one of ours (or no longer valid). */
export async function checkUnsubscribeToken(db: DB, token: string) {
	const match = /^(\d{1,15})\.([\w-]{43})$/.exec(token);
	if (!match) return null;
	const userId = Number(match[1]);
	const row = await db
		.selectFrom('notification_settings')
		.innerJoin('users', 'users.id', 'notification_settings.user_id')
		.select(['notification_settings.unsubscribe_key', 'users.username'])
		.where('notification_settings.user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	const expected = Buffer.from(sign(row.unsubscribe_key, userId));
	const given = Buffer.from(match[2]);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	return { userId, username: row.username };
}

/** Stops notification emails; the digest waiting is dropped. Doing it twice changes nothing. */
export async function unsubscribe(db: DB, token: string) {
	const owner = await checkUnsubscribeToken(db, token);
	if (!owner) return null;
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('notification_settings')
			.set({ email_mode: 'never' })
			.where('user_id', '=', owner.userId)
			.execute();
		await dropWaitingDigest(trx, owner.userId);
	});
	return owner;
}

/** The digest just sent: the next one waits a day from now. */
export async function recordDigestSent(db: DB, userId: number, now: number) {
	await db
		.updateTable('notification_settings')
		.set({ last_digest_at: now })
		.where('user_id', '=', userId)
		.execute();
}

/** No more notification emails to this address while it is the account's (logged). */
export async function stopAddress(db: DB, userId: number, address: string, now: number) {
	await db
		.insertInto('notification_settings')
		.values({
			user_id: userId,
			email_mode: 'digest',
			unsubscribe_key: newSecret(),
			stopped_address: address,
			stopped_at: now
		})
		.onConflict((conflict) =>
			conflict.column('user_id').doUpdateSet({ stopped_address: address, stopped_at: now })
		)
		.execute();
	useLogger().log('warn', {
		message: 'notification emails stopped for an address after repeated failures',
		userId
	});
}
