// What the discussions tell this module, each inside the transaction of the action itself: the
// notifications and any email they cause exist exactly when the action does. Nobody is notified of
// their own action.
import type { Language } from '../../content/schema.ts';
import type { DB } from '../db/index.ts';
import { followersOf, followOnWriting, type ThreadPlace } from './follows.ts';
import { findNotifications, insertNotification, setEmailState } from './inbox.ts';
import { composeEmail, unsubscribeUrl } from './messages.ts';
import { enqueueEmail } from './outbox.ts';
import { ensureSettings, unsubscribeToken } from './settings.ts';
import type { NotificationKind } from './tables.ts';

const HOUR = 60 * 60_000;
/** A post naming more people than this is not a conversation: the rest are not notified. */
const MAX_MENTIONS = 10;

interface Thread extends ThreadPlace {
	title: string;
	authorId: number | null;
	status: string;
	statusNote: string | null;
}

async function findThread(db: DB, threadId: number): Promise<Thread | null> {
	const row = await db
		.selectFrom('forum_threads')
		.select(['id', 'course', 'lesson_key', 'kind', 'title', 'author_id', 'status', 'status_note'])
		.where('id', '=', threadId)
		.executeTakeFirst();
	return row
		? {
				id: row.id,
				course: row.course,
				lessonKey: row.lesson_key,
				kind: row.kind,
				title: row.title,
				authorId: row.author_id,
				status: row.status,
				statusNote: row.status_note
			}
		: null;
}

async function findPost(db: DB, postId: number) {
	return db
		.selectFrom('forum_posts')
		.select(['id', 'thread_id', 'author_id', 'body'])
		.where('id', '=', postId)
		.executeTakeFirst();
}

/** `@name` in a post's text, as usernames are written (letters, digits, `_ . -`). */
export function mentionedNames(body: string) {
	const names = new Set<string>();
	for (const match of body.matchAll(/(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_.-]{3,32})/gu)) {
		// A sentence may end right after a name: « merci @paul. »
		names.add(match[1].replace(/[.-]+$/, '').toLowerCase());
		if (names.size >= MAX_MENTIONS) break;
	}
	return [...names].filter((name) => name.length >= 3);
}

async function mentionedUsers(db: DB, body: string) {
	const names = mentionedNames(body);
	if (names.length === 0) return [];
	const rows = await db.selectFrom('users').select('id').where('username', 'in', names).execute();
	return rows.map((row) => row.id);
}

interface Event {
	kind: NotificationKind;
	thread: Thread;
	postId: number | null;
	actorId: number | null;
	detail?: string | null;
	note?: string | null;
}

/** Writes one notification per recipient (never the actor), then its email according to taste. */
async function notify(db: DB, recipients: Iterable<number>, event: Event, now: number) {
	for (const userId of new Set(recipients)) {
		if (userId === event.actorId) continue;
		const id = await insertNotification(db, {
			user_id: userId,
			kind: event.kind,
			thread_id: event.thread.id,
			post_id: event.postId,
			actor_id: event.actorId,
			course: event.thread.course,
			thread_title: event.thread.title,
			detail: event.detail ?? null,
			note: event.note ?? null,
			created_at: now,
			email: 'none'
		});
		await planEmail(db, userId, id, event.thread.id, now);
	}
}

/**
 * Decides the email of a new notification: none (never, an unconfirmed or stopped address), the
 * next digest, or one now. In « each event » mode a thread that already sent an email within the
 * hour sends no other: its news waits for the digest.
 */
async function planEmail(
	db: DB,
	userId: number,
	notificationId: number,
	threadId: number,
	now: number
) {
	const user = await db
		.selectFrom('users')
		.select(['username', 'email', 'email_verified_at', 'language'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const settings = await ensureSettings(db, userId);
	if (
		user.email_verified_at === null ||
		settings.email_mode === 'never' ||
		settings.stopped_address === user.email
	)
		return;
	const recent =
		settings.email_mode === 'each' &&
		(await db
			.selectFrom('notifications')
			.select('id')
			.where('user_id', '=', userId)
			.where('thread_id', '=', threadId)
			.where('emailed_at', '>', now - HOUR)
			.executeTakeFirst());
	if (settings.email_mode === 'digest' || recent) {
		await setEmailState(db, [notificationId], { email: 'digest' });
		return;
	}
	const lang: Language = user.language === 'en' ? 'en' : 'fr';
	const email = composeEmail({
		lang,
		username: user.username,
		notifications: await findNotifications(db, [notificationId]),
		digest: false,
		unsubscribeUrl: unsubscribeUrl(unsubscribeToken(userId, settings.unsubscribe_key))
	});
	await enqueueEmail(db, { ...email, to: user.email, userId }, now);
	await setEmailState(db, [notificationId], { email: 'sent', emailed_at: now });
}

/** Followers hear of the post; people it names hear of the mention instead. */
async function announcePost(
	db: DB,
	thread: Thread,
	post: { id: number; author_id: number | null; body: string },
	kind: 'thread' | 'reply',
	now: number
) {
	const mentioned = await mentionedUsers(db, post.body);
	const followers = (await followersOf(db, thread)).filter((id) => !mentioned.includes(id));
	const actorId = post.author_id;
	await notify(db, followers, { kind, thread, postId: post.id, actorId }, now);
	await notify(db, mentioned, { kind: 'mention', thread, postId: post.id, actorId }, now);
}

/** A new thread: its author follows it; followers of its lesson or course hear of it. */
export async function threadStarted(db: DB, threadId: number, now = Date.now()) {
	const thread = await findThread(db, threadId);
	const first = await db
		.selectFrom('forum_posts')
		.select(['id', 'author_id', 'body'])
		.where('thread_id', '=', threadId)
		.orderBy('id')
		.limit(1)
		.executeTakeFirst();
	if (!thread || !first) return;
	if (first.author_id !== null) await followOnWriting(db, first.author_id, threadId, now);
	await announcePost(db, thread, first, 'thread', now);
}

/** A reply: its writer follows the thread from now on; the thread's followers hear of it. */
export async function replyPosted(db: DB, postId: number, now = Date.now()) {
	const post = await findPost(db, postId);
	const thread = post && (await findThread(db, post.thread_id));
	if (!post || !thread) return;
	if (post.author_id !== null) await followOnWriting(db, post.author_id, thread.id, now);
	await announcePost(db, thread, post, 'reply', now);
}

/** A decision on a thread, with its note: its followers and its author hear of it. */
export async function statusChanged(
	db: DB,
	threadId: number,
	actorId: number | null,
	now = Date.now()
) {
	const thread = await findThread(db, threadId);
	if (!thread) return;
	const recipients = await followersOf(db, thread);
	if (thread.authorId !== null) recipients.push(thread.authorId);
	await notify(
		db,
		recipients,
		{
			kind: 'status',
			thread,
			postId: null,
			actorId,
			detail: thread.status,
			note: thread.statusNote
		},
		now
	);
}

/** A post hidden or shown again: its author hears of it, with the moderator's reason. */
export async function postVisibilityChanged(
	db: DB,
	postId: number,
	actorId: number,
	hidden: boolean,
	note: string | null,
	now = Date.now()
) {
	const post = await findPost(db, postId);
	const thread = post && (await findThread(db, post.thread_id));
	if (!post || !thread || post.author_id === null) return;
	await notify(
		db,
		[post.author_id],
		{ kind: hidden ? 'hidden' : 'restored', thread, postId, actorId, note },
		now
	);
}

/**
 * A flag waits: every moderator hears of it once per post, until they have read that; never the
 * one who flagged, nor a moderator whose own post it is.
 */
export async function postFlagged(
	db: DB,
	postId: number,
	flaggerId: number,
	reason: string,
	now = Date.now()
) {
	const post = await findPost(db, postId);
	const thread = post && (await findThread(db, post.thread_id));
	if (!post || !thread) return;
	const moderators = await db
		.selectFrom('users')
		.select('id')
		.where('role', 'in', ['moderator', 'admin'])
		.where('id', 'not in', (eb) =>
			eb
				.selectFrom('notifications')
				.select('user_id')
				.where('kind', '=', 'flag')
				.where('post_id', '=', postId)
				.where('read_at', 'is', null)
		)
		.execute();
	const recipients = moderators.map((row) => row.id).filter((id) => id !== post.author_id);
	await notify(
		db,
		recipients,
		{ kind: 'flag', thread, postId, actorId: flaggerId, note: reason },
		now
	);
}
