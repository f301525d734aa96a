// Threads hang on a lesson (its stable key `course/sequence/lesson`) and have a kind: a question,
// a suggestion of improvement or an erratum. Suggestions and errata carry an author's decision.
import type { ExpressionBuilder } from 'kysely';
import type { Database, DB } from '../db/index.ts';
import * as notifications from '../notifications/events.ts';
import { recordModeration } from './log.ts';
import {
	checkNewPost,
	currentHtml,
	insertPost,
	postState,
	listThreadPosts,
	writer,
	type PostView
} from './posts.ts';
import {
	canLock,
	canSetStatus,
	findActor,
	isModerator,
	postingBlock,
	type Viewer
} from './permissions.ts';
import {
	PENDING_STATUSES,
	STATUSES_BY_KIND,
	failure,
	isStatusOf,
	newThreadSchema,
	noteSchema,
	parseInput,
	statusSchema,
	type ForumResult,
	type ListFilters
} from './schema.ts';
import type { ThreadKind, ThreadStatus } from './tables.ts';
import { discussionsUrl, newThreadUrl, splitLessonKey, threadUrl } from './urls.ts';

export interface ThreadSummary {
	id: number;
	url: string;
	course: string;
	sequence: string;
	lessonKey: string;
	kind: ThreadKind;
	status: ThreadStatus;
	title: string;
	/** null once the account is deleted. */
	authorName: string | null;
	replyCount: number;
	locked: boolean;
	createdAt: number;
	lastActivityAt: number;
}

const summaryColumns = (eb: ExpressionBuilder<Database, 'forum_threads'>) =>
	[
		'forum_threads.id',
		'forum_threads.course',
		'forum_threads.sequence',
		'forum_threads.lesson_key',
		'forum_threads.kind',
		'forum_threads.status',
		'forum_threads.title',
		'forum_threads.author_id',
		'forum_threads.locked_at',
		'forum_threads.created_at',
		'forum_threads.last_activity_at',
		eb
			.selectFrom('users')
			.select('users.username')
			.whereRef('users.id', '=', 'forum_threads.author_id')
			.as('author_name'),
		eb
			.selectFrom('forum_posts')
			.select((inner) => inner.fn.countAll<number>().as('n'))
			.whereRef('forum_posts.thread_id', '=', 'forum_threads.id')
			.as('post_count')
	] as const;

function selectSummaries(db: DB) {
	return db.selectFrom('forum_threads').select(summaryColumns);
}

/** The filters of the course list, as one condition. */
function courseFilter(course: string, filters: ListFilters) {
	return (eb: ExpressionBuilder<Database, 'forum_threads'>) => {
		const conditions = [eb('forum_threads.course', '=', course)];
		if (filters.kind) conditions.push(eb('forum_threads.kind', '=', filters.kind));
		if (filters.status) conditions.push(eb('forum_threads.status', '=', filters.status));
		if (filters.sequence) conditions.push(eb('forum_threads.sequence', '=', filters.sequence));
		if (filters.lesson) conditions.push(eb('forum_threads.lesson_key', '=', filters.lesson));
		return eb.and(conditions);
	};
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];

function toSummary(row: SummaryRow): ThreadSummary {
	return {
		id: row.id,
		url: threadUrl(row.course, row.id),
		course: row.course,
		sequence: row.sequence,
		lessonKey: row.lesson_key,
		kind: row.kind,
		status: row.status,
		title: row.title,
		authorName: row.author_name,
		replyCount: Math.max(0, Number(row.post_count ?? 0) - 1),
		locked: row.locked_at !== null,
		createdAt: row.created_at,
		lastActivityAt: row.last_activity_at
	};
}

/**
 * Opens a thread under a lesson. The route checks that the lesson exists in the course index;
 * everything about the writer and the text is checked here.
 */
export async function createThread(
	db: DB,
	actorId: number,
	input: { lessonKey: string; kind: string; title: string; body: string },
	now = Date.now()
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
		const { id } = await trx
			.insertInto('forum_threads')
			.values({
				course,
				sequence,
				lesson_key: lessonKey,
				kind,
				title,
				status: 'open',
				status_note: null,
				status_set_by: null,
				status_set_at: null,
				locked_at: null,
				author_id: who.actor.id,
				created_at: now,
				last_activity_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await insertPost(trx, { threadId: id, authorId: who.actor.id, body, html: checked.html }, now);
		await notifications.threadStarted(trx, id, now);
		return id;
	});
	return { ok: true, threadId, url: threadUrl(course, threadId) };
}

export interface ThreadView extends ThreadSummary {
	authorId: number | null;
	statusNote: string | null;
	/** Who decided the status; null when nobody did or the account is gone. */
	statusSetBy: string | null;
	statusSetAt: number | null;
	/** The statuses this kind of thread can take, in their order. */
	statuses: readonly ThreadStatus[];
}

export async function findThread(db: DB, threadId: number): Promise<ThreadView | null> {
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

async function findThreadState(db: DB, threadId: number) {
	return db
		.selectFrom('forum_threads')
		.select(['id', 'kind', 'status', 'author_id', 'locked_at'])
		.where('id', '=', threadId)
		.executeTakeFirst();
}

export interface ThreadPage {
	thread: ThreadView;
	posts: PostView[];
	can: {
		reply: boolean;
		/** Why this reader cannot reply, when they cannot. */
		replyBlock: 'sign-in-required' | 'email-unverified' | 'suspended' | 'locked' | null;
		setStatus: boolean;
		lock: boolean;
		moderate: boolean;
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

/** Threads of one lesson, latest activity first. */
export async function listLessonThreads(db: DB, lessonKey: string, limit = 50) {
	const rows = await selectSummaries(db)
		.where('forum_threads.lesson_key', '=', lessonKey)
		.orderBy('forum_threads.last_activity_at', 'desc')
		.orderBy('forum_threads.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toSummary);
}

/** Suggestions and errata of a lesson not yet done or declined (open or accepted). */
export async function countPendingSuggestions(db: DB, lessonKey: string) {
	const { n } = await db
		.selectFrom('forum_threads')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('lesson_key', '=', lessonKey)
		.where('kind', 'in', ['suggestion', 'erratum'])
		.where('status', 'in', PENDING_STATUSES)
		.executeTakeFirstOrThrow();
	return Number(n);
}

export const LESSON_THREAD_LIMIT = 20;

export interface LessonDiscussion {
	lessonKey: string;
	course: string;
	threads: ThreadSummary[];
	/** More threads than shown: the course list, filtered on the lesson, has them all. */
	moreThreads: boolean;
	/** Suggestions and errata still open or accepted (not yet done or declined). */
	openSuggestionCount: number;
	newThreadUrl: string;
	allThreadsUrl: string;
	posting: {
		allowed: boolean;
		block: 'sign-in-required' | 'email-unverified' | 'suspended' | null;
		suspendedUntil: number | null;
	};
}

/** What the lesson page shows under a lesson: its threads and the form to start one. */
export async function loadLessonDiscussion(
	db: DB,
	lessonKey: string,
	viewer: Viewer | null,
	now = Date.now()
): Promise<LessonDiscussion> {
	const { course } = splitLessonKey(lessonKey);
	const threads = await listLessonThreads(db, lessonKey, LESSON_THREAD_LIMIT + 1);
	const block = postingBlock(viewer, now);
	return {
		lessonKey,
		course,
		threads: threads.slice(0, LESSON_THREAD_LIMIT),
		moreThreads: threads.length > LESSON_THREAD_LIMIT,
		openSuggestionCount: await countPendingSuggestions(db, lessonKey),
		newThreadUrl: newThreadUrl(course),
		allThreadsUrl: `${discussionsUrl(course)}?lesson=${encodeURIComponent(lessonKey)}`,
		posting: {
			allowed: block === null,
			block,
			suspendedUntil: block === 'suspended' ? (viewer?.postingSuspendedUntil ?? null) : null
		}
	};
}

export const COURSE_PAGE_SIZE = 20;

/** Every thread of a course, latest activity first, filtered and paginated. */
export async function listCourseThreads(
	db: DB,
	course: string,
	filters: ListFilters,
	pageSize = COURSE_PAGE_SIZE
) {
	const where = courseFilter(course, filters);
	const { total } = await db
		.selectFrom('forum_threads')
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.where(where)
		.executeTakeFirstOrThrow();
	const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
	const page = Math.min(filters.page, pageCount);
	const rows = await selectSummaries(db)
		.where(where)
		.orderBy('forum_threads.last_activity_at', 'desc')
		.orderBy('forum_threads.id', 'desc')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return { threads: rows.map(toSummary), total: Number(total), page, pageCount };
}

/** Suggestions and errata waiting for an author, oldest first: the authors' to-do list. */
export async function listPendingSuggestions(db: DB, limit = 100) {
	const rows = await selectSummaries(db)
		.where('forum_threads.kind', 'in', ['suggestion', 'erratum'])
		.where('forum_threads.status', 'in', PENDING_STATUSES)
		.orderBy('forum_threads.created_at', 'asc')
		.limit(limit)
		.execute();
	return rows.map(toSummary);
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
		await trx
			.updateTable('forum_threads')
			.set({ status, status_note: note, status_set_by: actor.id, status_set_at: now })
			.where('id', '=', threadId)
			.execute();
		await recordModeration(
			trx,
			{ actorId: actor.id, action: 'status', threadId, detail: status, note },
			now
		);
		await notifications.statusChanged(trx, threadId, actor.id, now);
	});
	return { ok: true };
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
		await trx
			.updateTable('forum_threads')
			.set({ locked_at: locked ? now : null })
			.where('id', '=', threadId)
			.execute();
		await recordModeration(
			trx,
			{ actorId: actor.id, action: locked ? 'lock' : 'unlock', threadId, note: parsed.value.note },
			now
		);
	});
	return { ok: true };
}

/** Not deleted and not hidden: the first post's HTML can go into the public feed. */
export async function listFeedThreads(db: DB, course: string, limit = 50) {
	const rows = await db
		.selectFrom('forum_threads as thread')
		.leftJoin('users as author', 'author.id', 'thread.author_id')
		.select((eb) => [
			'thread.id',
			'thread.kind',
			'thread.status',
			'thread.title',
			'thread.lesson_key',
			'thread.created_at',
			'thread.status_set_at',
			'author.username as author_name',
			eb
				.selectFrom('forum_posts as first')
				.select('first.id')
				.whereRef('first.thread_id', '=', 'thread.id')
				.orderBy('first.id')
				.limit(1)
				.as('first_post_id')
		])
		.where('thread.course', '=', course)
		.where('thread.kind', 'in', ['suggestion', 'erratum'])
		.orderBy('thread.created_at', 'desc')
		.orderBy('thread.id', 'desc')
		.limit(limit)
		.execute();
	const entries = [];
	for (const row of rows) {
		const post =
			row.first_post_id === null
				? undefined
				: await db
						.selectFrom('forum_posts')
						.select(['id', 'body', 'body_html', 'render_version', 'deleted_at', 'hidden_at'])
						.where('id', '=', row.first_post_id)
						.executeTakeFirst();
		entries.push({
			id: row.id,
			url: threadUrl(course, row.id),
			kind: row.kind,
			status: row.status,
			title: row.title,
			lessonKey: row.lesson_key,
			authorName: row.author_name,
			createdAt: row.created_at,
			updatedAt: Math.max(row.created_at, row.status_set_at ?? 0),
			state: post ? postState(post) : ('deleted' as const),
			html:
				post && post.deleted_at === null && post.hidden_at === null
					? await currentHtml(db, post)
					: null
		});
	}
	return entries;
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
