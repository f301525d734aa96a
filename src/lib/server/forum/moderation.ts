// Moderators' decisions: hiding posts, resolving flags, suspending writers. Each one is logged.
import type { DB } from '../db/index.ts';
import type { FlaggedPost, ModerationQueue } from '../../forum.ts';
import { isModerator, type Role } from '../../roles.ts';
import * as notifications from '../notifications/events.ts';
import { listOpenFlags, resolveOpenFlags } from './flags.ts';
import { recordModeration } from './log.ts';
import { canHide, canResolveFlags, canSuspend, findActor, type Viewer } from './permissions.ts';
import { currentHtml, findPostAuthor, markPostHidden, postState } from './posts.ts';
import { failure, noteSchema, parseInput, suspensionSchema, type ForumResult } from './schema.ts';
import { listSuspensions, writeSuspension } from './suspensions.ts';
import { listPendingSuggestions } from './thread-lists.ts';
import { postUrl, threadUrl } from './urls.ts';

const DAY = 24 * 60 * 60_000;
/** A suspension longer than this is a ban, which is an admin's business outside the forum. */
const LONGEST_SUSPENSION_DAYS = 5 * 366;

async function moderator(db: DB, actorId: number, allowed: (actor: { role: Role }) => boolean) {
	const actor = await findActor(db, actorId);
	if (!actor) return failure('sign-in-required');
	if (!allowed(actor)) return failure('forbidden');
	return { ok: true as const, actor };
}

/**
 * Hides a post from everyone but its author and the moderators, or shows it again. Hiding a
 * post resolves its open flags: the moderator has acted on them.
 */
export async function setPostHidden(
	db: DB,
	actorId: number,
	postId: number,
	hidden: boolean,
	input: { note: string } = { note: '' },
	now = Date.now()
): Promise<ForumResult<{ threadId: number }>> {
	const who = await moderator(db, actorId, canHide);
	if (!who.ok) return who;
	const parsed = parseInput(noteSchema, input);
	if (!parsed.ok) return parsed;
	const post = await db
		.selectFrom('forum_posts')
		.select(['id', 'thread_id', 'author_id', 'hidden_at'])
		.where('id', '=', postId)
		.executeTakeFirst();
	if (!post) return failure('not-found');
	const note = parsed.value.note;
	await db.transaction().execute(async (trx) => {
		if ((post.hidden_at !== null) !== hidden) {
			await markPostHidden(trx, postId, hidden, who.actor.id, now);
			await recordModeration(
				trx,
				{
					actorId: who.actor.id,
					action: hidden ? 'hide' : 'unhide',
					threadId: post.thread_id,
					postId,
					targetUserId: post.author_id,
					note
				},
				now
			);
			await notifications.postVisibilityChanged(trx, postId, who.actor.id, hidden, note, now);
		}
		if (hidden && (await resolveOpenFlags(trx, who.actor.id, postId, 'hidden', now)) > 0) {
			await recordModeration(
				trx,
				{
					actorId: who.actor.id,
					action: 'resolve-flags',
					threadId: post.thread_id,
					postId,
					targetUserId: post.author_id,
					detail: 'hidden',
					note
				},
				now
			);
		}
	});
	return { ok: true, threadId: post.thread_id };
}

/** Closes a post's open flags without hiding it: the moderator found nothing wrong. */
export async function dismissFlags(
	db: DB,
	actorId: number,
	postId: number,
	input: { note: string } = { note: '' },
	now = Date.now()
): Promise<ForumResult> {
	const who = await moderator(db, actorId, canResolveFlags);
	if (!who.ok) return who;
	const parsed = parseInput(noteSchema, input);
	if (!parsed.ok) return parsed;
	const post = await db
		.selectFrom('forum_posts')
		.select(['id', 'thread_id', 'author_id'])
		.where('id', '=', postId)
		.executeTakeFirst();
	if (!post) return failure('not-found');
	await db.transaction().execute(async (trx) => {
		if ((await resolveOpenFlags(trx, who.actor.id, postId, 'dismissed', now)) === 0) return;
		await recordModeration(
			trx,
			{
				actorId: who.actor.id,
				action: 'resolve-flags',
				threadId: post.thread_id,
				postId,
				targetUserId: post.author_id,
				detail: 'dismissed',
				note: parsed.value.note
			},
			now
		);
	});
	return { ok: true };
}

/** Sets or lifts a suspension and logs who did it, in one transaction. */
async function setSuspension(
	db: DB,
	actorId: number,
	targetUserId: number,
	until: number | null,
	entry: { action: 'suspend' | 'unsuspend'; detail?: string; note: string | null; now: number }
) {
	await db.transaction().execute(async (trx) => {
		await writeSuspension(trx, targetUserId, until);
		await recordModeration(
			trx,
			{ actorId, action: entry.action, targetUserId, detail: entry.detail, note: entry.note },
			entry.now
		);
	});
}

/**
 * Stops someone from writing (new threads, replies, edits, flags) until the end of the given day,
 * UTC. Reading and deleting their own posts stay possible.
 */
export async function suspendUser(
	db: DB,
	actorId: number,
	targetUserId: number,
	input: { until: string; note: string },
	now = Date.now()
): Promise<ForumResult<{ until: number }>> {
	const who = await moderator(db, actorId, (actor) => isModerator(actor.role));
	if (!who.ok) return who;
	const target = await findActor(db, targetUserId);
	if (!target) return failure('not-found');
	if (!canSuspend(who.actor, target)) return failure('forbidden');
	const parsed = parseInput(suspensionSchema, input);
	if (!parsed.ok) return parsed;
	const [year, month, day] = parsed.value.until.split('-').map(Number);
	const until = Date.UTC(year, month - 1, day + 1);
	if (until <= now || until - now > LONGEST_SUSPENSION_DAYS * DAY)
		return failure('date-invalid', { field: 'until' });
	await setSuspension(db, who.actor.id, target.id, until, {
		action: 'suspend',
		detail: parsed.value.until,
		note: parsed.value.note,
		now
	});
	return { ok: true, until };
}

/** Suspends the author of a post, from the post a moderator is looking at. */
export async function suspendPostAuthor(
	db: DB,
	actorId: number,
	postId: number,
	input: { until: string; note: string },
	now = Date.now()
): Promise<ForumResult<{ until: number }>> {
	const authorId = await findPostAuthor(db, postId);
	if (authorId === null) return failure('not-found');
	return suspendUser(db, actorId, authorId, input, now);
}

export async function liftSuspension(
	db: DB,
	actorId: number,
	targetUserId: number,
	input: { note: string } = { note: '' },
	now = Date.now()
): Promise<ForumResult> {
	const who = await moderator(db, actorId, (actor) => isModerator(actor.role));
	if (!who.ok) return who;
	const target = await findActor(db, targetUserId);
	if (!target) return failure('not-found');
	if (!canSuspend(who.actor, target)) return failure('forbidden');
	const parsed = parseInput(noteSchema, input);
	if (!parsed.ok) return parsed;
	if (target.postingSuspendedUntil === null || target.postingSuspendedUntil <= now)
		return failure('not-suspended');
	await setSuspension(db, who.actor.id, target.id, null, {
		action: 'unsuspend',
		note: parsed.value.note,
		now
	});
	return { ok: true };
}

/** What waits for a moderator: flagged posts, suggestions and errata, current suspensions. */
export async function loadModerationQueue(
	db: DB,
	viewer: Viewer,
	now = Date.now()
): Promise<ModerationQueue> {
	const flagsByPost = await listOpenFlags(db);
	const ids = [...flagsByPost.keys()];
	const rows = ids.length
		? await db
				.selectFrom('forum_posts as post')
				.innerJoin('forum_threads as thread', 'thread.id', 'post.thread_id')
				.leftJoin('users as author', 'author.id', 'post.author_id')
				.select([
					'post.id',
					'post.body',
					'post.body_html',
					'post.render_version',
					'post.deleted_at',
					'post.hidden_at',
					'post.author_id',
					'thread.id as thread_id',
					'thread.title',
					'thread.course',
					'author.username as author_name',
					'author.role as author_role'
				])
				.where('post.id', 'in', ids)
				.execute()
		: [];
	const byId = new Map(rows.map((row) => [row.id, row]));
	const flagged: FlaggedPost[] = [];
	for (const [postId, flags] of flagsByPost) {
		const row = byId.get(postId);
		if (!row) continue;
		flagged.push({
			postId,
			url: postUrl(row.course, row.thread_id, postId),
			thread: { title: row.title, url: threadUrl(row.course, row.thread_id) },
			authorName: row.author_name,
			state: postState(row),
			html: await currentHtml(db, row),
			flags,
			canSuspendAuthor:
				row.author_id !== null &&
				canSuspend(viewer, { id: row.author_id, role: row.author_role as Role })
		});
	}
	return {
		flagged,
		pending: await listPendingSuggestions(db),
		suspended: await listSuspensions(db, now)
	};
}
