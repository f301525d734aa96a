import { z } from 'zod';
import type { Quiz, QuizQuestion } from '$lib/content/quiz';

/** Bounds on a submitted quiz form: far above any real quiz, low enough to refuse junk early. */
export const MAX_FIELDS = 200;
export const MAX_VALUE_LENGTH = 200;

const FIELD_PREFIX = 'q:';

/** The form field that carries the answer to a question; its values are option ids. */
export const answerField = (questionId: string) => FIELD_PREFIX + questionId;

export interface PublicOption {
	id: string;
	html: string;
}

export interface PublicQuestion {
	id: string;
	/** Name of the radio or checkbox inputs. */
	field: string;
	promptHtml: string;
	detailsHtml: string;
	/** Checkboxes when true, radios otherwise. */
	multiple: boolean;
	options: PublicOption[];
}

export interface PublicQuiz {
	title: string;
	passingScore: number;
	questions: PublicQuestion[];
}

/**
 * What the quiz page may send to the browser before the learner submits: the questions and
 * options, never which options are right nor the feedback and explanations that would tell.
 */
export function publicQuiz(quiz: Quiz): PublicQuiz {
	return {
		title: quiz.title,
		passingScore: quiz.passingScore,
		questions: quiz.questions.map((question) => ({
			id: question.id,
			field: answerField(question.id),
			promptHtml: question.promptHtml,
			detailsHtml: question.detailsHtml,
			multiple: question.multiple,
			options: question.options.map((option) => ({ id: option.id, html: option.html }))
		}))
	};
}

export type SubmissionErrorCode =
	'unknown-question' | 'unknown-option' | 'duplicate-option' | 'single-choice' | 'too-large';

export type Submission =
	| { ok: true; answers: Record<string, string[]> }
	| { ok: false; code: SubmissionErrorCode; questionId: string | null };

/**
 * Reads the learner's answers from the quiz form: one `q:<questionId>` field per ticked option.
 * Other fields are ignored; a question without a field is unanswered, which grading counts as
 * wrong. Anything the quiz page cannot have produced is refused with its code, which the page
 * words in its language.
 */
export function parseSubmission(quiz: Quiz, form: FormData | URLSearchParams): Submission {
	const result = submissionSchema(quiz).safeParse([...form.entries()]);
	if (result.success) return { ok: true, answers: result.data };
	const issue = result.error.issues[0];
	// Every rule names its code; any other issue is about the form's shape, which no quiz page sends.
	const code: SubmissionErrorCode =
		(issue.code === 'custom' ? issue.params?.code : undefined) ?? 'too-large';
	// Issues on the answers start their path with the question id; those on the whole form have none.
	const questionId = issue.path.length > 0 ? String(issue.path[0]) : null;
	return { ok: false, code, questionId };
}

/** A failed rule keeps its code in the issue, so the message is written in one place. */
const rule = (code: SubmissionErrorCode) => ({ params: { code }, abort: true });

const formFields = z
	.array(z.tuple([z.string(), z.unknown()]))
	.refine((fields) => fields.length <= MAX_FIELDS, rule('too-large'))
	// Answer field names come from question ids; a huge one is junk, not a question to name.
	.refine(
		(fields) =>
			fields.every(
				([name]) =>
					!name.startsWith(FIELD_PREFIX) || name.length <= FIELD_PREFIX.length + MAX_VALUE_LENGTH
			),
		rule('too-large')
	);

/** Groups the answer fields by question id; fields of other forms are left out. */
function answersByQuestion(fields: [string, unknown][]): Partial<Record<string, unknown[]>> {
	const answers = new Map<string, unknown[]>();
	for (const [name, value] of fields) {
		if (!name.startsWith(FIELD_PREFIX)) continue;
		const questionId = name.slice(FIELD_PREFIX.length);
		answers.set(questionId, [...(answers.get(questionId) ?? []), value]);
	}
	return Object.fromEntries(answers);
}

function answerSchema(question: QuizQuestion) {
	const optionIds = new Set(question.options.map((option) => option.id));
	const option = z
		.custom<string>((value) => typeof value === 'string', rule('unknown-option'))
		.refine((value) => value.length <= MAX_VALUE_LENGTH, rule('too-large'))
		.refine((value) => optionIds.has(value), rule('unknown-option'));
	return z
		.array(option)
		.refine((values) => new Set(values).size === values.length, rule('duplicate-option'))
		.refine((values) => question.multiple || values.length <= 1, rule('single-choice'))
		.default([]);
}

function submissionSchema(quiz: Quiz) {
	const questions: Record<string, ReturnType<typeof answerSchema>> = Object.fromEntries(
		quiz.questions.map((question) => [question.id, answerSchema(question)])
	);
	const questionIds = new Set(Object.keys(questions));
	return (
		formFields
			// Checked on the raw names: an object would hide a `q:__proto__` field from zod.
			.check((ctx) => {
				const unknown = ctx.value
					.map(([name]) => name)
					.filter((name) => name.startsWith(FIELD_PREFIX))
					.map((name) => name.slice(FIELD_PREFIX.length))
					.find((questionId) => !questionIds.has(questionId));
				if (unknown === undefined) return;
				ctx.issues.push({
					code: 'custom',
					input: ctx.value,
					path: [unknown],
					params: { code: 'unknown-question' },
					continue: false
				});
			})
			.transform(answersByQuestion)
			.pipe(z.object(questions))
	);
}

/** The questions left without a ticked option, in the quiz's order. */
export function unansweredQuestions(quiz: Quiz, answers: Record<string, string[]>): string[] {
	return quiz.questions
		.filter((question) => (answers[question.id] ?? []).length === 0)
		.map((question) => question.id);
}

/**
 * The answers as the query of the anonymous result page: the page grades them again on each
 * visit, so a reader without an account gets a result they can reload without any state kept.
 */
export function answersQuery(answers: Record<string, string[]>): string {
	return new URLSearchParams(
		Object.entries(answers).flatMap(([questionId, optionIds]) =>
			optionIds.map((optionId) => [answerField(questionId), optionId])
		)
	).toString();
}
