import { inGroupCommit } from '../db/group-commit.ts';
import type { DB } from '../db/index.ts';
import { prepared } from '../db/prepared.ts';
import { minutesToWait, takeAll, type Limit } from '../rate-limit.ts';
import { arrangementSchema, inShownOrder, type Arrangement } from './arrangement.ts';
import { gradeQuiz, type QuizResult } from './grade.ts';
import { parseSnapshot, snapshotOf, storeSnapshot, type QuizVersion } from './snapshots.ts';

const MINUTE = 60_000;
/** Far above a learner retrying to learn; low enough that a script cannot fill the disk. */
export const ATTEMPT_LIMITS = {
	perMinute: { max: 5, windowMs: MINUTE },
	perDay: { max: 50, windowMs: 24 * 60 * MINUTE }
} satisfies Record<string, Limit>;

/**
 * Counts one attempt at a quiz against the learner's limits, before it is graded and stored;
 * says how many minutes to wait when one is reached.
 */
export async function takeAttemptQuota(
	db: DB,
	userId: number,
	quizKey: string,
	now = Date.now()
): Promise<{ minutes: number } | null> {
	const wait = await takeAll(
		db,
		[
			[`quiz-minute:${userId}:${quizKey}`, ATTEMPT_LIMITS.perMinute],
			[`quiz-day:${userId}:${quizKey}`, ATTEMPT_LIMITS.perDay]
		],
		now
	);
	return wait > 0 ? { minutes: minutesToWait(wait) } : null;
}

export interface AttemptSummary {
	id: number;
	score: number;
	passed: boolean;
	createdAt: number;
}

export interface Attempt extends AttemptSummary {
	quizKey: string;
	result: QuizResult;
}

export interface Scores {
	best: AttemptSummary;
	latest: AttemptSummary;
	count: number;
	/** Whether any attempt reached the pass mark it was judged against. */
	passed: boolean;
}

/** Every attempt a learner submits is written by this one INSERT, compiled once (prepared.ts). */
const insertAttempt = prepared(
	(
		db,
		userId: number,
		courseSlug: string,
		quizKey: string,
		score: number,
		passed: 0 | 1,
		answers: string,
		snapshotId: number,
		arrangement: string,
		createdAt: number
	) =>
		db
			.insertInto('quiz_attempts')
			.values({
				user_id: userId,
				course_slug: courseSlug,
				quiz_key: quizKey,
				score,
				passed,
				answers,
				snapshot_id: snapshotId,
				arrangement,
				created_at: createdAt
			})
			.returning('id')
);

export async function recordAttempt(
	db: DB,
	values: {
		userId: number;
		courseSlug: string;
		quizKey: string;
		result: QuizResult;
		answers: Record<string, string[]>;
		/** The order the attempt was shown in, for its review. */
		arrangement?: Arrangement;
	},
	now = Date.now()
): Promise<number> {
	const snapshotId = await storeSnapshot(db, snapshotOf(values.result));
	const row = {
		user_id: values.userId,
		course_slug: values.courseSlug,
		quiz_key: values.quizKey,
		score: values.result.score,
		passed: values.result.passed ? (1 as const) : (0 as const),
		answers: JSON.stringify(values.answers),
		snapshot_id: snapshotId,
		created_at: now
	};
	if (values.arrangement) {
		const [inserted] = await insertAttempt(
			db,
			row.user_id,
			row.course_slug,
			row.quiz_key,
			row.score,
			row.passed,
			row.answers,
			row.snapshot_id,
			JSON.stringify(values.arrangement),
			row.created_at
		);
		return inserted.id;
	}
	// Attempts stored before quizzes were shuffled have no order of their own.
	const inserted = await db
		.insertInto('quiz_attempts')
		.values({ ...row, arrangement: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

/**
 * Counts an attempt against the learner's limits and stores it, in one transaction: a refused
 * attempt leaves only its count. Attempts sent at the same moment share one commit (group commit),
 * so one wait for the disk serves them all; each is answered once it is stored.
 */
export async function submitAttempt(
	db: DB,
	values: Parameters<typeof recordAttempt>[1],
	now = Date.now()
): Promise<{ ok: true; attemptId: number } | { ok: false; minutes: number }> {
	return inGroupCommit(db, async (trx) => {
		const refused = await takeAttemptQuota(trx, values.userId, values.quizKey, now);
		if (refused) return { ok: false, minutes: refused.minutes };
		return { ok: true, attemptId: await recordAttempt(trx, values, now) };
	});
}

const summary = (row: {
	id: number;
	score: number;
	passed: number;
	created_at: number;
}): AttemptSummary => ({
	id: row.id,
	score: row.score,
	passed: row.passed === 1,
	createdAt: row.created_at
});

/** A learner's attempts at one quiz, newest first. */
export async function listAttempts(
	db: DB,
	userId: number,
	quizKey: string
): Promise<AttemptSummary[]> {
	const rows = await db
		.selectFrom('quiz_attempts')
		.select(['id', 'score', 'passed', 'created_at'])
		.where('user_id', '=', userId)
		.where('quiz_key', '=', quizKey)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map(summary);
}

const attemptsInCourse = prepared((db, userId: number, courseSlug: string) =>
	db
		.selectFrom('quiz_attempts')
		.select(['id', 'quiz_key', 'score', 'passed', 'created_at'])
		.where('user_id', '=', userId)
		.where('course_slug', '=', courseSlug)
		.orderBy('created_at', 'asc')
		.orderBy('id', 'asc')
);

/** Best and latest score for each quiz of a course the learner has taken. */
export async function scoresByQuiz(
	db: DB,
	userId: number,
	courseSlug: string
): Promise<Map<string, Scores>> {
	const rows = await attemptsInCourse(db, userId, courseSlug);
	const scores = new Map<string, Scores>();
	for (const row of rows) {
		const attempt = summary(row);
		const known = scores.get(row.quiz_key);
		if (!known) {
			scores.set(row.quiz_key, {
				best: attempt,
				latest: attempt,
				count: 1,
				passed: attempt.passed
			});
			continue;
		}
		known.latest = attempt;
		known.count += 1;
		known.passed ||= attempt.passed;
		if (attempt.score > known.best.score) known.best = attempt;
	}
	return scores;
}

/** The courses a learner has taken a quiz in, with the time of their latest attempt there. */
export async function latestAttemptByCourse(db: DB, userId: number) {
	return db
		.selectFrom('quiz_attempts')
		.select('course_slug')
		.select((eb) => eb.fn.max('created_at').as('last'))
		.where('user_id', '=', userId)
		.groupBy('course_slug')
		.execute();
}

/** One attempt, only for its owner. */
export async function findAttempt(
	db: DB,
	userId: number,
	attemptId: number
): Promise<Attempt | null> {
	const row = await db
		.selectFrom('quiz_attempts')
		.innerJoin('quiz_snapshots', 'quiz_snapshots.id', 'quiz_attempts.snapshot_id')
		.select([
			'quiz_attempts.id',
			'quiz_attempts.quiz_key',
			'quiz_attempts.score',
			'quiz_attempts.passed',
			'quiz_attempts.created_at',
			'quiz_attempts.answers',
			'quiz_attempts.arrangement',
			'quiz_snapshots.quiz'
		])
		.where('quiz_attempts.id', '=', attemptId)
		.where('quiz_attempts.user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		...summary(row),
		quizKey: row.quiz_key,
		result: inShownOrder(
			reviewOf(parseSnapshot(row.quiz), row.answers, row.score, row.passed === 1),
			parseArrangement(row.arrangement)
		)
	};
}

function parseArrangement(json: string | null): Arrangement | null {
	if (json === null) return null;
	const parsed = arrangementSchema.safeParse(JSON.parse(json));
	return parsed.success ? parsed.data : null;
}

/** The order a learner's latest attempt at a quiz was shown in, so the next one can differ. */
export async function latestArrangement(
	db: DB,
	userId: number,
	quizKey: string
): Promise<Arrangement | null> {
	const row = await db
		.selectFrom('quiz_attempts')
		.select('arrangement')
		.where('user_id', '=', userId)
		.where('quiz_key', '=', quizKey)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return parseArrangement(row?.arrangement ?? null);
}

/** An attempt as it was graded: its answers against the version it answered. */
function reviewOf(
	version: QuizVersion,
	answers: string,
	score: number,
	passed: boolean
): QuizResult {
	return { ...gradeQuiz(version, JSON.parse(answers) as Record<string, string[]>), score, passed };
}

export interface QuestionStatistics {
	id: string;
	promptHtml: string;
	answers: number;
	rightShare: number;
	/** The wrong option chosen most often, with how many times. */
	commonWrongOption: { html: string; count: number } | null;
}

/**
 * What authors need to find the questions (and lessons) that need work. Questions are matched by
 * id across attempts, so a reworded question keeps its history; counts come from the snapshots.
 */
export async function quizStatistics(
	db: DB,
	quizKey: string,
	currentQuestions: { id: string; promptHtml: string }[]
) {
	const rows = await db
		.selectFrom('quiz_attempts')
		.leftJoin('quiz_snapshots', 'quiz_snapshots.id', 'quiz_attempts.snapshot_id')
		.select([
			'quiz_attempts.score',
			'quiz_attempts.passed',
			'quiz_attempts.answers',
			'quiz_attempts.snapshot_id',
			'quiz_snapshots.quiz'
		])
		.where('quiz_attempts.quiz_key', '=', quizKey)
		.execute();
	const versions = new Map<number, QuizVersion>();
	const byQuestion = new Map<
		string,
		{
			promptHtml: string;
			answers: number;
			right: number;
			wrong: Map<string, { html: string; count: number }>;
		}
	>();
	for (const row of rows) {
		if (row.snapshot_id === null || row.quiz === null) continue;
		let version = versions.get(row.snapshot_id);
		if (!version) versions.set(row.snapshot_id, (version = parseSnapshot(row.quiz)));
		const result = reviewOf(version, row.answers, row.score, row.passed === 1);
		for (const question of result.questions) {
			let stats = byQuestion.get(question.id);
			if (!stats)
				byQuestion.set(
					question.id,
					(stats = { promptHtml: question.promptHtml, answers: 0, right: 0, wrong: new Map() })
				);
			stats.answers += 1;
			if (question.correct) stats.right += 1;
			for (const option of question.options) {
				if (!option.chosen || option.correct) continue;
				const wrong = stats.wrong.get(option.id) ?? { html: option.html, count: 0 };
				wrong.count += 1;
				stats.wrong.set(option.id, wrong);
			}
		}
	}
	const questions: QuestionStatistics[] = currentQuestions.map(({ id, promptHtml }) => {
		const stats = byQuestion.get(id);
		const commonWrong = stats
			? ([...stats.wrong.values()].sort((a, b) => b.count - a.count)[0] ?? null)
			: null;
		return {
			id,
			promptHtml,
			answers: stats?.answers ?? 0,
			rightShare: stats && stats.answers > 0 ? Math.round((stats.right * 100) / stats.answers) : 0,
			commonWrongOption: commonWrong
		};
	});
	const average =
		rows.length > 0
			? Math.round(rows.reduce((sum, row) => sum + row.score, 0) / rows.length)
			: null;
	return { attempts: rows.length, averageScore: average, questions };
}

export async function exportAttempts(db: DB, userId: number) {
	const rows = await db
		.selectFrom('quiz_attempts')
		.select(['quiz_key', 'score', 'passed', 'answers', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return rows.map((row) => ({
		quiz: row.quiz_key,
		score: row.score,
		passed: row.passed === 1,
		answers: JSON.parse(row.answers) as Record<string, string[]>,
		takenAt: new Date(row.created_at).toISOString()
	}));
}
