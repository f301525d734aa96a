// Posts: the first one is a thread's text, replies follow. Markdown is rendered when written and
// both the source and the sanitized HTML are kept (see docs/moderation.md for why).
import type { PostState, PostView } from '../../forum.ts';
import { isModerator, type Role } from '../../roles.ts';
import type { DB } from '../db/index.ts';
import * as notifications from '../notifications/events.ts';
import { syncPost } from '../search/index.ts';
import { checkLinks, checkNewPost, textFingerprint } from './limits.ts';
import { RENDER_VERSION, renderPost } from './markdown.ts';
import {
	canHide,
	canReadMasked,
	canSuspend,
	findActor,
	postingBlock,
	writer,
	type Viewer
} from './permissions.ts';
import { editSchema, failure, parseInput, replySchema, type ForumResult } from './schema.ts';
import { findThreadState, openingPostId, retitleThread, touchThread } from './thread-store.ts';

/** Writes the rendered text of a post; `trx` may be a transaction. */
export async function insertPost(
	db: DB,
	values: { threadId: number; authorId: number; body: string; html: string },
	now = Date.now()
) {
	const { id } = await db
		.insertInto('forum_posts')
		.values({
			thread_id: values.threadId,
			author_id: values.authorId,
			body: values.body,
			body_html: values.html,
			render_version: RENDER_VERSION,
			body_hash: textFingerprint(values.body),
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function createReply(
	db: DB,
	actorId: number,
	threadId: number,
	input: { body: string },
	now = Date.now()
): Promise<ForumResult<{ postId: number }>> {
	const who = await writer(db, actorId, now);
	if (!who.ok) return who;
	const parsed = parseInput(replySchema, input);
	if (!parsed.ok) return parsed;
	const thread = await findThreadState(db, threadId);
	if (!thread) return failure('not-found');
	if (thread.locked_at !== null) return failure('locked');
	const checked = await checkNewPost(db, who.actor, parsed.value.body, 'reply', now);
	if (!checked.ok) return checked;
	const postId = await db.transaction().execute(async (trx) => {
		const id = await insertPost(
			trx,
			{ threadId, authorId: who.actor.id, body: parsed.value.body, html: checked.html },
			now
		);
		await touchThread(trx, threadId, now);
		await syncPost(trx, id);
		await notifications.replyPosted(trx, id, now);
		return id;
	});
	return { ok: true, postId };
}

async function findPostForChange(db: DB, postId: number) {
	return db
		.selectFrom('forum_posts as post')
		.innerJoin('forum_threads as thread', 'thread.id', 'post.thread_id')
		.select([
			'post.id',
			'post.thread_id',
			'post.author_id',
			'post.body',
			'post.deleted_at',
			'post.hidden_at',
			'thread.locked_at',
			'thread.course',
			openingPostId.as('first_id')
		])
		.where('post.id', '=', postId)
		.executeTakeFirst();
}

/** Authors edit their own posts, while they may write and the thread is open. */
export async function editPost(
	db: DB,
	actorId: number,
	postId: number,
	input: { body: string; title?: string },
	now = Date.now()
): Promise<ForumResult<{ threadId: number }>> {
	const who = await writer(db, actorId, now);
	if (!who.ok) return who;
	const post = await findPostForChange(db, postId);
	if (!post) return failure('not-found');
	if (post.author_id !== who.actor.id) return failure('forbidden');
	if (post.deleted_at !== null) return failure('post-deleted');
	if (post.hidden_at !== null) return failure('forbidden');
	if (post.locked_at !== null) return failure('locked');
	const isFirst = post.first_id === post.id;
	const parsed = parseInput(editSchema, isFirst ? input : { body: input.body });
	if (!parsed.ok) return parsed;
	const rendered = await renderPost(parsed.value.body);
	const tooManyLinks = checkLinks(who.actor, rendered.links, now);
	if (tooManyLinks) return tooManyLinks;
	await db.transaction().execute(async (trx) => {
		if (parsed.value.body !== post.body) {
			await trx
				.updateTable('forum_posts')
				.set({
					body: parsed.value.body,
					body_html: rendered.html,
					render_version: RENDER_VERSION,
					body_hash: textFingerprint(parsed.value.body),
					edited_at: now
				})
				.where('id', '=', postId)
				.execute();
		}
		if (isFirst && parsed.value.title !== undefined) {
			await retitleThread(trx, post.thread_id, parsed.value.title);
		}
		await syncPost(trx, postId);
	});
	return { ok: true, threadId: post.thread_id };
}

/**
 * Deleting is soft: the post keeps its place, others read « message supprimé ». The text stays in
 * the database for moderators, since a deleted insult can still have been flagged.
 */
export async function deletePost(
	db: DB,
	actorId: number,
	postId: number,
	now = Date.now()
): Promise<ForumResult<{ threadId: number }>> {
	const actor = await findActor(db, actorId);
	if (!actor) return failure('sign-in-required');
	const post = await findPostForChange(db, postId);
	if (!post) return failure('not-found');
	if (post.author_id !== actor.id) return failure('forbidden');
	if (post.deleted_at === null) {
		await db.transaction().execute(async (trx) => {
			await trx
				.updateTable('forum_posts')
				.set({ deleted_at: now })
				.where('id', '=', postId)
				.execute();
			await syncPost(trx, postId);
		});
	}
	return { ok: true, threadId: post.thread_id };
}

/** The author of a post, for actions on a person taken from one of their posts. */
export async function findPostAuthor(db: DB, postId: number) {
	const row = await db
		.selectFrom('forum_posts')
		.select('author_id')
		.where('id', '=', postId)
		.executeTakeFirst();
	return row?.author_id ?? null;
}

/**
 * Hides a post from its readers, or shows it again, and from search results at once; the caller
 * logs the decision. `db` should be a transaction, so that the index never disagrees.
 */
export async function markPostHidden(
	db: DB,
	postId: number,
	hidden: boolean,
	by: number,
	now = Date.now()
) {
	await db
		.updateTable('forum_posts')
		.set({ hidden_at: hidden ? now : null, hidden_by: hidden ? by : null })
		.where('id', '=', postId)
		.execute();
	await syncPost(db, postId);
}

/** The HTML of a post as the current renderer makes it, rendering again an outdated one. */
export async function currentHtml(
	db: DB,
	row: { id: number; body: string; body_html: string; render_version: number }
) {
	if (row.render_version === RENDER_VERSION) return row.body_html;
	const { html } = await renderPost(row.body);
	await db
		.updateTable('forum_posts')
		.set({ body_html: html, render_version: RENDER_VERSION })
		.where('id', '=', row.id)
		.execute();
	return html;
}

export const postState = (row: { deleted_at: number | null; hidden_at: number | null }) =>
	row.deleted_at !== null ? 'deleted' : row.hidden_at !== null ? 'hidden' : 'visible';

/** The posts of a thread in order, each as this reader may see it, with what they may do. */
export async function listThreadPosts(
	db: DB,
	thread: { id: number; locked: boolean },
	viewer: Viewer | null,
	now = Date.now()
): Promise<PostView[]> {
	const rows = await db
		.selectFrom('forum_posts as post')
		.leftJoin('users as author', 'author.id', 'post.author_id')
		.select((eb) => [
			'post.id',
			'post.author_id',
			'post.body',
			'post.body_html',
			'post.render_version',
			'post.created_at',
			'post.edited_at',
			'post.deleted_at',
			'post.hidden_at',
			'author.username as author_name',
			'author.role as author_role',
			eb
				.selectFrom('forum_flags')
				.select((inner) => inner.fn.countAll<number>().as('n'))
				.whereRef('forum_flags.post_id', '=', 'post.id')
				.where('forum_flags.resolved_at', 'is', null)
				.as('open_flags'),
			eb
				.selectFrom('forum_flags')
				.select('forum_flags.id')
				.whereRef('forum_flags.post_id', '=', 'post.id')
				.where('forum_flags.user_id', '=', viewer?.id ?? -1)
				.limit(1)
				.as('viewer_flag')
		])
		.where('post.thread_id', '=', thread.id)
		.orderBy('post.id')
		.execute();
	const mayWrite = postingBlock(viewer, now) === null;
	const moderator = !!viewer && isModerator(viewer.role);
	const views: PostView[] = [];
	for (const [index, row] of rows.entries()) {
		const state: PostState = postState(row);
		const mine = !!viewer && row.author_id === viewer.id;
		const readable =
			state === 'visible' ||
			canReadMasked(viewer, { authorId: row.author_id, deleted: state === 'deleted' });
		views.push({
			id: row.id,
			anchor: `post-${row.id}`,
			isFirst: index === 0,
			authorName: row.author_name,
			createdAt: row.created_at,
			editedAt: row.edited_at,
			state,
			html: readable ? await currentHtml(db, row) : null,
			source: mine && state === 'visible' ? row.body : null,
			mine,
			flaggedByViewer: row.viewer_flag !== null,
			openFlags: moderator ? Number(row.open_flags ?? 0) : 0,
			can: {
				edit: mine && mayWrite && state === 'visible' && !thread.locked,
				delete: mine && state !== 'deleted',
				flag: !!viewer && mayWrite && !mine && state !== 'deleted' && row.viewer_flag === null,
				hide: !!viewer && canHide(viewer) && state === 'visible',
				unhide: !!viewer && canHide(viewer) && state === 'hidden',
				suspendAuthor:
					!!viewer &&
					row.author_id !== null &&
					canSuspend(viewer, { id: row.author_id, role: row.author_role as Role })
			}
		});
	}
	return views;
}
