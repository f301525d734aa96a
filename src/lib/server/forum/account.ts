// What the discussions keep about a person, for their data download.
import type { DB } from '../db/index.ts';
import { postState } from './posts.ts';
import { postUrl, threadUrl } from './urls.ts';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** Threads started, posts written (with their Markdown, even deleted or hidden) and flags raised. */
export async function exportForumData(db: DB, userId: number) {
	const threads = await db
		.selectFrom('forum_threads')
		.select(['id', 'course', 'lesson_key', 'kind', 'title', 'status', 'created_at'])
		.where('author_id', '=', userId)
		.orderBy('id')
		.execute();
	const posts = await db
		.selectFrom('forum_posts as post')
		.innerJoin('forum_threads as thread', 'thread.id', 'post.thread_id')
		.select([
			'post.id',
			'post.thread_id',
			'post.body',
			'post.created_at',
			'post.edited_at',
			'post.deleted_at',
			'post.hidden_at',
			'thread.course',
			'thread.title'
		])
		.where('post.author_id', '=', userId)
		.orderBy('post.id')
		.execute();
	const flags = await db
		.selectFrom('forum_flags as flag')
		.innerJoin('forum_posts as post', 'post.id', 'flag.post_id')
		.innerJoin('forum_threads as thread', 'thread.id', 'post.thread_id')
		.select([
			'flag.post_id',
			'flag.reason',
			'flag.created_at',
			'flag.resolution',
			'post.thread_id',
			'thread.course'
		])
		.where('flag.user_id', '=', userId)
		.orderBy('flag.id')
		.execute();
	return {
		threads: threads.map((thread) => ({
			url: threadUrl(thread.course, thread.id),
			lesson: thread.lesson_key,
			kind: thread.kind,
			title: thread.title,
			status: thread.status,
			createdAt: iso(thread.created_at)
		})),
		posts: posts.map((post) => ({
			url: postUrl(post.course, post.thread_id, post.id),
			thread: post.title,
			text: post.body,
			state: postState(post),
			createdAt: iso(post.created_at),
			editedAt: iso(post.edited_at),
			deletedAt: iso(post.deleted_at)
		})),
		flags: flags.map((flag) => ({
			post: postUrl(flag.course, flag.thread_id, flag.post_id),
			reason: flag.reason,
			createdAt: iso(flag.created_at),
			resolution: flag.resolution
		}))
	};
}
