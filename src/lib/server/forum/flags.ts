// Flags: any reader who may write can point a moderator at a post, once per post, with a reason.
import type { DB } from '../db/index.ts';
import * as notifications from '../notifications/events.ts';
import { consumeFlagQuota } from './limits.ts';
import { writer } from './permissions.ts';
import { failure, flagSchema, parseInput, type ForumResult } from './schema.ts';
import type { FlagResolution, OpenFlag } from '../../forum.ts';

export async function flagPost(
	db: DB,
	actorId: number,
	postId: number,
	input: { reason: string },
	now = Date.now()
): Promise<ForumResult<{ threadId: number }>> {
	const who = await writer(db, actorId, now);
	if (!who.ok) return who;
	const parsed = parseInput(flagSchema, input);
	if (!parsed.ok) return parsed;
	const post = await db
		.selectFrom('forum_posts')
		.select(['id', 'thread_id', 'author_id', 'deleted_at'])
		.where('id', '=', postId)
		.executeTakeFirst();
	if (!post) return failure('not-found');
	if (post.deleted_at !== null) return failure('post-deleted');
	if (post.author_id === who.actor.id) return failure('own-post');
	const earlier = await db
		.selectFrom('forum_flags')
		.select('id')
		.where('post_id', '=', postId)
		.where('user_id', '=', who.actor.id)
		.executeTakeFirst();
	if (earlier) return failure('already-flagged');
	const throttled = await consumeFlagQuota(db, who.actor, now);
	if (throttled) return throttled;
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('forum_flags')
			.values({
				post_id: postId,
				user_id: who.actor.id,
				reason: parsed.value.reason,
				created_at: now
			})
			.onConflict((conflict) => conflict.columns(['post_id', 'user_id']).doNothing())
			.execute();
		await notifications.postFlagged(trx, postId, who.actor.id, parsed.value.reason, now);
	});
	return { ok: true, threadId: post.thread_id };
}

/** Closes a post's open flags with the moderator's decision; says how many were open. */
export async function resolveOpenFlags(
	db: DB,
	actorId: number,
	postId: number,
	resolution: FlagResolution,
	now: number
) {
	const result = await db
		.updateTable('forum_flags')
		.set({ resolved_at: now, resolved_by: actorId, resolution })
		.where('post_id', '=', postId)
		.where('resolved_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Open flags, grouped by post, the post flagged first coming first. */
export async function listOpenFlags(db: DB) {
	const rows = await db
		.selectFrom('forum_flags as flag')
		.leftJoin('users as flagger', 'flagger.id', 'flag.user_id')
		.select(['flag.post_id', 'flag.reason', 'flag.created_at', 'flagger.username as flagger_name'])
		.where('flag.resolved_at', 'is', null)
		.orderBy('flag.created_at')
		.orderBy('flag.id')
		.execute();
	const byPost = new Map<number, OpenFlag[]>();
	for (const row of rows) {
		const flags = byPost.get(row.post_id) ?? [];
		flags.push({ reason: row.reason, flaggerName: row.flagger_name, createdAt: row.created_at });
		byPost.set(row.post_id, flags);
	}
	return byPost;
}
