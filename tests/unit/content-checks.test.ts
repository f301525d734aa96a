import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatProblems, loadContent } from '../../src/lib/content/load.ts';
import { VALID_COURSE, writeCourses } from '../helpers/course-fixture.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function check(overrides: Record<string, string | null>) {
	const { coursesDir, cleanup } = writeCourses(overrides);
	cleanups.push(cleanup);
	return formatProblems(loadContent(coursesDir).problems).split('\n').filter(Boolean);
}

const LESSON = 'courses/demo/01-premiers-pas/01-bienvenue.md';
const QUIZ = 'courses/demo/01-premiers-pas/quiz.md';
const replaceIn = (file: string, from: string, to: string) => {
	const source = VALID_COURSE[file]!;
	if (!source.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
	return { [file]: source.replace(from, to) };
};

describe('content checks', () => {
	test('a valid course has no problem', () => {
		expect(check({})).toEqual([]);
	});

	test('a missing frontmatter field is reported on the file', () => {
		expect(
			check(replaceIn('demo/01-premiers-pas/01-bienvenue.md', 'title: Bienvenue\n', ''))
		).toEqual([`${LESSON}:1: title is required and must be text`]);
	});

	test('an invalid field is reported on its line', () => {
		expect(
			check(replaceIn('demo/01-premiers-pas/01-bienvenue.md', 'duration: 5', 'duration: cinq'))
		).toEqual([`${LESSON}:4: duration is required: a whole number of minutes`]);
	});

	test('an unknown field and an empty objectives list are reported', () => {
		const broken = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'objectives:\n  - Lire une leçon\n',
			'objectives: []\ntags: [a]\n'
		);
		expect(check(broken)).toEqual([
			`${LESSON}:5: objectives needs at least one item`,
			`${LESSON}:6: unknown field: tags`
		]);
	});

	test('an unknown field of a quiz is reported at its own line', () => {
		const broken = replaceIn(
			'demo/01-premiers-pas/quiz.md',
			'passingScore: 50\n',
			'passingScore: 50\nlevel: 2\n'
		);
		expect(check(broken)).toEqual([`${QUIZ}:4: unknown field: level`]);
	});

	test('a file saved in another encoding than UTF-8, or with a BOM, is reported as such', () => {
		const { coursesDir, cleanup } = writeCourses({});
		cleanups.push(cleanup);
		const lesson = path.join(coursesDir, 'demo/01-premiers-pas/01-bienvenue.md');
		const text = readFileSync(lesson, 'utf8');
		const problems = () =>
			formatProblems(loadContent(coursesDir).problems).split('\n').filter(Boolean);
		// As an old Windows editor saves it: « é » is one byte that is no UTF-8.
		writeFileSync(lesson, Buffer.from(text, 'latin1'));
		const accented = text.slice(0, text.search(/[à-ÿ]/)).split('\n').length;
		expect(problems()[0]).toBe(
			`${LESSON}:${accented}: the file is not in UTF-8 (perhaps Windows-1252 or Latin-1): save it again as UTF-8 in your editor`
		);
		writeFileSync(lesson, `\uFEFF${text}`);
		expect(problems()).toEqual([
			`${LESSON}:1: the file starts with an invisible byte-order mark (BOM): save it again as UTF-8 without BOM`
		]);
	});

	test('a frontmatter without its closing --- is reported as such', () => {
		const broken = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'  - Lire une leçon\n---\n',
			'  - Lire une leçon\n\n'
		);
		expect(check(broken)).toEqual([
			`${LESSON}:1: the frontmatter opened on line 1 has no closing --- line`
		]);
	});

	test('invalid YAML is reported with its line, in plain words, with the quoting hint', () => {
		const colon = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'title: Bienvenue',
			'title: Bienvenue: premiers pas'
		);
		expect(check(colon)).toEqual([
			`${LESSON}:2: invalid YAML: a value contains ": " (a colon and a space), which YAML reads as a new field; put the value between double quotes, e.g. title: "Partager : pourquoi et comment"`
		]);
		const emphasis = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'title: Bienvenue',
			'title: *Bienvenue*'
		);
		expect(check(emphasis)[0]).toMatch(
			/^.*:\d+: invalid YAML: a value starts with \*.*put the value between double quotes/
		);
		const unclosed = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'title: Bienvenue',
			'title: "Bienvenue'
		);
		expect(check(unclosed)).toEqual([
			`${LESSON}:2: invalid YAML: a quote is opened and never closed on this line`
		]);
	});

	test('a course with an unknown language is refused', () => {
		expect(check(replaceIn('demo/course.md', 'language: fr', 'language: klingon'))).toEqual([
			'courses/demo/course.md:4: language must be one of: fr, en'
		]);
	});

	test('two lessons with the same slug are reported', () => {
		expect(
			check({
				'demo/01-premiers-pas/03-suite.md': VALID_COURSE['demo/01-premiers-pas/02-suite.md']
			})
		).toEqual([
			'courses/demo/01-premiers-pas/03-suite.md:1: duplicate lesson slug "suite": courses/demo/01-premiers-pas/02-suite.md has it too'
		]);
	});

	test('a course slug that takes a reserved route name is reported', () => {
		const login = Object.fromEntries(
			Object.entries(VALID_COURSE).map(([file, source]) => [
				file.replace(/^demo\//, 'login/'),
				source
			])
		);
		const problems = check({
			...Object.fromEntries(Object.keys(VALID_COURSE).map((file) => [file, null])),
			...login
		});
		expect(problems).toContain(
			'courses/login/course.md:1: course slug "login" is a reserved route name: rename the folder'
		);
	});

	test('a lesson named like the quiz route is reported', () => {
		expect(check({ 'demo/02-suite/02-quiz.md': VALID_COURSE['demo/02-suite/01-fin.md'] })).toEqual([
			'courses/demo/02-suite/02-quiz.md:1: lesson slug "quiz" is a reserved route name: rename the file'
		]);
	});

	test('a quiz question with fewer than two options is reported on its heading', () => {
		const broken = replaceIn(QUIZ.replace('courses/', ''), '- [ ] Faux\n  > Non.\n', '');
		expect(check(broken)).toEqual([`${QUIZ}:6: question "unique" needs at least two options`]);
	});

	test('a quiz question with no correct option is reported', () => {
		const broken = replaceIn(QUIZ.replace('courses/', ''), '- [x] Vrai', '- [ ] Vrai');
		expect(check(broken)).toEqual([
			`${QUIZ}:6: question "unique" has no correct option: mark at least one with [x]`
		]);
	});

	test('a quiz option without feedback, or not a task item, is reported', () => {
		const broken = replaceIn(QUIZ.replace('courses/', ''), '- [ ] C\n  > Non, pas C.\n', '- C\n');
		expect(check(broken)).toEqual([
			`${QUIZ}:21: option 3 of question "plusieurs-bonnes-réponses" must start with [ ] (wrong) or [x] (right)`,
			`${QUIZ}:21: option "C" of question "plusieurs-bonnes-réponses" has no feedback: add "  > why" under it`
		]);
	});

	test('duplicate question ids are reported', () => {
		const broken = replaceIn(
			QUIZ.replace('courses/', ''),
			'## Plusieurs bonnes réponses',
			'## Autre {#unique}'
		);
		expect(check(broken)).toEqual([
			`${QUIZ}:15: duplicate question id "unique": give one of them another {#id}`
		]);
	});

	test('a broken link between lessons is reported on its line', () => {
		const broken = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'./02-suite.md#la-suite',
			'./03-absente.md'
		);
		expect(check(broken)).toEqual([
			`${LESSON}:17: broken link: ./03-absente.md is not a page of the courses`
		]);
	});

	test('a link to a missing heading and an absolute link to no page are reported', () => {
		const broken = {
			...replaceIn('demo/01-premiers-pas/01-bienvenue.md', '#la-suite', '#ailleurs'),
			...replaceIn('demo/02-suite/01-fin.md', 'Fin du cours.', '[Voir](/demo/nulle-part).')
		};
		expect(check(broken)).toEqual([
			`${LESSON}:17: broken link: ./02-suite.md has no heading with the id "ailleurs"`,
			'courses/demo/02-suite/01-fin.md:11: broken link: no page at /demo/nulle-part'
		]);
	});

	test('a missing image, an image without alt text and a remote image are reported', () => {
		const broken = replaceIn(
			'demo/01-premiers-pas/01-bienvenue.md',
			'![Un schéma à trois cases](assets/schema.svg)',
			'![Un schéma](assets/absent.svg)\n\n![](assets/schema.svg)\n\n![Logo](https://cdn.example.org/logo.png)'
		);
		expect(check(broken)).toEqual([
			`${LESSON}:13: image not found: assets/absent.svg`,
			`${LESSON}:15: image "assets/schema.svg" has no alt text: describe it between the brackets, ![like this](assets/schema.svg)`,
			`${LESSON}:17: image "https://cdn.example.org/logo.png" must be a file next to the lesson (assets/...): readers' browsers never fetch from another site`
		]);
	});

	test('a lesson must end with its further reading section and use no level-1 heading', () => {
		const broken = replaceIn('demo/02-suite/01-fin.md', '## Pour aller plus loin', '# Références');
		expect(check(broken)).toEqual([
			'courses/demo/02-suite/01-fin.md:8: a lesson ends with a "## Pour aller plus loin" section',
			'courses/demo/02-suite/01-fin.md:13: no level-1 heading in a lesson: the title comes from the frontmatter, sections start at ##'
		]);
	});

	test('a sequence folder without sequence.md is reported', () => {
		expect(check({ 'demo/02-suite/sequence.md': null })).toEqual([
			'courses/demo/02-suite:1: a sequence folder needs a sequence.md'
		]);
	});
});

describe('quiz answer positions', () => {
	/** A question of three options, the `right` one correct; `pinned` ends with {pin}. */
	const question = (n: number, right: number, pinned: number | null = null) =>
		`## Question ${n}\n\n` +
		[0, 1, 2]
			.map(
				(i) =>
					`- [${i === right ? 'x' : ' '}] Option ${n}.${i}${i === pinned ? ' {pin}' : ''}\n  > Retour ${n}.${i}.`
			)
			.join('\n') +
		'\n';
	const quiz = (questions: string[]) => ({
		'demo/01-premiers-pas/quiz.md': '---\ntitle: Auto-évaluation\n---\n\n' + questions.join('\n')
	});

	function warnings(questions: string[]) {
		const { coursesDir, cleanup } = writeCourses(quiz(questions));
		cleanups.push(cleanup);
		const { problems, warnings } = loadContent(coursesDir);
		expect(problems).toEqual([]);
		return formatProblems(warnings).split('\n').filter(Boolean);
	}

	test('options shuffled for each attempt raise no warning, wherever the right one is written', () => {
		expect(warnings([1, 1, 1, 1].map((right, i) => question(i + 1, right)))).toEqual([]);
	});

	test('a quiz whose right answer is mostly the pinned option gets a warning on its first such question', () => {
		// Half of them is no habit yet.
		expect(
			warnings([question(1, 0, 2), question(2, 2, 2), question(3, 2, 2), question(4, 1)])
		).toEqual([]);
		expect(
			warnings([question(1, 0, 2), question(2, 2, 2), question(3, 2, 2), question(4, 2, 2)])
		).toEqual([
			'courses/demo/01-premiers-pas/quiz.md:14: the right answer is the pinned option in 3 of 4 single-choice questions: learners will learn to pick it'
		]);
	});
});

describe('course index', () => {
	test('orders sequences and lessons, strips prefixes and links the reading order', () => {
		const { coursesDir, cleanup } = writeCourses();
		cleanups.push(cleanup);
		const { index } = loadContent(coursesDir);
		const [course] = index.courses;
		expect(course.sequences.map((sequence) => sequence.url)).toEqual([
			'/demo/premiers-pas',
			'/demo/suite'
		]);
		const [first, second] = course.sequences[0].lessons;
		expect(first).toMatchObject({
			key: 'demo/premiers-pas/bienvenue',
			url: '/demo/premiers-pas/bienvenue',
			previous: null,
			next: { title: 'La suite', url: '/demo/premiers-pas/suite' },
			toc: [
				{ depth: 2, id: 'un-schéma', text: 'Un schéma' },
				{ depth: 3, id: 'détail', text: 'Détail' },
				{ depth: 2, id: 'pour-aller-plus-loin', text: 'Pour aller plus loin' }
			]
		});
		expect(second.next).toEqual({ title: 'Auto-évaluation', url: '/demo/premiers-pas/quiz' });
		expect(course.sequences[1].lessons[0].previous).toEqual({
			title: 'Auto-évaluation',
			url: '/demo/premiers-pas/quiz'
		});
		expect(course.duration).toBe(15);
		expect(course.sequences[0].quiz?.questions.map((q) => [q.id, q.multiple])).toEqual([
			['unique', false],
			['plusieurs-bonnes-réponses', true]
		]);
	});

	test('the version changes when any content file changes', () => {
		const a = writeCourses();
		const b = writeCourses(replaceIn('demo/02-suite/01-fin.md', 'Fin du cours.', 'Fin.'));
		cleanups.push(a.cleanup, b.cleanup);
		expect(loadContent(a.coursesDir).index.version).not.toBe(
			loadContent(b.coursesDir).index.version
		);
	});
});
