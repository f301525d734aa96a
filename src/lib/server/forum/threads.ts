// Threads hang on a lesson (its stable key `course/sequence/lesson`) and have a kind: a question,
// a suggestion of improvement or an erratum. Suggestions and errata carry an author's decision.
// What a thread's participants and the staff do to it; what readers see is in thread-page.ts.
import type { DB } from '../db/index.ts';
import * as notifications from '../notifications/events.ts';
import { syncThread } from '../search/index.ts';
import { checkNewPost } from './limits.ts';
import { recordModeration } from './log.ts';
import { canLock, canSetStatus, findActor, writer } from './permissions.ts';
import { insertPost } from './posts.ts';
import {
	failure,
	isStatusOf,
	newThreadSchema,
	noteSchema,
	parseInput,
	statusSchema,
	type ForumResult
} from './schema.ts';
import {
	findThreadState,
	insertThread,
	writeThreadLock,
	writeThreadStatus
} from './thread-store.ts';
import { splitLessonKey, threadUrl } from './urls.ts';

/** Opens a thread under one of the course's lessons: a lesson the course lacks is refused. */
export async function createThreadInCourse(
	db: DB,
	actorId: number,
	course: { lessons: ReadonlyMap<string, unknown> },
	input: { lessonKey: string; kind: string; title: string; body: string },
	now = Date.now()
): Promise<ForumResult<{ threadId: number; url: string }>> {
	if (!course.lessons.has(input.lessonKey))
		return failure('lesson-unknown', { field: 'lessonKey' });
	return createThread(db, actorId, input, now);
}

/**
 * Opens a thread under a lesson known only by its key: `createThreadInCourse` checks that the
 * lesson exists; everything about the writer and the text is checked here.
 */
export async function createThread(
	db: DB,
	actorId: number,
	input: { lessonKey: string; kind: string; title: string; body: string },
	now = Date.now(),
	/** What another domain writes with the thread, in its transaction (a suggested edit). */
	alongside?: (trx: DB, threadId: number) => Promise<void>
): Promise<ForumResult<{ threadId: number; url: string }>> {
	const who = await writer(db, actorId, now);
	if (!who.ok) return who;
	const parsed = parseInput(newThreadSchema, input);
	if (!parsed.ok) return parsed;
	const { lessonKey, kind, title, body } = parsed.value;
	const checked = await checkNewPost(db, who.actor, body, 'thread', now);
	if (!checked.ok) return checked;
	const { course, sequence } = splitLessonKey(lessonKey);
	const threadId = await db.transaction().execute(async (trx) => {
		const id = await insertThread(
			trx,
			{ course, sequence, lessonKey, kind, title },
			who.actor.id,
			now
		);
		await insertPost(trx, { threadId: id, authorId: who.actor.id, body, html: checked.html }, now);
		await alongside?.(trx, id);
		await syncThread(trx, id);
		await notifications.threadStarted(trx, id, now);
		return id;
	});
	return { ok: true, threadId, url: threadUrl(course, threadId) };
}

/**
 * Sets the status of a thread, with an optional note. The staff decide on every thread; the
 * person who asked a question may mark it answered (or open again).
 */
export async function setThreadStatus(
	db: DB,
	actorId: number,
	threadId: number,
	input: { status: string; note: string },
	now = Date.now()
): Promise<ForumResult> {
	const actor = await findActor(db, actorId);
	if (!actor) return failure('sign-in-required');
	if (actor.emailVerifiedAt === null) return failure('email-unverified');
	const thread = await findThreadState(db, threadId);
	if (!thread) return failure('not-found');
	if (!canSetStatus(actor, { kind: thread.kind, authorId: thread.author_id }))
		return failure('forbidden');
	const parsed = parseInput(statusSchema, input);
	if (!parsed.ok) return parsed;
	const { status, note } = parsed.value;
	if (!isStatusOf(thread.kind, status)) return failure('status-invalid', { field: 'status' });
	if (status === thread.status && note === null)
		return failure('status-unchanged', { field: 'status' });
	await db.transaction().execute(async (trx) => {
		await writeThreadStatus(trx, threadId, { status, note, by: actor.id }, now);
		await recordModeration(
			trx,
			{ actorId: actor.id, action: 'status', threadId, detail: status, note },
			now
		);
		await notifications.statusChanged(trx, threadId, actor.id, now);
	});
	return { ok: true };
}

/**
 * A suggestion the site itself finds done (its proposed text is in the lesson now): marked done
 * with a note, without anyone's name, and its author and followers hear of it.
 */
export async function markThreadDone(db: DB, threadId: number, note: string, now = Date.now()) {
	await db.transaction().execute(async (trx) => {
		await writeThreadStatus(trx, threadId, { status: 'done', note, by: null }, now);
		await recordModeration(
			trx,
			{ actorId: null, action: 'status', threadId, detail: 'done', note },
			now
		);
		await notifications.statusChanged(trx, threadId, null, now);
	});
}

/** A locked thread takes no more replies or edits; authors and moderators lock and unlock. */
export async function setThreadLocked(
	db: DB,
	actorId: number,
	threadId: number,
	locked: boolean,
	input: { note: string } = { note: '' },
	now = Date.now()
): Promise<ForumResult> {
	const actor = await findActor(db, actorId);
	if (!actor) return failure('sign-in-required');
	if (!canLock(actor)) return failure('forbidden');
	const thread = await findThreadState(db, threadId);
	if (!thread) return failure('not-found');
	const parsed = parseInput(noteSchema, input);
	if (!parsed.ok) return parsed;
	if ((thread.locked_at !== null) === locked) return { ok: true };
	await db.transaction().execute(async (trx) => {
		await writeThreadLock(trx, threadId, locked, now);
		await recordModeration(
			trx,
			{ actorId: actor.id, action: locked ? 'lock' : 'unlock', threadId, note: parsed.value.note },
			now
		);
	});
	return { ok: true };
}
