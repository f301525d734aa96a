import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { parseQuiz, type Quiz } from '../../src/lib/content/quiz.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import { arrange } from '../../src/lib/server/quiz/arrangement.ts';
import { parseSubmission, publicQuiz } from '../../src/lib/server/quiz/submission.ts';

const FEEDBACK = [
	"Pas encore : le choix vient après l'état des lieux.",
	"Oui : on part de l'existant et des besoins.",
	'Oui, par exemple avec Nextcloud.',
	'Oui, Etherpad en est un.',
	'Non : un chaton ne vit pas de la publicité.'
];
const EXPLANATIONS = [
	"On part toujours de l'existant.",
	'Un chaton héberge des services libres, sans publicité.'
];

const QUIZ_MD = `## Que permet d'abord un diagnostic numérique ? {#but-du-diagnostic}

- [ ] Choisir tout de suite les nouveaux outils
  > ${FEEDBACK[0]}
- [x] Faire l'état des lieux des outils et des pratiques
  > ${FEEDBACK[1]}

> ${EXPLANATIONS[0]}

## Quels services un chaton peut-il proposer ? {#services}

- [x] Un agenda partagé
  > ${FEEDBACK[2]}
- [x] Un pad
  > ${FEEDBACK[3]}
- [ ] Une régie publicitaire
  > ${FEEDBACK[4]}

> ${EXPLANATIONS[1]}
`;

function parse(markdown: string): Quiz {
	const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
	const { quiz, problems } = parseQuiz(
		{ title: 'Auto-évaluation — Évaluer les besoins', passingScore: 70 },
		tree,
		{ file: 'courses/demo/01-besoins/quiz.md', bodyLine: 1, lineOf: () => 1 }
	);
	if (!quiz) throw new Error(problems.map((problem) => problem.message).join('\n'));
	return quiz;
}

const quiz = parse(QUIZ_MD);
const RIGHT_DIAGNOSTIC = 'faire-létat-des-lieux-des-outils-et-des-pratiques';
const WRONG_DIAGNOSTIC = 'choisir-tout-de-suite-les-nouveaux-outils';
const AGENDA = 'un-agenda-partagé';
const PAD = 'un-pad';

/** The seed the quiz page put in the form; any seed draws both questions of this quiz. */
const SEED = 1234;
const arrangement = arrange(quiz, SEED);

/** A form as the browser sends it: the seed of its order, then one entry per ticked box. */
function form(...fields: [string, string | Blob][]) {
	const data = new FormData();
	data.append('seed', String(SEED));
	for (const [name, value] of fields) data.append(name, value);
	return data;
}

describe('what the quiz page sends to the browser', () => {
	test('a learner viewing the quiz gets the questions and options but no way to tell the right ones', () => {
		const inAuthorsOrder = {
			seed: 7,
			questions: quiz.questions.map((question) => ({
				id: question.id,
				options: question.options.map((option) => option.id)
			}))
		};
		const shown = publicQuiz(quiz, inAuthorsOrder);
		// Typography turns spaces before punctuation into no-break spaces: compare on plain spaces.
		const json = JSON.stringify(shown).replaceAll('\u00a0', ' ');
		expect(json).not.toContain('"correct"');
		expect(json).not.toMatch(/feedback|explanation/i);
		for (const text of [...FEEDBACK, ...EXPLANATIONS]) {
			expect(json).not.toContain(text);
		}
		expect(shown).toEqual({
			title: 'Auto-évaluation — Évaluer les besoins',
			passingScore: 70,
			seed: 7,
			questionsInQuiz: 2,
			questions: [
				{
					id: 'but-du-diagnostic',
					field: 'q:but-du-diagnostic',
					promptHtml: 'Que permet d’abord un diagnostic numérique\u00a0?',
					detailsHtml: '',
					multiple: false,
					options: [
						{ id: WRONG_DIAGNOSTIC, html: 'Choisir tout de suite les nouveaux outils' },
						{ id: RIGHT_DIAGNOSTIC, html: 'Faire l’état des lieux des outils et des pratiques' }
					]
				},
				{
					id: 'services',
					field: 'q:services',
					promptHtml: 'Quels services un chaton peut-il proposer\u00a0?',
					detailsHtml: '',
					multiple: true,
					options: [
						{ id: AGENDA, html: 'Un agenda partagé' },
						{ id: PAD, html: 'Un pad' },
						{ id: 'une-régie-publicitaire', html: 'Une régie publicitaire' }
					]
				}
			]
		});
	});
});

describe('reading a submitted quiz form', () => {
	test("a learner's ticks are read per question and other hidden fields are ignored", () => {
		const submission = parseSubmission(
			quiz,
			form(
				['csrf', 'a-token-the-quiz-does-not-care-about'],
				['q:but-du-diagnostic', RIGHT_DIAGNOSTIC],
				['q:services', AGENDA],
				['q:services', PAD]
			)
		);
		expect(submission).toEqual({
			ok: true,
			answers: { 'but-du-diagnostic': [RIGHT_DIAGNOSTIC], services: [AGENDA, PAD] },
			arrangement
		});
		if (submission.ok) expect(gradeQuiz(quiz, submission.answers).score).toBe(100);
	});

	test('a learner who leaves a question blank can still submit, and the question counts as wrong', () => {
		const submission = parseSubmission(
			quiz,
			new URLSearchParams([
				['seed', String(SEED)],
				['q:but-du-diagnostic', RIGHT_DIAGNOSTIC]
			])
		);
		expect(submission).toEqual({
			ok: true,
			answers: { 'but-du-diagnostic': [RIGHT_DIAGNOSTIC], services: [] },
			arrangement
		});
		if (submission.ok) {
			expect(gradeQuiz(quiz, submission.answers).questions[1]).toMatchObject({
				answered: false,
				correct: false
			});
		}
	});

	test('a learner who submits without ticking anything gets every question unanswered', () => {
		expect(parseSubmission(quiz, form())).toEqual({
			ok: true,
			answers: { 'but-du-diagnostic': [], services: [] },
			arrangement
		});
	});

	test('a form with an answer to a question the quiz does not have is refused', () => {
		expect(parseSubmission(quiz, form(['q:outils', 'un-pad']))).toMatchObject({
			ok: false,
			code: 'unknown-question',
			questionId: 'outils'
		});
	});

	test('field names that look like object internals are unknown questions, nothing more', () => {
		for (const id of ['__proto__', 'constructor', 'toString', '']) {
			expect(parseSubmission(quiz, form([`q:${id}`, PAD]))).toMatchObject({
				ok: false,
				code: 'unknown-question',
				questionId: id
			});
		}
	});

	test('a form with an option the question does not have is refused', () => {
		const submission = parseSubmission(quiz, form(['q:services', 'un-wiki']));
		expect(submission).toMatchObject({
			ok: false,
			code: 'unknown-option',
			questionId: 'services'
		});
	});

	test('a file sent in place of an option is refused as an unknown option', () => {
		expect(parseSubmission(quiz, form(['q:services', new Blob(['un-pad'])]))).toMatchObject({
			ok: false,
			code: 'unknown-option',
			questionId: 'services'
		});
	});

	test('a form that ticks the same option twice is refused', () => {
		const submission = parseSubmission(quiz, form(['q:services', PAD], ['q:services', PAD]));
		expect(submission).toMatchObject({
			ok: false,
			code: 'duplicate-option',
			questionId: 'services'
		});
	});

	test('a form with two answers to a single-choice question is refused', () => {
		const submission = parseSubmission(
			quiz,
			form(['q:but-du-diagnostic', WRONG_DIAGNOSTIC], ['q:but-du-diagnostic', RIGHT_DIAGNOSTIC])
		);
		expect(submission).toMatchObject({
			ok: false,
			code: 'single-choice',
			questionId: 'but-du-diagnostic'
		});
	});

	test('a form with more than 200 fields is refused, however harmless the extra fields', () => {
		// The seed is one of the 200.
		const padding = Array.from({ length: 198 }, (_, i): [string, string] => [`extra-${i}`, 'x']);
		expect(parseSubmission(quiz, form(...padding, ['q:services', PAD])).ok).toBe(true);
		const submission = parseSubmission(
			quiz,
			form(...padding, ['q:services', PAD], ['one', 'more'])
		);
		expect(submission).toMatchObject({ ok: false, code: 'too-large', questionId: null });
	});

	test('an answer longer than 200 characters is refused', () => {
		expect(parseSubmission(quiz, form(['q:services', 'x'.repeat(200)]))).toMatchObject({
			ok: false,
			code: 'unknown-option'
		});
		const submission = parseSubmission(quiz, form(['q:services', 'x'.repeat(201)]));
		expect(submission).toMatchObject({ ok: false, code: 'too-large', questionId: 'services' });
	});

	test('an answer field with a huge name is refused without echoing the name back', () => {
		const submission = parseSubmission(quiz, form([`q:${'x'.repeat(5000)}`, PAD]));
		expect(submission).toMatchObject({ ok: false, code: 'too-large', questionId: null });
		expect(JSON.stringify(submission)).not.toContain('x'.repeat(50));
	});
});
