// Fair quizzes: each attempt draws its questions and shuffles its options from a seed, keeps the
// options an author pinned in place, refuses answers to questions it did not draw, and is
// reviewed and counted by identity whatever order it was shown in.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatProblems, loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import {
	arrange,
	freshArrangement,
	type Arrangement
} from '../../src/lib/server/quiz/arrangement.ts';
import { findAttempt, quizStatistics, recordAttempt } from '../../src/lib/server/quiz/attempts.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import { parseSubmission, publicQuiz } from '../../src/lib/server/quiz/submission.ts';
import { createUser } from '../../src/lib/server/user.ts';
import { freshAccounts } from '../helpers/accounts.ts';
import { writeCourses } from '../helpers/course-fixture.ts';

const QUIZ_FILE = 'courses/demo/01-premiers-pas/quiz.md';

const question = (n: number, pin = '') => `## Question ${n} {#q${n}}

- [x] Vrai ${n}
  > Oui.
- [ ] Faux ${n}
  > Non.
- [ ] Peut-être ${n}
  > Non plus.
- [ ] Aucune de ces réponses ${n}${pin}
  > Si, une.
`;

const quizSource = (frontmatter: string, questions: string) =>
	`---\ntitle: Auto-évaluation\npassingScore: 50\n${frontmatter}---\n\n${questions}`;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function load(quiz: string) {
	const { coursesDir, cleanup } = writeCourses({ 'demo/01-premiers-pas/quiz.md': quiz });
	cleanups.push(cleanup);
	return loadContent(coursesDir);
}

function courseWith(quiz: string): Course {
	const { index, problems } = load(quiz);
	if (problems.length > 0) throw new Error(formatProblems(problems));
	return index.courses[0];
}

const fiveQuestions = [1, 2, 3, 4, 5].map((n) => question(n, ' {pin}')).join('\n');
const course = () => courseWith(quizSource('', fiveQuestions));
const quizOf = (course: Course) => course.sequences[0].quiz!;
const SEEDS = Array.from({ length: 60 }, (_, i) => i * 7919);
const orderOf = (arrangement: Arrangement) => JSON.stringify(arrangement.questions);

describe('the order of an attempt', () => {
	test('the same seed always gives the same order, and different seeds different ones', () => {
		const quiz = quizOf(course());
		expect(arrange(quiz, 42)).toEqual(arrange(quiz, 42));
		const orders = new Set(SEEDS.map((seed) => orderOf(arrange(quiz, seed))));
		expect(orders.size).toBeGreaterThan(SEEDS.length / 2);
		// Every option is shown, once.
		for (const seed of SEEDS) {
			for (const [index, shown] of arrange(quiz, seed).questions.entries()) {
				expect([...shown.options].sort()).toEqual(
					quiz.questions[index].options.map((option) => option.id).sort()
				);
			}
		}
	});

	test('each unpinned option comes first in some attempts, so the right one has no usual place', () => {
		const quiz = quizOf(course());
		const firsts = new Set(SEEDS.map((seed) => arrange(quiz, seed).questions[0].options[0]));
		expect(firsts).toEqual(new Set(['vrai-1', 'faux-1', 'peut-être-1']));
	});

	test('an option the author pinned with {pin} stays last, and its text and id leave the marker out', () => {
		const quiz = quizOf(course());
		const pinned = quiz.questions[0].options[3];
		expect(pinned).toMatchObject({
			id: 'aucune-de-ces-réponses-1',
			html: 'Aucune de ces réponses 1',
			pinned: true
		});
		for (const seed of SEEDS) {
			for (const shown of arrange(quiz, seed).questions)
				expect(shown.options.at(-1)).toMatch(/^aucune-de-ces-réponses-/);
		}
	});

	test('draw: N gives each attempt N of the questions, in the author’s order, and different ones across attempts', () => {
		const quiz = quizOf(courseWith(quizSource('draw: 2\n', fiveQuestions)));
		expect(quiz.draw).toBe(2);
		const draws = new Set<string>();
		for (const seed of SEEDS) {
			const ids = arrange(quiz, seed).questions.map((shown) => shown.id);
			expect(ids).toHaveLength(2);
			expect(ids).toEqual([...ids].sort());
			draws.add(ids.join(','));
		}
		expect(draws.size).toBeGreaterThan(5);
		const shown = publicQuiz(quiz, arrange(quiz, 3));
		expect(shown.questions).toHaveLength(2);
		expect(shown.questionsInQuiz).toBe(5);
	});

	test('a retry is never shown in the same order as the attempt before it', () => {
		const quiz = quizOf(course());
		let previous = freshArrangement(quiz);
		for (let i = 0; i < 30; i++) {
			const next = freshArrangement(quiz, previous);
			expect(orderOf(next)).not.toBe(orderOf(previous));
			previous = next;
		}
	});
});

describe('what authors write', () => {
	test('draw must be a whole number from 1 to the number of questions', () => {
		const problems = (frontmatter: string) =>
			formatProblems(load(quizSource(frontmatter, fiveQuestions)).problems)
				.split('\n')
				.filter(Boolean);
		expect(problems('draw: 6\n')).toEqual([
			`${QUIZ_FILE}:4: draw: 6 questions cannot be drawn from the quiz's 5: draw at most 5`
		]);
		expect(problems('draw: 0\n')).toEqual([`${QUIZ_FILE}:4: draw must be at least 1 question`]);
		expect(problems('draw: deux\n')).toEqual([
			`${QUIZ_FILE}:4: draw must be a whole number of questions`
		]);
		expect(problems('draw: 5\n')).toEqual([]);
	});
});

describe('grading an attempt', () => {
	const quiz = () => quizOf(courseWith(quizSource('draw: 2\n', fiveQuestions)));

	test('an answer to a question the attempt did not draw is refused, so no learner picks their own questions', () => {
		const drawnQuiz = quiz();
		const arrangement = arrange(drawnQuiz, 99);
		const drawn = new Set(arrangement.questions.map((shown) => shown.id));
		const other = drawnQuiz.questions.find((candidate) => !drawn.has(candidate.id))!;
		const form = new URLSearchParams([
			['seed', '99'],
			[`q:${other.id}`, other.options[0].id]
		]);
		expect(parseSubmission(drawnQuiz, form)).toMatchObject({
			ok: false,
			code: 'not-drawn',
			questionId: other.id
		});
	});

	test('a form without its seed, or with a made-up one, is refused', () => {
		for (const seed of [null, '', 'abc', '-1', '4294967296', '1.5']) {
			const form = new URLSearchParams(seed === null ? [] : [['seed', seed]]);
			expect(parseSubmission(quiz(), form)).toMatchObject({ ok: false, code: 'no-seed' });
		}
	});

	test('the score counts only the questions drawn', () => {
		const drawnQuiz = quiz();
		const arrangement = arrange(drawnQuiz, 5);
		const [first] = arrangement.questions;
		const answers = {
			[first.id]: [drawnQuiz.questions.find((q) => q.id === first.id)!.options[0].id]
		};
		const result = gradeQuiz(
			drawnQuiz,
			answers,
			arrangement.questions.map((shown) => shown.id)
		);
		expect(result).toMatchObject({ questionCount: 2, correctCount: 1, score: 50 });
	});
});

describe('stored attempts', () => {
	let accounts: Awaited<ReturnType<typeof freshAccounts>>;
	let userId: number;
	beforeEach(async () => {
		accounts = await freshAccounts();
		userId = (
			await createUser(accounts.db, {
				username: 'lea',
				email: 'lea@example.org',
				passwordHash: 'x'
			})
		).id;
	});
	afterEach(() => accounts.cleanup());

	/** Two attempts shown in different orders that tick the same wrong option of question 1. */
	async function twoAttempts(course: Course) {
		const sequence = course.sequences[0];
		const quiz = quizOf(course);
		const first = freshArrangement(quiz);
		const second = freshArrangement(quiz, first);
		const ids = [];
		for (const arrangement of [first, second]) {
			const answers = { q1: ['faux-1'] };
			ids.push(
				await recordAttempt(accounts.db, {
					userId,
					courseSlug: course.slug,
					quizKey: sequence.key,
					result: gradeQuiz(quiz, answers),
					answers,
					arrangement
				})
			);
		}
		return { ids, arrangements: [first, second], quiz, sequence };
	}

	test('the review shows the options in the order the learner saw them', async () => {
		const { ids, arrangements } = await twoAttempts(course());
		for (const [i, id] of ids.entries()) {
			const attempt = await findAttempt(accounts.db, userId, id);
			expect(
				attempt!.result.questions.map((shown) => ({
					id: shown.id,
					options: shown.options.map((option) => option.id)
				}))
			).toEqual(arrangements[i].questions);
		}
	});

	test('statistics count each option by its identity, whatever place it had', async () => {
		const { quiz, sequence } = await twoAttempts(course());
		const stats = await quizStatistics(accounts.db, sequence.key, quiz.questions);
		expect(stats.questions[0]).toMatchObject({
			id: 'q1',
			answers: 2,
			rightShare: 0,
			commonWrongOption: { html: 'Faux 1', count: 2 }
		});
		// Attempts at one version share one copy of it, whatever order each was shown in.
		expect(await accounts.db.selectFrom('quiz_snapshots').select('id').execute()).toHaveLength(1);
	});
});
