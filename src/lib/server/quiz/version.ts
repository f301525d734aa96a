// One version of a quiz as a learner answered it, and the stable form it is stored and hashed in.
// Pure functions, so the migrations can use them without the database.
import { createHash } from 'node:crypto';
import { gradingOf, type QuizResult, type QuizVersion } from './grade.ts';

/** The quiz a result was graded against, without the learner's choices. */
export function versionOf(result: QuizResult): QuizVersion {
	return {
		passingScore: result.passingScore,
		questions: result.questions.map((question) => ({
			id: question.id,
			promptHtml: question.promptHtml,
			detailsHtml: question.detailsHtml,
			multiple: question.multiple,
			explanationHtml: question.explanationHtml,
			options: question.options.map((option) => ({
				id: option.id,
				html: option.html,
				correct: option.correct,
				feedbackHtml: option.feedbackHtml
			}))
		}))
	};
}

/** The stored form of a version and its hash, which identifies it. */
export function serialise(version: QuizVersion) {
	const quiz = JSON.stringify(version);
	return { quiz, hash: createHash('sha256').update(quiz).digest('base64url') };
}

export type Serialised = ReturnType<typeof serialise>;

/** Versions already serialised, per quiz of the content and set of questions drawn. */
const serialised = new WeakMap<QuizVersion, Map<string, Serialised>>();
/** A quiz that draws some of its questions has many possible sets: the first ones are kept. */
const MOST_DRAWS_KEPT = 64;

/**
 * The stored form of the version a result was graded against: serialised and hashed once per quiz
 * of the content and set of questions drawn, rather than for every attempt.
 */
export function serialisedVersionOf(result: QuizResult): Serialised {
	const graded = gradingOf(result);
	if (!graded) return serialise(versionOf(result));
	let forQuiz = serialised.get(graded.quiz);
	if (!forQuiz) serialised.set(graded.quiz, (forQuiz = new Map()));
	let known = forQuiz.get(graded.drawn);
	if (!known) {
		known = serialise(versionOf(result));
		if (forQuiz.size < MOST_DRAWS_KEPT) forQuiz.set(graded.drawn, known);
	}
	return known;
}
