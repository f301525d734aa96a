// When a sequence and a course count as complete, by the rules a course sets in its course.md.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatProblems, loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import { courseCompletion } from '../../src/lib/server/completion.ts';
import * as progress from '../../src/lib/server/progress.ts';
import { recordAttempt } from '../../src/lib/server/quiz/attempts.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import { createUser } from '../../src/lib/server/user.ts';
import { freshAccounts } from '../helpers/accounts.ts';
import { VALID_COURSE, writeCourses } from '../helpers/course-fixture.ts';

const COURSE = 'courses/demo/course.md';
const cleanups: (() => void)[] = [];
let accounts: Awaited<ReturnType<typeof freshAccounts>>;
let userId: number;

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

/** The fixture course with `completion` lines added to its course.md frontmatter. */
function withCompletion(yaml: string | null) {
	const source = VALID_COURSE['demo/course.md']!;
	const course = yaml === null ? source : source.replace('editUrl:', `${yaml}\neditUrl:`);
	const { coursesDir, cleanup } = writeCourses({ 'demo/course.md': course });
	cleanups.push(cleanup);
	return loadContent(coursesDir);
}

function courseWith(yaml: string | null): Course {
	const { index, problems } = withCompletion(yaml);
	if (problems.length > 0) throw new Error(formatProblems(problems));
	return index.courses[0];
}

const problemsWith = (yaml: string) =>
	formatProblems(withCompletion(yaml).problems).split('\n').filter(Boolean);

/** The fixture's quiz has two questions: answering one right scores 50, both 100. */
async function takeQuiz(course: Course, rightQuestions: number, passingScore = 50) {
	const sequence = course.sequences[0];
	const quiz = { ...sequence.quiz!, passingScore };
	const answers = Object.fromEntries(
		quiz.questions.map((question, index) => [
			question.id,
			question.options
				.filter((option) => option.correct === index < rightQuestions)
				.map((option) => option.id)
		])
	);
	await recordAttempt(accounts.db, {
		userId,
		courseSlug: course.slug,
		quizKey: sequence.key,
		result: gradeQuiz(quiz, answers),
		answers
	});
}

async function finishLessons(course: Course, sequenceIndex: number) {
	for (const lesson of course.sequences[sequenceIndex].lessons)
		await progress.setLessonDone(accounts.db, userId, lesson, course.slug, true);
}

describe('completion rules in course.md', () => {
	test('by default a course asks for every lesson and every quiz', () => {
		expect(courseWith(null).completion).toEqual({ lessons: true, quizzes: true });
	});

	test('a course may ask only for its quizzes, with its own pass mark', () => {
		expect(courseWith('completion:\n  lessons: false\n  passingScore: 80').completion).toEqual({
			lessons: false,
			quizzes: true,
			passingScore: 80
		});
	});

	test('mistakes are reported at their line, in words an author understands', () => {
		expect(problemsWith('completion:\n  lessons: oui')).toEqual([
			`${COURSE}:8: completion.lessons must be true or false`
		]);
		expect(problemsWith('completion:\n  passingScore: 120')).toEqual([
			`${COURSE}:8: completion.passingScore must be between 0 and 100`
		]);
		expect(problemsWith('completion:\n  quiz: true')).toEqual([
			`${COURSE}:8: unknown field: completion.quiz`
		]);
		expect(problemsWith('completion:\n  lessons: false\n  quizzes: false')).toEqual([
			`${COURSE}:8: completion: lessons and quizzes cannot both be false, or a sequence with a quiz would need nothing`
		]);
		expect(problemsWith('completion:\n  quizzes: false\n  passingScore: 80')).toEqual([
			`${COURSE}:9: completion.passingScore is the score a quiz needs: remove it, or set quizzes: true`
		]);
		expect(problemsWith('completion: oui')).toEqual([
			`${COURSE}:7: completion must be a list of fields, e.g. lessons: true`
		]);
	});
});

describe('a learner’s completion', () => {
	test('a sequence is complete once its lessons are done and its quiz passed; the course once every sequence is', async () => {
		const course = courseWith(null);
		const empty = await courseCompletion(accounts.db, userId, course);
		expect(empty.complete).toBe(false);
		expect(empty.steps).toEqual({ done: 0, total: 4 });

		await finishLessons(course, 0);
		let state = await courseCompletion(accounts.db, userId, course);
		expect(state.sequences[0]).toMatchObject({
			lessonsDone: 2,
			lessonsTotal: 2,
			quizPassed: false,
			complete: false
		});

		await takeQuiz(course, 1);
		state = await courseCompletion(accounts.db, userId, course);
		expect(state.sequences[0]).toMatchObject({ quizPassed: true, complete: true });
		expect(state.complete).toBe(false);

		// The second sequence has no quiz: its lessons are all it asks.
		await finishLessons(course, 1);
		state = await courseCompletion(accounts.db, userId, course);
		expect(state.sequences[1]).toMatchObject({ hasQuiz: false, complete: true });
		expect(state.steps).toEqual({ done: 4, total: 4 });
		expect(state.complete).toBe(true);
	});

	test('a quiz passed without the lessons done leaves the sequence incomplete, unless the course asks only for quizzes', async () => {
		await takeQuiz(courseWith(null), 2);
		expect(
			(await courseCompletion(accounts.db, userId, courseWith(null))).sequences[0].complete
		).toBe(false);
		const quizzesOnly = courseWith('completion:\n  lessons: false');
		const state = await courseCompletion(accounts.db, userId, quizzesOnly);
		expect(state.sequences[0]).toMatchObject({ complete: true, steps: { done: 1, total: 1 } });
		// Without a quiz, a sequence still asks for its lessons.
		expect(state.sequences[1]).toMatchObject({ complete: false, steps: { done: 0, total: 1 } });
	});

	test('the course’s pass mark decides over the quiz’s own', async () => {
		const course = courseWith('completion:\n  passingScore: 80');
		await finishLessons(course, 0);
		await takeQuiz(course, 1);
		expect((await courseCompletion(accounts.db, userId, course)).sequences[0].quizPassed).toBe(
			false
		);
		await takeQuiz(course, 2);
		expect((await courseCompletion(accounts.db, userId, course)).sequences[0].complete).toBe(true);
	});

	test('a course that asks only for lessons counts them even when the quiz is failed', async () => {
		const course = courseWith('completion:\n  quizzes: false');
		await finishLessons(course, 0);
		await takeQuiz(course, 0);
		const state = await courseCompletion(accounts.db, userId, course);
		expect(state.sequences[0]).toMatchObject({
			quizRequired: false,
			quizPassed: false,
			complete: true
		});
	});

	test('a pass judged by the mark of its day still counts after the author raises it', async () => {
		const course = courseWith(null);
		await finishLessons(course, 0);
		await takeQuiz(course, 1, 50);
		await takeQuiz(course, 1, 90);
		expect((await courseCompletion(accounts.db, userId, course)).sequences[0].quizPassed).toBe(
			true
		);
	});
});
