// What a reader sees of one thread, and of the discussion under a lesson, with what they may do.
import {
	STATUSES_BY_KIND,
	type LessonDiscussion,
	type ThreadPage,
	type ThreadView
} from '../../forum.ts';
import { isModerator } from '../../roles.ts';
import type { DB } from '../db/index.ts';
import { rememberedReads } from '../page-versions.ts';
import { canLock, canSetStatus, postingBlock, type Viewer } from './permissions.ts';
import { listThreadPosts } from './posts.ts';
import {
	countPendingSuggestions,
	listLessonThreads,
	selectSummaries,
	toSummary
} from './thread-lists.ts';
import { discussionsUrl, newThreadUrl, splitLessonKey } from './urls.ts';

async function findThread(db: DB, threadId: number): Promise<ThreadView | null> {
	const row = await selectSummaries(db)
		.select((eb) => [
			'forum_threads.status_note',
			'forum_threads.status_set_at',
			eb
				.selectFrom('users')
				.select('users.username')
				.whereRef('users.id', '=', 'forum_threads.status_set_by')
				.as('decider_name')
		])
		.where('forum_threads.id', '=', threadId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		...toSummary(row),
		authorId: row.author_id,
		statusNote: row.status_note,
		statusSetBy: row.decider_name,
		statusSetAt: row.status_set_at,
		statuses: STATUSES_BY_KIND[row.kind]
	};
}

/** The thread page: its posts as this reader may see them, and what they may do. */
export async function loadThread(
	db: DB,
	threadId: number,
	viewer: Viewer | null,
	now = Date.now()
): Promise<ThreadPage | null> {
	const thread = await findThread(db, threadId);
	if (!thread) return null;
	const posts = await listThreadPosts(db, thread, viewer, now);
	const block = postingBlock(viewer, now);
	return {
		thread,
		posts,
		can: {
			reply: !block && !thread.locked,
			// A lock stops everyone: inviting a reader to sign in to reply would only disappoint.
			replyBlock: thread.locked ? 'locked' : block,
			setStatus:
				!!viewer &&
				viewer.emailVerified &&
				canSetStatus(viewer, { kind: thread.kind, authorId: thread.authorId }),
			lock: !!viewer && canLock(viewer),
			moderate: !!viewer && isModerator(viewer.role)
		}
	};
}

export const LESSON_THREAD_LIMIT = 20;

/** The threads under each lesson, the same for every reader, until one of them changes. */
const lessonThreads = rememberedReads<{
	threads: Awaited<ReturnType<typeof listLessonThreads>>;
	openSuggestionCount: number;
}>();

/** What the lesson page shows under a lesson: its threads and the form to start one. */
export async function loadLessonDiscussion(
	db: DB,
	lessonKey: string,
	viewer: Viewer | null,
	now = Date.now()
): Promise<LessonDiscussion> {
	const { course } = splitLessonKey(lessonKey);
	const { threads, openSuggestionCount } = await lessonThreads(db, lessonKey, async () => ({
		threads: await listLessonThreads(db, lessonKey, LESSON_THREAD_LIMIT + 1),
		openSuggestionCount: await countPendingSuggestions(db, lessonKey)
	}));
	const block = postingBlock(viewer, now);
	return {
		lessonKey,
		course,
		threads: threads.slice(0, LESSON_THREAD_LIMIT),
		moreThreads: threads.length > LESSON_THREAD_LIMIT,
		openSuggestionCount,
		newThreadUrl: newThreadUrl(course),
		allThreadsUrl: `${discussionsUrl(course)}?lesson=${encodeURIComponent(lessonKey)}`,
		posting: {
			allowed: block === null,
			block,
			suspendedUntil: block === 'suspended' ? (viewer?.postingSuspendedUntil ?? null) : null
		}
	};
}
