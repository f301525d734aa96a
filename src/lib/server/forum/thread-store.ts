// The one writer of `forum_threads`: every change to a thread's row goes through these functions,
// whatever the reason (a new thread, a reply, a decision, a lock). Each tells the pages that list
// the thread (its lesson's, its course's discussions) that they changed. A new post always comes
// with a change here (its thread, or a reply moving it up), which renews the count of posts shown.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { changed, scopes } from '../page-versions.ts';
import type { ThreadKind, ThreadStatus } from './tables.ts';

/** The id of the opening post of `post`'s thread, in a query over `forum_posts as post`. */
export const openingPostId = sql<number>`(SELECT min(first.id) FROM forum_posts AS first WHERE first.thread_id = post.thread_id)`;

/** Writes a new thread's row; `db` may be a transaction, which then also writes its first post. */
export async function insertThread(
	db: DB,
	values: { course: string; sequence: string; lessonKey: string; kind: ThreadKind; title: string },
	authorId: number,
	now = Date.now()
) {
	const { id } = await db
		.insertInto('forum_threads')
		.values({
			course: values.course,
			sequence: values.sequence,
			lesson_key: values.lessonKey,
			kind: values.kind,
			title: values.title,
			status: 'open',
			status_note: null,
			status_set_by: null,
			status_set_at: null,
			locked_at: null,
			author_id: authorId,
			created_at: now,
			last_activity_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await threadChanged(db, { course: values.course, lesson_key: values.lessonKey });
	return id;
}

async function threadChanged(db: DB, thread: { course: string; lesson_key: string } | undefined) {
	if (thread) {
		await changed(
			db,
			scopes.courseDiscussions(thread.course),
			scopes.lessonDiscussion(thread.lesson_key)
		);
	}
}

/** A reply moves the thread up the lists. */
export async function touchThread(db: DB, threadId: number, now = Date.now()) {
	const thread = await db
		.updateTable('forum_threads')
		.set({ last_activity_at: now })
		.where('id', '=', threadId)
		.returning(['course', 'lesson_key'])
		.executeTakeFirst();
	await threadChanged(db, thread);
}

export async function retitleThread(db: DB, threadId: number, title: string) {
	const thread = await db
		.updateTable('forum_threads')
		.set({ title })
		.where('id', '=', threadId)
		.returning(['course', 'lesson_key'])
		.executeTakeFirst();
	await threadChanged(db, thread);
}

export async function writeThreadStatus(
	db: DB,
	threadId: number,
	decision: { status: ThreadStatus; note: string | null; by: number | null },
	now = Date.now()
) {
	const thread = await db
		.updateTable('forum_threads')
		.set({
			status: decision.status,
			status_note: decision.note,
			status_set_by: decision.by,
			status_set_at: now
		})
		.where('id', '=', threadId)
		.returning(['course', 'lesson_key'])
		.executeTakeFirst();
	await threadChanged(db, thread);
}

export async function writeThreadLock(db: DB, threadId: number, locked: boolean, now = Date.now()) {
	const thread = await db
		.updateTable('forum_threads')
		.set({ locked_at: locked ? now : null })
		.where('id', '=', threadId)
		.returning(['course', 'lesson_key'])
		.executeTakeFirst();
	await threadChanged(db, thread);
}

/** What an action on a thread needs to know about it before it acts. */
export async function findThreadState(db: DB, threadId: number) {
	return db
		.selectFrom('forum_threads')
		.select(['id', 'kind', 'status', 'author_id', 'locked_at'])
		.where('id', '=', threadId)
		.executeTakeFirst();
}

/** The course a thread belongs to, or null when there is no such thread. */
export async function findThreadCourse(db: DB, threadId: number): Promise<string | null> {
	const row = await db
		.selectFrom('forum_threads')
		.select('course')
		.where('id', '=', threadId)
		.executeTakeFirst();
	return row?.course ?? null;
}
