// Abuse limits on writing. Spam comes mostly from fresh accounts, so they get the tightest
// ones; the staff, whose roles an admin granted, are trusted.
import { createHash } from 'node:crypto';
import type { DB } from '../db/index.ts';
import { minutesToWait, take, takeAll, type Limit } from '../rate-limit.ts';
import { isStaff } from '../../roles.ts';
import { renderPost } from './markdown.ts';
import type { Actor } from './permissions.ts';
import { failure, type ForumFailure } from './schema.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const FORUM_LIMITS = {
	/** An account is new for this long after it was created. */
	newAccountPeriodMs: 24 * HOUR,
	newAccountThreads: { max: 3, windowMs: HOUR },
	newAccountReplies: { max: 10, windowMs: HOUR },
	newAccountLinksPerPost: 2,
	/** For every account, however old: a runaway script stops here. */
	threads: { max: 20, windowMs: HOUR },
	replies: { max: 60, windowMs: HOUR },
	flags: { max: 30, windowMs: HOUR },
	/** The same text from the same person within this time is refused as a double post. */
	duplicateWindowMs: 10 * MINUTE
} satisfies Record<string, Limit | number>;

export const isNewAccount = (actor: Actor, now = Date.now()) =>
	!isStaff(actor.role) && now - actor.createdAt < FORUM_LIMITS.newAccountPeriodMs;

/** Spaces and case do not make a text different. */
export function textFingerprint(text: string) {
	return createHash('sha256')
		.update(text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase())
		.digest('hex');
}

export function checkLinks(actor: Actor, links: number, now = Date.now()): ForumFailure | null {
	const max = FORUM_LIMITS.newAccountLinksPerPost;
	return isNewAccount(actor, now) && links > max
		? failure('too-many-links', { field: 'body', max })
		: null;
}

async function checkDuplicate(
	db: DB,
	actor: Actor,
	fingerprint: string,
	now = Date.now()
): Promise<ForumFailure | null> {
	const recent = await db
		.selectFrom('forum_posts')
		.select('id')
		.where('author_id', '=', actor.id)
		.where('body_hash', '=', fingerprint)
		.where('deleted_at', 'is', null)
		.where('created_at', '>', now - FORUM_LIMITS.duplicateWindowMs)
		.executeTakeFirst();
	return recent ? failure('duplicate', { field: 'body' }) : null;
}

/**
 * Counts one new thread or reply against the author's quotas, or says how long to wait. Called
 * last, once everything else about the post is fine, so a refused post costs nothing.
 */
export async function consumePostingQuota(
	db: DB,
	actor: Actor,
	what: 'thread' | 'reply',
	now = Date.now()
): Promise<ForumFailure | null> {
	if (isStaff(actor.role)) return null;
	const checks: [string, Limit][] = [
		[`forum-${what}:${actor.id}`, what === 'thread' ? FORUM_LIMITS.threads : FORUM_LIMITS.replies]
	];
	if (isNewAccount(actor, now)) {
		checks.unshift([
			`forum-new-${what}:${actor.id}`,
			what === 'thread' ? FORUM_LIMITS.newAccountThreads : FORUM_LIMITS.newAccountReplies
		]);
	}
	const wait = await takeAll(db, checks, now);
	return wait > 0 ? failure('throttled', { minutes: minutesToWait(wait) }) : null;
}

export async function consumeFlagQuota(db: DB, actor: Actor, now = Date.now()) {
	const { wait } = await take(db, `forum-flag:${actor.id}`, FORUM_LIMITS.flags, now);
	return wait > 0 ? failure('throttled', { minutes: minutesToWait(wait) }) : null;
}

/** What every new post goes through: who writes, how many links, not twice, not too often. */
export async function checkNewPost(
	db: DB,
	actor: Actor,
	body: string,
	what: 'thread' | 'reply',
	now = Date.now()
): Promise<ForumFailure | { ok: true; html: string }> {
	const rendered = await renderPost(body);
	const problem =
		checkLinks(actor, rendered.links, now) ??
		(await checkDuplicate(db, actor, textFingerprint(body), now)) ??
		(await consumePostingQuota(db, actor, what, now));
	return problem ?? { ok: true, html: rendered.html };
}
