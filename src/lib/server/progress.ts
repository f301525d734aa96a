// Where each registered learner is in each course. Rows are keyed by the lesson's stable content
// key: retitling a lesson keeps its progress; a lesson removed from the course simply stops counting.
import type { Course } from '../content/types.ts';
import { inGroupCommit } from './db/group-commit.ts';
import type { DB } from './db/index.ts';
import { latestAttemptByCourse, scoresByQuiz, type Scores } from './quiz/attempts.ts';
import { prepared } from './db/prepared.ts';

/** A progress row for the lesson, created as a visit, or updated with `changes`. */
async function upsertProgress(
	db: DB,
	row: { userId: number; lessonKey: string; courseSlug: string; now: number },
	changes: { last_visited_at?: number; completed_at?: number | null }
) {
	await db
		.insertInto('lesson_progress')
		.values({
			user_id: row.userId,
			lesson_key: row.lessonKey,
			course_slug: row.courseSlug,
			first_visited_at: row.now,
			last_visited_at: row.now,
			completed_at: changes.completed_at ?? null
		})
		.onConflict((conflict) => conflict.columns(['user_id', 'lesson_key']).doUpdateSet(changes))
		.execute();
}

/**
 * A visit to the lesson the learner last opened, already written this recently, is not written
 * again: reading a lesson does not turn into a write (and a wait for the disk) per page view. The
 * lesson to resume stays the one last opened; the time of a visit is right to within this.
 */
export const VISIT_PRECISION = 60 * 60_000;

/** A learner's latest visit: read on every lesson page they open. */
const latestVisit = prepared((db, userId: number) =>
	db
		.selectFrom('lesson_progress')
		.select(['lesson_key', 'last_visited_at'])
		.where('user_id', '=', userId)
		.orderBy('last_visited_at', 'desc')
		.limit(1)
);

export async function recordVisit(
	db: DB,
	userId: number,
	lesson: { key: string },
	courseSlug: string,
	now = Date.now()
) {
	const [latest] = await latestVisit(db, userId);
	if (latest?.lesson_key === lesson.key && now - latest.last_visited_at < VISIT_PRECISION) return;
	// Committed with the other learners' writes of the moment: one wait for the disk for all.
	await inGroupCommit(db, (trx) =>
		upsertProgress(
			trx,
			{ userId, lessonKey: lesson.key, courseSlug, now },
			{ last_visited_at: now }
		)
	);
}

/** Marks a lesson done, or not done any more. Marking also counts as a visit. */
export async function setLessonDone(
	db: DB,
	userId: number,
	lesson: { key: string },
	courseSlug: string,
	done: boolean,
	now = Date.now()
) {
	await inGroupCommit(db, (trx) =>
		upsertProgress(
			trx,
			{ userId, lessonKey: lesson.key, courseSlug, now },
			{ completed_at: done ? now : null }
		)
	);
}

export async function isLessonDone(db: DB, userId: number, lessonKey: string) {
	const row = await db
		.selectFrom('lesson_progress')
		.select('completed_at')
		.where('user_id', '=', userId)
		.where('lesson_key', '=', lessonKey)
		.executeTakeFirst();
	return row?.completed_at != null;
}

const doneInCourse = prepared((db, userId: number, courseSlug: string) =>
	db
		.selectFrom('lesson_progress')
		.select('lesson_key')
		.where('user_id', '=', userId)
		.where('course_slug', '=', courseSlug)
		.where('completed_at', 'is not', null)
);

/** The lessons of a course a learner has marked done, by key (removed lessons included). */
export async function doneLessonKeys(
	db: DB,
	userId: number,
	courseSlug: string
): Promise<Set<string>> {
	const rows = await doneInCourse(db, userId, courseSlug);
	return new Set(rows.map((row) => row.lesson_key));
}

export interface SequenceProgress {
	key: string;
	done: number;
	total: number;
	quiz: Scores | null;
}

export interface CourseProgress {
	/** The last lesson opened that is still in the course. */
	resume: { key: string; url: string; title: string } | null;
	lastActivity: number | null;
	doneLessons: string[];
	done: number;
	total: number;
	sequences: SequenceProgress[];
}

/** A learner's progress in a course, measured against the course as it is today. */
export async function courseProgress(
	db: DB,
	userId: number,
	course: Course
): Promise<CourseProgress> {
	const rows = await db
		.selectFrom('lesson_progress')
		.select(['lesson_key', 'last_visited_at', 'completed_at'])
		.where('user_id', '=', userId)
		.where('course_slug', '=', course.slug)
		.orderBy('last_visited_at', 'desc')
		.execute();
	const scores = await scoresByQuiz(db, userId, course.slug);
	const lessons = new Map(
		course.sequences.flatMap((sequence) => sequence.lessons.map((lesson) => [lesson.key, lesson]))
	);
	const current = rows.filter((row) => lessons.has(row.lesson_key));
	const doneLessons = new Set(
		current.filter((row) => row.completed_at !== null).map((row) => row.lesson_key)
	);
	const last = current[0] ? lessons.get(current[0].lesson_key) : undefined;
	const attemptTimes = [...scores.values()].map((score) => score.latest.createdAt);
	const activity = [
		...rows.map((row) => Math.max(row.last_visited_at, row.completed_at ?? 0)),
		...attemptTimes
	];
	const sequences = course.sequences.map((sequence) => ({
		key: sequence.key,
		done: sequence.lessons.filter((lesson) => doneLessons.has(lesson.key)).length,
		total: sequence.lessons.length,
		quiz: scores.get(sequence.key) ?? null
	}));
	return {
		resume: last ? { key: last.key, url: last.url, title: last.title } : null,
		lastActivity: activity.length > 0 ? Math.max(...activity) : null,
		doneLessons: [...doneLessons],
		done: doneLessons.size,
		total: lessons.size,
		sequences
	};
}

/** One sequence's part of a course's progress, found by its key (never by its position). */
export function sequenceProgress(progress: CourseProgress, sequenceKey: string) {
	return progress.sequences.find((sequence) => sequence.key === sequenceKey) ?? null;
}

/** The slugs of the courses a learner has opened or taken a quiz in, most recent first. */
export async function startedCourses(db: DB, userId: number): Promise<string[]> {
	const visited = await db
		.selectFrom('lesson_progress')
		.select('course_slug')
		.select((eb) => eb.fn.max('last_visited_at').as('last'))
		.where('user_id', '=', userId)
		.groupBy('course_slug')
		.execute();
	const quizzed = await latestAttemptByCourse(db, userId);
	const latest = new Map<string, number>();
	for (const row of [...visited, ...quizzed]) {
		latest.set(row.course_slug, Math.max(latest.get(row.course_slug) ?? 0, Number(row.last)));
	}
	return [...latest].sort((a, b) => b[1] - a[1]).map(([slug]) => slug);
}

export async function exportProgress(db: DB, userId: number) {
	const rows = await db
		.selectFrom('lesson_progress')
		.select(['lesson_key', 'first_visited_at', 'last_visited_at', 'completed_at'])
		.where('user_id', '=', userId)
		.orderBy('lesson_key')
		.execute();
	return rows.map((row) => ({
		lesson: row.lesson_key,
		firstVisitedAt: new Date(row.first_visited_at).toISOString(),
		lastVisitedAt: new Date(row.last_visited_at).toISOString(),
		completedAt: row.completed_at === null ? null : new Date(row.completed_at).toISOString()
	}));
}
