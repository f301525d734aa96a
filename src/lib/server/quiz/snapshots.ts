// A quiz as a learner answered it, stored once per distinct version and shared by every attempt
// at that version: a stored attempt stays reviewable after the author edits quiz.md, without
// copying the whole quiz into each attempt.
import { createHash } from 'node:crypto';
import type { DB } from '../db/index.ts';
import type { QuizResult } from './grade.ts';

export interface QuizVersion {
	passingScore: number;
	questions: {
		id: string;
		promptHtml: string;
		detailsHtml: string;
		multiple: boolean;
		explanationHtml: string;
		options: { id: string; html: string; correct: boolean; feedbackHtml: string }[];
	}[];
}

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

/** The id of this version's row, written the first time it is seen. */
export async function storeSnapshot(db: DB, version: QuizVersion): Promise<number> {
	const { quiz, hash } = serialise(version);
	// A no-op update on conflict, so RETURNING gives the existing row's id too.
	const row = await db
		.insertInto('quiz_snapshots')
		.values({ hash, quiz })
		.onConflict((conflict) =>
			conflict.column('hash').doUpdateSet((eb) => ({ hash: eb.ref('excluded.hash') }))
		)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export function parseSnapshot(quiz: string): QuizVersion {
	return JSON.parse(quiz) as QuizVersion;
}
