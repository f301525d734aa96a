// One version of a quiz as a learner answered it, and the stable form it is stored and hashed in.
// Pure functions, so the migrations can use them without the database.
import { createHash } from 'node:crypto';
import type { QuizResult, QuizVersion } from './grade.ts';

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
