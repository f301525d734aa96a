// One version of a quiz as a learner answered it, and the stable form it is stored and hashed in.
// No database here, so the migrations can use it too; the hashes of the versions answered since
// the start are kept in memory.
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

/** A version's hash, and its stored form made only if the database does not hold it yet. */
export interface Snapshot {
	hash: string;
	quiz: () => string;
}

/** Hashes already computed, per quiz of the content and set of questions drawn. */
const hashes = new WeakMap<QuizVersion, Map<string, string>>();
/** A quiz that draws some of its questions has many possible sets: the first ones are kept. */
const MOST_DRAWS_KEPT = 64;

/**
 * The version a result was graded against, for storing: serialised and hashed once per quiz of
 * the content and set of questions drawn, rather than for every attempt; only the hash is kept.
 */
export function snapshotOf(result: QuizResult): Snapshot {
	const stored = () => serialise(versionOf(result));
	const graded = gradingOf(result);
	if (!graded) {
		const { quiz, hash } = stored();
		return { hash, quiz: () => quiz };
	}
	let forQuiz = hashes.get(graded.quiz);
	if (!forQuiz) hashes.set(graded.quiz, (forQuiz = new Map()));
	const known = forQuiz.get(graded.drawn);
	if (known) return { hash: known, quiz: () => stored().quiz };
	const { quiz, hash } = stored();
	if (forQuiz.size < MOST_DRAWS_KEPT) forQuiz.set(graded.drawn, hash);
	return { hash, quiz: () => quiz };
}
