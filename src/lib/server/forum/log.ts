// The moderation log: every decision taken on someone else's words or account, with who took it.
import type { DB } from '../db/index.ts';
import type { LogLine, ModerationAction } from '../../forum.ts';
import { threadUrl } from './urls.ts';

export interface ModerationEntry {
	/** null: the site itself (a suggested edit found merged in a new build). */
	actorId: number | null;
	action: ModerationAction;
	threadId?: number | null;
	postId?: number | null;
	targetUserId?: number | null;
	detail?: string | null;
	note?: string | null;
}

export async function recordModeration(db: DB, entry: ModerationEntry, now = Date.now()) {
	await db
		.insertInto('forum_moderation_log')
		.values({
			actor_id: entry.actorId,
			action: entry.action,
			thread_id: entry.threadId ?? null,
			post_id: entry.postId ?? null,
			target_user_id: entry.targetUserId ?? null,
			detail: entry.detail ?? null,
			note: entry.note ?? null,
			created_at: now
		})
		.execute();
}

export const LOG_PAGE_SIZE = 50;

export async function listModerationLog(
	db: DB,
	page = 1
): Promise<{
	entries: LogLine[];
	page: number;
	pageCount: number;
}> {
	const { total } = await db
		.selectFrom('forum_moderation_log')
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	const pageCount = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));
	const current = Math.min(Math.max(1, page), pageCount);
	const rows = await db
		.selectFrom('forum_moderation_log as log')
		.leftJoin('users as actor', 'actor.id', 'log.actor_id')
		.leftJoin('users as target', 'target.id', 'log.target_user_id')
		.leftJoin('forum_threads as thread', 'thread.id', 'log.thread_id')
		.select([
			'log.id',
			'log.action',
			'log.post_id',
			'log.detail',
			'log.note',
			'log.created_at',
			'actor.username as actor_name',
			'target.username as target_name',
			'thread.id as thread_id',
			'thread.title as thread_title',
			'thread.course as thread_course'
		])
		.orderBy('log.created_at', 'desc')
		.orderBy('log.id', 'desc')
		.limit(LOG_PAGE_SIZE)
		.offset((current - 1) * LOG_PAGE_SIZE)
		.execute();
	return {
		page: current,
		pageCount,
		entries: rows.map((row) => {
			const url =
				row.thread_id !== null && row.thread_course !== null
					? threadUrl(row.thread_course, row.thread_id)
					: null;
			return {
				id: row.id,
				action: row.action,
				actorName: row.actor_name,
				targetName: row.target_name,
				thread: url && row.thread_title !== null ? { title: row.thread_title, url } : null,
				postUrl: url && row.post_id !== null ? `${url}#post-${row.post_id}` : null,
				detail: row.detail,
				note: row.note,
				createdAt: row.created_at
			};
		})
	};
}
