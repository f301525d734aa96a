import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { parseQuiz, type Quiz } from '../../src/lib/content/quiz.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';

const DIAGNOSTIC = `## Que permet d'abord un diagnostic numérique ? {#but-du-diagnostic}

- [ ] Choisir tout de suite les nouveaux outils
  > Pas encore : le choix vient après l'état des lieux.
- [x] Faire l'état des lieux des outils et des pratiques
  > Oui : on part de l'existant et des besoins.

> On part toujours de l'existant.
`;

const SERVICES = `## Quels services un chaton peut-il proposer ? {#services}

Pensez à ce qu'un hébergeur associatif peut faire tourner.

- [x] Un agenda partagé
  > Oui, par exemple avec Nextcloud.
- [x] Un pad
  > Oui, Etherpad en est un.
- [ ] Une régie publicitaire
  > Non : un chaton ne vit pas de la publicité.

> Un chaton héberge des services libres, sans publicité.
`;

const LICENCE = `## Sous quelle licence les cours sont-ils publiés ? {#licence}

- [x] CC BY-SA
  > Oui : on peut les copier et les modifier en les partageant à l'identique.
- [ ] Tous droits réservés
  > Non : les cours sont libres.
`;

function quiz(markdown: string, passingScore = 70): Quiz {
	const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
	const { quiz, problems } = parseQuiz(
		{ title: 'Auto-évaluation — Évaluer les besoins', passingScore },
		tree,
		{ file: 'courses/demo/01-besoins/quiz.md', bodyLine: 1, lineOf: () => 1 }
	);
	if (!quiz) throw new Error(problems.map((problem) => problem.message).join('\n'));
	return quiz;
}

const RIGHT_DIAGNOSTIC = ['faire-létat-des-lieux-des-outils-et-des-pratiques'];
const WRONG_DIAGNOSTIC = ['choisir-tout-de-suite-les-nouveaux-outils'];
const RIGHT_SERVICES = ['un-agenda-partagé', 'un-pad'];
const ADS = 'une-régie-publicitaire';

const twoQuestions = quiz(DIAGNOSTIC + '\n' + SERVICES);

describe('grading a quiz', () => {
	test('the fixture has one single-choice and one multiple-choice question', () => {
		expect(twoQuestions.questions.map(({ id, multiple }) => ({ id, multiple }))).toEqual([
			{ id: 'but-du-diagnostic', multiple: false },
			{ id: 'services', multiple: true }
		]);
		expect(
			twoQuestions.questions.map((question) => question.options.map((option) => option.id))
		).toEqual([
			[...WRONG_DIAGNOSTIC, ...RIGHT_DIAGNOSTIC],
			[...RIGHT_SERVICES, ADS]
		]);
	});

	test('a learner who answers everything right scores 100 and passes', () => {
		const result = gradeQuiz(twoQuestions, {
			'but-du-diagnostic': RIGHT_DIAGNOSTIC,
			services: RIGHT_SERVICES
		});
		expect(result).toMatchObject({
			score: 100,
			correctCount: 2,
			questionCount: 2,
			passingScore: 70,
			passed: true
		});
		expect(result.questions.map((question) => question.correct)).toEqual([true, true]);
		expect(result.questions.map((question) => question.partiallyCorrect)).toEqual([false, false]);
	});

	test('a learner who picks the wrong single choice gets that question wrong and fails', () => {
		const result = gradeQuiz(twoQuestions, {
			'but-du-diagnostic': WRONG_DIAGNOSTIC,
			services: RIGHT_SERVICES
		});
		expect(result).toMatchObject({ score: 50, correctCount: 1, passed: false });
		expect(result.questions[0]).toMatchObject({
			answered: true,
			correct: false,
			partiallyCorrect: false,
			chosen: WRONG_DIAGNOSTIC
		});
	});

	test('a learner who ticks exactly the right answers of a multiple-choice question gets it right', () => {
		const services = gradeQuiz(twoQuestions, { services: [...RIGHT_SERVICES].reverse() })
			.questions[1];
		expect(services).toMatchObject({ answered: true, correct: true, partiallyCorrect: false });
		expect(services.chosen).toEqual(RIGHT_SERVICES);
	});

	test('a learner who ticks only one of the two right answers gets the question wrong', () => {
		const services = gradeQuiz(twoQuestions, { services: ['un-pad'] }).questions[1];
		expect(services).toMatchObject({ answered: true, correct: false, partiallyCorrect: true });
	});

	test('a learner who ticks both right answers and a wrong one gets the question wrong', () => {
		const services = gradeQuiz(twoQuestions, { services: [...RIGHT_SERVICES, ADS] }).questions[1];
		expect(services).toMatchObject({ correct: false, partiallyCorrect: true });
		expect(services.chosen).toEqual([...RIGHT_SERVICES, ADS]);
	});

	test('a learner who ticks only the wrong answer is not told they were partly right', () => {
		const services = gradeQuiz(twoQuestions, { services: [ADS] }).questions[1];
		expect(services).toMatchObject({ correct: false, partiallyCorrect: false });
	});

	test('a learner who submits an empty form scores 0 and every question shows as unanswered', () => {
		const result = gradeQuiz(twoQuestions, {});
		expect(result).toMatchObject({ score: 0, correctCount: 0, questionCount: 2, passed: false });
		expect(
			result.questions.map(({ answered, correct, chosen }) => ({ answered, correct, chosen }))
		).toEqual([
			{ answered: false, correct: false, chosen: [] },
			{ answered: false, correct: false, chosen: [] }
		]);
	});

	test('two right answers out of three score 67', () => {
		const result = gradeQuiz(quiz([DIAGNOSTIC, SERVICES, LICENCE].join('\n')), {
			'but-du-diagnostic': RIGHT_DIAGNOSTIC,
			services: ['un-pad'],
			licence: ['cc-by-sa']
		});
		expect(result).toMatchObject({ score: 67, correctCount: 2, questionCount: 3 });
	});

	test('a learner whose score equals the passing score passes', () => {
		const halfNeeded = quiz(DIAGNOSTIC + '\n' + SERVICES, 50);
		const result = gradeQuiz(halfNeeded, { 'but-du-diagnostic': RIGHT_DIAGNOSTIC });
		expect(result).toMatchObject({ score: 50, passingScore: 50, passed: true });
		expect(
			gradeQuiz(quiz(DIAGNOSTIC + '\n' + SERVICES, 51), { services: RIGHT_SERVICES })
		).toMatchObject({ score: 50, passed: false });
	});

	test('an option id the question does not have makes the answer wrong, never right', () => {
		const services = gradeQuiz(twoQuestions, { services: [...RIGHT_SERVICES, 'un-wiki'] })
			.questions[1];
		expect(services).toMatchObject({ correct: false, partiallyCorrect: true });
		expect(services.chosen).toEqual(RIGHT_SERVICES);
	});

	test('a graded attempt keeps everything needed to review it after the quiz changes', () => {
		const result = gradeQuiz(twoQuestions, { services: ['un-pad', ADS] });
		expect(result.questions[1]).toEqual({
			id: 'services',
			promptHtml: 'Quels services un chaton peut-il proposer\u00a0?',
			detailsHtml: '<p>Pensez à ce qu’un hébergeur associatif peut faire tourner.</p>',
			multiple: true,
			answered: true,
			correct: false,
			partiallyCorrect: true,
			chosen: ['un-pad', ADS],
			explanationHtml: '<p>Un chaton héberge des services libres, sans publicité.</p>',
			options: [
				{
					id: 'un-agenda-partagé',
					html: 'Un agenda partagé',
					correct: true,
					chosen: false,
					feedbackHtml: '<p>Oui, par exemple avec Nextcloud.</p>'
				},
				{
					id: 'un-pad',
					html: 'Un pad',
					correct: true,
					chosen: true,
					feedbackHtml: '<p>Oui, Etherpad en est un.</p>'
				},
				{
					id: ADS,
					html: 'Une régie publicitaire',
					correct: false,
					chosen: true,
					feedbackHtml: '<p>Non\u00a0: un chaton ne vit pas de la publicité.</p>'
				}
			]
		});
	});
});
