// The lists of threads: under a lesson, across a course, and the authors' to-do list.
import type { ExpressionBuilder } from 'kysely';
import { PENDING_STATUSES, type ThreadSummary } from '../../forum.ts';
import type { Database, DB } from '../db/index.ts';
import { scopes, shown } from '../page-versions.ts';
import type { ListFilters } from './schema.ts';
import { threadUrl } from './urls.ts';

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

export function selectSummaries(db: DB) {
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

export function toSummary(row: SummaryRow): ThreadSummary {
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

/** Threads of one lesson, latest activity first. */
export async function listLessonThreads(db: DB, lessonKey: string, limit = 50) {
	shown(scopes.lessonDiscussion(lessonKey), scopes.authors);
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
	shown(scopes.lessonDiscussion(lessonKey));
	const { n } = await db
		.selectFrom('forum_threads')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('lesson_key', '=', lessonKey)
		.where('kind', 'in', ['suggestion', 'erratum'])
		.where('status', 'in', PENDING_STATUSES)
		.executeTakeFirstOrThrow();
	return Number(n);
}

export const COURSE_PAGE_SIZE = 20;

/** Every thread of a course, latest activity first, filtered and paginated. */
export async function listCourseThreads(
	db: DB,
	course: string,
	filters: ListFilters,
	pageSize = COURSE_PAGE_SIZE
) {
	shown(scopes.courseDiscussions(course), scopes.authors);
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
