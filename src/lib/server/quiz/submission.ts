import { z } from 'zod';
import type { Quiz, QuizQuestion } from '$lib/content/quiz';
import { arrange, inOrder, seedSchema, type Arrangement } from './arrangement.ts';

/** Bounds on a submitted quiz form: far above any real quiz, low enough to refuse junk early. */
export const MAX_FIELDS = 200;
export const MAX_VALUE_LENGTH = 200;

const FIELD_PREFIX = 'q:';
/** The form field that carries the seed of the order the form shows. */
export const SEED_FIELD = 'seed';

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
	/** Sent back with the answers: the order the form shows. */
	seed: number;
	/** How many questions the quiz has, of which `questions` were drawn. */
	questionsInQuiz: number;
	questions: PublicQuestion[];
}

/**
 * What the quiz page may send to the browser before the learner submits: the questions drawn and
 * their options in this attempt's order, never which options are right nor the feedback and
 * explanations that would tell.
 */
export function publicQuiz(quiz: Quiz, arrangement: Arrangement): PublicQuiz {
	const drawn = arrangement.questions.map((question) => question.id);
	const order = new Map(arrangement.questions.map((question) => [question.id, question.options]));
	return {
		title: quiz.title,
		passingScore: quiz.passingScore,
		seed: arrangement.seed,
		questionsInQuiz: quiz.questions.length,
		questions: inOrder(
			quiz.questions.filter((question) => order.has(question.id)),
			drawn
		).map((question) => ({
			id: question.id,
			field: answerField(question.id),
			promptHtml: question.promptHtml,
			detailsHtml: question.detailsHtml,
			multiple: question.multiple,
			options: inOrder(question.options, order.get(question.id)!).map((option) => ({
				id: option.id,
				html: option.html
			}))
		}))
	};
}

export type SubmissionErrorCode =
	| 'unknown-question'
	| 'not-drawn'
	| 'unknown-option'
	| 'duplicate-option'
	| 'single-choice'
	| 'too-large'
	| 'no-seed';

export type Submission =
	| { ok: true; answers: Record<string, string[]>; arrangement: Arrangement }
	| { ok: false; code: SubmissionErrorCode; questionId: string | null };

/**
 * Reads the learner's answers from the quiz form: the seed of the order it showed, and one
 * `q:<questionId>` field per ticked option. Other fields are ignored; a question drawn without a
 * field is unanswered, which grading counts as wrong. Anything the quiz page cannot have produced
 * (an answer to a question this attempt did not draw, among others) is refused with its code,
 * which the page words in its language.
 */
export function parseSubmission(quiz: Quiz, form: FormData | URLSearchParams): Submission {
	const seed = seedSchema.safeParse(form.get(SEED_FIELD));
	if (!seed.success) return { ok: false, code: 'no-seed', questionId: null };
	const arrangement = arrange(quiz, seed.data);
	const fields = formFields.safeParse([...form.entries()]);
	if (!fields.success) return refusal(fields.error.issues[0]);
	// Checked on the raw names: an object would hide a `q:__proto__` field from zod.
	const drawn = new Set(arrangement.questions.map((question) => question.id));
	for (const [name] of fields.data) {
		if (!name.startsWith(FIELD_PREFIX)) continue;
		const questionId = name.slice(FIELD_PREFIX.length);
		if (drawn.has(questionId)) continue;
		// Answering a question the attempt did not draw would let a learner pick their own.
		const inQuiz = quiz.questions.some((question) => question.id === questionId);
		return { ok: false, code: inQuiz ? 'not-drawn' : 'unknown-question', questionId };
	}
	const result = answersSchema(quiz).safeParse(answersByQuestion(fields.data));
	if (!result.success) return refusal(result.error.issues[0]);
	// Every question of the quiz was read (unanswered as none ticked); the attempt keeps its own.
	const answers = Object.fromEntries(
		arrangement.questions.map(({ id }) => [id, result.data[id] ?? []])
	);
	return { ok: true, answers, arrangement };
}

function refusal(issue: z.core.$ZodIssue): Submission {
	// Every rule names its code; any other issue is about the form's shape, which no quiz page sends.
	const code: SubmissionErrorCode =
		(issue.code === 'custom' ? (issue.params?.code as SubmissionErrorCode) : undefined) ??
		'too-large';
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

/**
 * The answers to every question of a quiz, built once per quiz of the content (building a zod
 * schema costs more than using it), whatever questions an attempt drew: answers to questions not
 * drawn are refused before it is used.
 */
const answersSchemas = new WeakMap<Quiz, ReturnType<typeof buildAnswersSchema>>();

function answersSchema(quiz: Quiz) {
	let schema = answersSchemas.get(quiz);
	if (!schema) answersSchemas.set(quiz, (schema = buildAnswersSchema(quiz)));
	return schema;
}

function buildAnswersSchema(quiz: Quiz) {
	const questions = Object.fromEntries(
		quiz.questions.map((question) => [question.id, answerSchema(question)])
	);
	return z.object(questions);
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

/** The questions drawn and left without a ticked option, in the order shown. */
export function unansweredQuestions(
	arrangement: Arrangement,
	answers: Record<string, string[]>
): string[] {
	return arrangement.questions
		.filter((question) => (answers[question.id] ?? []).length === 0)
		.map((question) => question.id);
}

/**
 * The answers, and the seed of the order they were given in, as the query of the anonymous result
 * page: the page grades them again on each visit, so a reader without an account gets a result
 * they can reload, in the order they saw, without any state kept.
 */
export function answersQuery(answers: Record<string, string[]>, seed: number): string {
	return new URLSearchParams([
		[SEED_FIELD, String(seed)],
		...Object.entries(answers).flatMap(([questionId, optionIds]) =>
			optionIds.map((optionId) => [answerField(questionId), optionId])
		)
	]).toString();
}
