import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportAccountData } from '../../src/lib/server/account-data.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import { deleteUser, createUser } from '../../src/lib/server/user.ts';
import * as progress from '../../src/lib/server/progress.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import {
	ATTEMPT_LIMITS,
	findAttempt,
	listAttempts,
	quizStatistics,
	recordAttempt,
	scoresByQuiz,
	submitAttempt,
	takeAttemptQuota
} from '../../src/lib/server/quiz/attempts.ts';
import { freshAccounts } from '../helpers/accounts.ts';
import { VALID_COURSE, writeCourses } from '../helpers/course-fixture.ts';

let accounts: Awaited<ReturnType<typeof freshAccounts>>;
let cleanups: (() => void)[] = [];
let userId: number;

function courseFrom(overrides: Record<string, string | null> = {}): Course {
	const { coursesDir, cleanup } = writeCourses(overrides);
	cleanups.push(cleanup);
	const { index, problems } = loadContent(coursesDir);
	if (problems.length > 0) throw new Error(JSON.stringify(problems));
	return index.courses[0];
}

beforeEach(async () => {
	accounts = await freshAccounts();
	userId = (
		await createUser(accounts.db, { username: 'lea', email: 'lea@example.org', passwordHash: 'x' })
	).id;
});
afterEach(async () => {
	await accounts.cleanup();
	cleanups.splice(0).forEach((cleanup) => cleanup());
});

const lessonsOf = (course: Course) => course.sequences.flatMap((sequence) => sequence.lessons);

describe('progress', () => {
	test('resumes at the last lesson opened and counts lessons done per sequence', async () => {
		const course = courseFrom();
		const [first, second, third] = lessonsOf(course);
		await progress.recordVisit(accounts.db, userId, first, course.slug, 1000);
		await progress.recordVisit(accounts.db, userId, third, course.slug, 2000);
		await progress.recordVisit(accounts.db, userId, second, course.slug, 3000);
		await progress.setLessonDone(accounts.db, userId, first, course.slug, true, 3500);

		const state = await progress.courseProgress(accounts.db, userId, course);
		expect(state.resume).toEqual({ key: second.key, url: second.url, title: second.title });
		expect(state.lastActivity).toBe(3500);
		expect(state.doneLessons).toEqual([first.key]);
		expect(state.sequences.map(({ done, total }) => [done, total])).toEqual([
			[1, 2],
			[0, 1]
		]);
	});

	test('reading the same lesson again writes its visit once an hour, and never hides a lesson opened in between', async () => {
		const course = courseFrom();
		const [first, second] = lessonsOf(course);
		const lastVisit = async () =>
			(await progress.exportProgress(accounts.db, userId)).find((row) => row.lesson === first.key)
				?.lastVisitedAt;
		await progress.recordVisit(accounts.db, userId, first, course.slug, 1000);
		await progress.recordVisit(accounts.db, userId, first, course.slug, 2000);
		expect(await lastVisit()).toBe(new Date(1000).toISOString());

		await progress.recordVisit(accounts.db, userId, second, course.slug, 3000);
		await progress.recordVisit(accounts.db, userId, first, course.slug, 4000);
		expect(await lastVisit()).toBe(new Date(4000).toISOString());
		expect((await progress.courseProgress(accounts.db, userId, course)).resume?.key).toBe(
			first.key
		);

		const later = 4000 + progress.VISIT_PRECISION;
		await progress.recordVisit(accounts.db, userId, first, course.slug, later);
		expect(await lastVisit()).toBe(new Date(later).toISOString());
	});

	test('a lesson can be marked done and undone', async () => {
		const course = courseFrom();
		const [first] = lessonsOf(course);
		await progress.setLessonDone(accounts.db, userId, first, course.slug, true);
		expect(await progress.isLessonDone(accounts.db, userId, first.key)).toBe(true);
		await progress.setLessonDone(accounts.db, userId, first, course.slug, false);
		expect(await progress.isLessonDone(accounts.db, userId, first.key)).toBe(false);
		expect((await progress.courseProgress(accounts.db, userId, course)).done).toBe(0);
	});

	test('retitling a lesson keeps its progress; removing one stops counting it without breaking', async () => {
		const course = courseFrom();
		const [first, second] = lessonsOf(course);
		await progress.setLessonDone(accounts.db, userId, first, course.slug, true, 1000);
		await progress.setLessonDone(accounts.db, userId, second, course.slug, true, 2000);

		const retitled = courseFrom({
			'demo/01-premiers-pas/01-bienvenue.md': VALID_COURSE[
				'demo/01-premiers-pas/01-bienvenue.md'
			]!.replace('title: Bienvenue', 'title: Bienvenue à bord').replace(
				'./02-suite.md#la-suite',
				'../02-suite/01-fin.md'
			),
			'demo/01-premiers-pas/02-suite.md': null
		});
		const state = await progress.courseProgress(accounts.db, userId, retitled);
		expect(state.doneLessons).toEqual([first.key]);
		expect(state.resume).toMatchObject({ key: first.key, title: 'Bienvenue à bord' });
		expect(state.total).toBe(2);
	});

	test('quiz scores appear per sequence with best and latest', async () => {
		const course = courseFrom();
		const sequence = course.sequences[0];
		const quiz = sequence.quiz!;
		const wrong = gradeQuiz(quiz, {});
		const rightAnswers = Object.fromEntries(
			quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])
		);
		const right = gradeQuiz(quiz, rightAnswers);
		await recordAttempt(
			accounts.db,
			{
				userId,
				courseSlug: course.slug,
				quizKey: sequence.key,
				result: right,
				answers: rightAnswers
			},
			1000
		);
		await recordAttempt(
			accounts.db,
			{ userId, courseSlug: course.slug, quizKey: sequence.key, result: wrong, answers: {} },
			2000
		);
		const scores = (await scoresByQuiz(accounts.db, userId, course.slug)).get(sequence.key);
		expect(scores).toMatchObject({ best: { score: 100 }, latest: { score: 0 }, count: 2 });
		expect(
			(await progress.courseProgress(accounts.db, userId, course)).sequences[0].quiz?.best.score
		).toBe(100);
		expect((await listAttempts(accounts.db, userId, sequence.key)).map((a) => a.score)).toEqual([
			0, 100
		]);
		expect(await progress.startedCourses(accounts.db, userId)).toEqual([course.slug]);
	});

	test('statistics show the share of right answers and the most chosen wrong option', async () => {
		const course = courseFrom();
		const sequence = course.sequences[0];
		const quiz = sequence.quiz!;
		const [single] = quiz.questions;
		const wrongOption = single.options.find((o) => !o.correct)!;
		const rightOption = single.options.find((o) => o.correct)!;
		for (const choice of [wrongOption, wrongOption, rightOption]) {
			const answers = { [single.id]: [choice.id] };
			const result = gradeQuiz(quiz, answers);
			await recordAttempt(accounts.db, {
				userId,
				courseSlug: course.slug,
				quizKey: sequence.key,
				result,
				answers
			});
		}
		const stats = await quizStatistics(accounts.db, sequence.key, quiz.questions);
		expect(stats.attempts).toBe(3);
		expect(stats.questions[0]).toMatchObject({
			answers: 3,
			rightShare: 33,
			commonWrongOption: { count: 2 }
		});
		expect(stats.questions[0].commonWrongOption?.html).toBe(wrongOption.html);
	});

	test('attempts at one version of a quiz share one stored copy of it and review as they were graded', async () => {
		const course = courseFrom();
		const sequence = course.sequences[0];
		const quiz = sequence.quiz!;
		const [single] = quiz.questions;
		const ids: number[] = [];
		for (const option of single.options) {
			const answers = { [single.id]: [option.id] };
			ids.push(
				await recordAttempt(accounts.db, {
					userId,
					courseSlug: course.slug,
					quizKey: sequence.key,
					result: gradeQuiz(quiz, answers),
					answers
				})
			);
		}
		expect(await accounts.db.selectFrom('quiz_snapshots').select('id').execute()).toHaveLength(1);
		for (const [i, id] of ids.entries()) {
			const attempt = await findAttempt(accounts.db, userId, id);
			const option = single.options[i];
			expect(attempt?.result.questions[0]).toMatchObject({
				chosen: [option.id],
				correct: option.correct && single.options.filter((o) => o.correct).length === 1
			});
			expect(attempt?.result).toEqual(gradeQuiz(quiz, { [single.id]: [option.id] }));
		}
	});

	test('an edited quiz is stored again, and attempts before the edit still review as they were', async () => {
		const course = courseFrom();
		const sequence = course.sequences[0];
		const quiz = sequence.quiz!;
		const [single] = quiz.questions;
		const answers = { [single.id]: [single.options[0].id] };
		const record = (version: typeof quiz) =>
			recordAttempt(accounts.db, {
				userId,
				courseSlug: course.slug,
				quizKey: sequence.key,
				result: gradeQuiz(version, answers),
				answers
			});
		const before = await record(quiz);
		// The author rewrites the first option, as a new build of the content would bring it.
		const edited = {
			...quiz,
			questions: [
				{
					...single,
					options: single.options.map((option, i) =>
						i === 0 ? { ...option, html: '<p>Une réponse réécrite</p>' } : option
					)
				},
				...quiz.questions.slice(1)
			]
		};
		const after = await record(edited);
		await record(quiz);
		expect(await accounts.db.selectFrom('quiz_snapshots').select('id').execute()).toHaveLength(2);
		const reviewed = async (id: number) =>
			(await findAttempt(accounts.db, userId, id))?.result.questions[0].options[0].html;
		expect(await reviewed(before)).toBe(single.options[0].html);
		expect(await reviewed(after)).toBe('<p>Une réponse réécrite</p>');
	});

	test('attempts that drew different questions of a quiz each keep the questions they drew', async () => {
		const course = courseFrom();
		const sequence = course.sequences[0];
		const quiz = sequence.quiz!;
		const [first, second] = quiz.questions;
		const record = (drawn: string[]) =>
			recordAttempt(accounts.db, {
				userId,
				courseSlug: course.slug,
				quizKey: sequence.key,
				result: gradeQuiz(quiz, {}, drawn),
				answers: {}
			});
		const ids = [await record([first.id]), await record([second.id]), await record([first.id])];
		// Every question (no draw) is a version of its own too.
		ids.push(await record(quiz.questions.map((question) => question.id)));
		expect(await accounts.db.selectFrom('quiz_snapshots').select('id').execute()).toHaveLength(3);
		const questionsOf = async (id: number) =>
			(await findAttempt(accounts.db, userId, id))?.result.questions.map((question) => question.id);
		expect(await questionsOf(ids[0])).toEqual([first.id]);
		expect(await questionsOf(ids[1])).toEqual([second.id]);
		expect(await questionsOf(ids[2])).toEqual([first.id]);
		expect(await questionsOf(ids[3])).toEqual(quiz.questions.map((question) => question.id));
	});

	test('a learner who sends attempts too fast is told to wait, per minute and per day', async () => {
		const key = 'cours/sequence';
		const start = Date.UTC(2026, 0, 5, 9);
		const refusals = await Promise.all(
			Array.from({ length: 20 }, () => takeAttemptQuota(accounts.db, userId, key, start))
		);
		expect(refusals.filter((refusal) => refusal === null)).toHaveLength(
			ATTEMPT_LIMITS.perMinute.max
		);
		expect(refusals.find((refusal) => refusal !== null)).toEqual({ minutes: 1 });

		let allowed = ATTEMPT_LIMITS.perMinute.max;
		for (let minute = 1; allowed < ATTEMPT_LIMITS.perDay.max; minute++) {
			for (let i = 0; i < ATTEMPT_LIMITS.perMinute.max; i++) {
				if ((await takeAttemptQuota(accounts.db, userId, key, start + minute * 60_000)) === null)
					allowed++;
			}
		}
		expect(allowed).toBe(ATTEMPT_LIMITS.perDay.max);
		const later = start + 2 * 60 * 60_000;
		expect(await takeAttemptQuota(accounts.db, userId, key, later)).toEqual({ minutes: 22 * 60 });
		expect(await takeAttemptQuota(accounts.db, userId, 'cours/autre', later)).toBeNull();
	});

	test('attempts sent in a burst are stored up to the limit, and the refused ones leave no attempt', async () => {
		const course = courseFrom();
		const quiz = course.sequences[0].quiz!;
		const values = {
			userId,
			courseSlug: course.slug,
			quizKey: course.sequences[0].key,
			result: gradeQuiz(quiz, {}),
			answers: {}
		};
		const start = Date.UTC(2026, 0, 5, 9);
		const answers = await Promise.all(
			Array.from({ length: 8 }, () => submitAttempt(accounts.db, values, start))
		);
		const stored = answers.filter((answer) => answer.ok);
		expect(stored).toHaveLength(ATTEMPT_LIMITS.perMinute.max);
		expect(answers.find((answer) => !answer.ok)).toEqual({ ok: false, minutes: 1 });
		expect(await listAttempts(accounts.db, userId, values.quizKey)).toHaveLength(stored.length);
	});

	test('progress and attempts are in the data download and go with the account', async () => {
		const course = courseFrom();
		const [first] = lessonsOf(course);
		await progress.setLessonDone(accounts.db, userId, first, course.slug, true);
		const result = gradeQuiz(course.sequences[0].quiz!, {});
		await recordAttempt(accounts.db, {
			userId,
			courseSlug: course.slug,
			quizKey: course.sequences[0].key,
			result,
			answers: {}
		});
		const data = await exportAccountData(accounts.db, userId);
		expect(data?.progress).toEqual([
			expect.objectContaining({ lesson: first.key, completedAt: expect.any(String) })
		]);
		expect(data?.quizAttempts).toEqual([
			expect.objectContaining({ quiz: course.sequences[0].key, score: 0 })
		]);

		await deleteUser(accounts.db, userId);
		expect(await accounts.db.selectFrom('lesson_progress').selectAll().execute()).toEqual([]);
		expect(await accounts.db.selectFrom('quiz_attempts').selectAll().execute()).toEqual([]);
	});
});
