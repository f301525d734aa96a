// Each attempt shows the quiz in an order of its own: the questions drawn (when the quiz draws
// some of them) and each question's options shuffled, except those the author pinned. The order
// comes from a seed, so the same seed always gives the same order: the form, its grading and the
// result all agree without the server keeping anything for an anonymous learner.
import { randomInt } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { z } from 'zod';
import type { QuizResult } from './grade.ts';

export interface ArrangeableQuiz {
	draw: number | null;
	questions: { id: string; options: { id: string; pinned: boolean }[] }[];
}

export interface Arrangement {
	seed: number;
	/** The questions drawn, in the quiz's order, each with its options' ids in the order shown. */
	questions: { id: string; options: string[] }[];
}

const MAX_SEED = 2 ** 32;

const seedNumber = z
	.number()
	.int()
	.min(0)
	.max(MAX_SEED - 1);

/** A seed as the form and the result's address carry it: digits only. */
export const seedSchema = z
	.string()
	.regex(/^\d{1,10}$/)
	.transform(Number)
	.pipe(seedNumber);

export const arrangementSchema = z.object({
	seed: seedNumber,
	questions: z.array(z.object({ id: z.string(), options: z.array(z.string()) }))
});

/** Fisher–Yates, in place, from the seeded generator. */
function shuffle<T>(items: T[], rng: RandomGenerator): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = uniformInt(rng, 0, i);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

/** The options in a shuffled order; a pinned option keeps the place the author gave it. */
function shuffleOptions(options: { id: string; pinned: boolean }[], rng: RandomGenerator) {
	const moving = shuffle(
		options.filter((option) => !option.pinned).map((option) => option.id),
		rng
	);
	return options.map((option) => (option.pinned ? option.id : moving.shift()!));
}

/** The order the quiz is shown in for this seed: always the same for the same seed and quiz. */
export function arrange(quiz: ArrangeableQuiz, seed: number): Arrangement {
	const rng = xoroshiro128plus(seed);
	const all = quiz.questions.map((_, index) => index);
	// The questions drawn keep the author's order, who may build from the simple to the harder.
	const drawn =
		quiz.draw === null || quiz.draw >= all.length
			? all
			: shuffle(all, rng)
					.slice(0, quiz.draw)
					.sort((a, b) => a - b);
	return {
		seed,
		questions: drawn.map((index) => {
			const question = quiz.questions[index];
			return { id: question.id, options: shuffleOptions(question.options, rng) };
		})
	};
}

/** The ids of the questions an attempt drew. */
export const drawnQuestions = (arrangement: Arrangement) =>
	arrangement.questions.map((question) => question.id);

/** The order a seed from an address gave, when it is one; null otherwise. */
export function previousArrangement(quiz: ArrangeableQuiz, seed: string | null) {
	const parsed = seedSchema.safeParse(seed);
	return parsed.success ? arrange(quiz, parsed.data) : null;
}

const sameOrder = (a: Arrangement, b: Arrangement) =>
	JSON.stringify(a.questions) === JSON.stringify(b.questions);

/**
 * A new order for a new attempt, other than `previous` (the learner's last one) whenever the quiz
 * allows another: a retry should not look like the attempt before it.
 */
export function freshArrangement(quiz: ArrangeableQuiz, previous: Arrangement | null = null) {
	let arrangement = arrange(quiz, randomInt(MAX_SEED));
	for (let tries = 1; tries < 20 && previous && sameOrder(arrangement, previous); tries++) {
		arrangement = arrange(quiz, randomInt(MAX_SEED));
	}
	return arrangement;
}

/** Things in the order of `ids`; those it does not name follow, in their own order. */
export function inOrder<T extends { id: string }>(items: T[], ids: string[]): T[] {
	const rank = new Map(ids.map((id, index) => [id, index]));
	return items
		.map((item, index) => ({ item, rank: rank.get(item.id) ?? ids.length + index }))
		.sort((a, b) => a.rank - b.rank)
		.map(({ item }) => item);
}

/** A graded attempt with its questions and options in the order the learner saw them. */
export function inShownOrder(result: QuizResult, arrangement: Arrangement | null): QuizResult {
	if (!arrangement) return result;
	const options = new Map(arrangement.questions.map((question) => [question.id, question.options]));
	return {
		...result,
		questions: inOrder(result.questions, [...options.keys()]).map((question) => ({
			...question,
			options: inOrder(question.options, options.get(question.id) ?? [])
		}))
	};
}
