import { afterEach, describe, expect, test } from 'vitest';
import { formatProblems, loadContent } from '../../src/lib/content/load.ts';
import { VALID_COURSE, writeCourses } from '../helpers/course-fixture.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const SOURCE = 'demo/01-premiers-pas/02-suite.md';
const FILE = `courses/${SOURCE}`;

/** The second lesson of the fixture with `body` in place of its text; its lines start at 9. */
function lessonWith(body: string, further?: string) {
	let source = VALID_COURSE[SOURCE]!.replace(
		'## La suite\n\nRetour au [début](./01-bienvenue.md).',
		`## La suite\n\n${body}`
	);
	if (further !== undefined)
		source = source.replace(
			/## Pour aller plus loin\n\n[\s\S]*$/,
			`## Pour aller plus loin\n\n${further}\n`
		);
	const { coursesDir, cleanup } = writeCourses({ [SOURCE]: source });
	cleanups.push(cleanup);
	const { problems, warnings } = loadContent(coursesDir);
	return {
		problems: formatProblems(problems).split('\n').filter(Boolean),
		warnings: formatProblems(warnings).split('\n').filter(Boolean)
	};
}

describe('house style: one spelling per name', () => {
	test('another spelling of a listed name is reported at its line, with the right one', () => {
		expect(
			lessonWith('Ils utilisent Rocketchat.\n\nEt aussi le Fediverse, Peertube et Framaspace.')
				.problems
		).toEqual([
			`${FILE}:11: write "Rocket.Chat", not "Rocketchat": one spelling per name (docs/authoring.md, House style)`,
			`${FILE}:13: write "Fédiverse", not "Fediverse": one spelling per name (docs/authoring.md, House style)`,
			`${FILE}:13: write "Frama.space", not "Framaspace": one spelling per name (docs/authoring.md, House style)`,
			`${FILE}:13: write "PeerTube", not "Peertube": one spelling per name (docs/authoring.md, House style)`
		]);
	});

	test('addresses, code and the right spellings are left alone', () => {
		expect(
			lessonWith(
				'Le site [emancipasso.org](https://emancipasso.org), `nextcloud-desktop`, les CHATONS, Emancip’Asso et le Cloud Girofle.'
			).problems
		).toEqual([]);
	});

	test('a misspelt name in the description is reported on the description line', () => {
		const lesson = 'demo/01-premiers-pas/01-bienvenue.md';
		const { coursesDir, cleanup } = writeCourses({
			[lesson]: VALID_COURSE[lesson]!.replace(
				'description: Une leçon de démonstration.',
				'description: Découvrir Nextcloud et Cryptpad.'
			)
		});
		cleanups.push(cleanup);
		expect(formatProblems(loadContent(coursesDir).problems)).toBe(
			`courses/${lesson}:3: write "CryptPad", not "Cryptpad": one spelling per name (docs/authoring.md, House style)`
		);
	});
});

describe('house style: inclusive writing with the middle dot', () => {
	test('full stops, hyphens, brackets, other dots and two middle dots are reported', () => {
		expect(
			lessonWith(
				'Les salarié.es et les utilisateur-ices.\n\nLes adhérent(e)s, les bénévoles engagé⋅es et les intervenant·e·s.'
			).problems
		).toEqual([
			`${FILE}:11: inclusive writing: use the middle dot « · » (salarié·es), not a full stop`,
			`${FILE}:11: inclusive writing: use the middle dot « · » (utilisateur·ices), not a hyphen`,
			`${FILE}:13: inclusive writing: use the middle dot « · » (salarié·es), not another dot`,
			`${FILE}:13: inclusive writing: use the middle dot « · » (adhérent·es), not brackets`,
			`${FILE}:13: inclusive writing: one middle dot, « salarié·es », not « salarié·e·s »`
		]);
	});

	test('the house form and pronouns after a hyphen pass', () => {
		expect(
			lessonWith('Les salarié·es et les utilisateur·ices : prévoyez-le, dites-les.').problems
		).toEqual([]);
	});
});

describe('house style: numbers', () => {
	test('a number of five digits or more written without groups is reported with its grouped form', () => {
		expect(lessonWith('Il reste 109000 € à réunir, pas 109 000 de plus.').problems).toEqual([
			`${FILE}:11: write 109 000 with a space between groups of three digits, not 109000`
		]);
	});

	test('years, grouped numbers and numbers inside addresses pass', () => {
		expect(
			lessonWith('En 2024, 109 000 € ; voir [la page](https://example.org/12345678).').problems
		).toEqual([]);
	});
});

describe('house style: one citation format in « Pour aller plus loin »', () => {
	test('a linked title, or a title with where to find it, with author, date and note, passes', () => {
		const further = [
			'- [« Associations : les géants du numérique, c’est pas automatique ! »](https://framablog.org/2024/03/05/associations-les-geants-du-numerique-cest-pas-automatique/), Framasoft, Framablog, 5 mars 2024 — les huit étapes.',
			'- « MLC44, une association et une monnaie locale », Framasoft, Framablog, 20 mars 2024, en ligne sur le Framablog (framablog.org) — une migration par étapes.',
			'- [« Réflexions »](https://ressources.pingbase.net/fiches/x), association PiNG, s. d., licence CC BY-NC-SA 4.0 — le compte unique.',
			'- [La première leçon](./01-bienvenue.md) : où tout commence.'
		].join('\n');
		expect(lessonWith('Texte.', further).problems).toEqual([]);
	});

	test('an entry without a title, author, date, address or note is reported at its line', () => {
		const further = [
			'- [Une référence](https://example.org)',
			'- « Un article », Framasoft, 5 mars 2024 — ce qu’il apporte.',
			'- « Un article », Framasoft : sans date.',
			'- Le retour d’expérience d’un hébergeur d’Angoulême.',
			'- [« Un article »](http://example.org), Framasoft, 2024 — ce qu’il apporte.',
			'- [La première leçon](./01-bienvenue.md)'
		].join('\n');
		expect(lessonWith('Texte.', further).problems).toEqual([
			`${FILE}:15: reading list: the linked text is the title between guillemets, [« Titre »](https://example.org)`,
			`${FILE}:16: reading list: « Un article » has no address: link its title to an address you checked, or say where to find it with ", en ligne sur <site>"`,
			`${FILE}:17: reading list: after « Un article » come the author or publisher, the date and « — » with what the source brings: « Titre », Auteur, 5 mars 2024 — …`,
			`${FILE}:18: reading list: each entry starts with the title between guillemets, « Titre », linked to its address when it has one`,
			`${FILE}:19: reading list: the address of « Un article » must start with https://`,
			`${FILE}:20: reading list: a link to a page of the course is followed by « : » and what the learner finds there`
		]);
	});
});

describe('house style: activities in one format', () => {
	const steps = '**Étapes** :\n\n1. Listez.\n2. Classez.';
	test('Objectif, Durée, Étapes with a numbered list and À produire, in that order, pass', () => {
		const activity = `## Activité : classer\n\n**Objectif** : classer.\n\n**Durée** : 30 minutes.\n\n${steps}\n\n**À produire** : une liste.`;
		expect(lessonWith(activity).problems).toEqual([]);
	});

	test('the component form passes, its attributes holding the same parts', () => {
		const activity =
			'## Activité : classer\n\n<Activity title="Classer" objective="Classer" duration="20" deliverable="Une liste">\n\n1. Listez.\n\n</Activity>';
		expect(lessonWith(activity).problems).toEqual([]);
	});

	test('a missing part, a duration without minutes or steps without a list are reported on the heading', () => {
		const layout =
			'start with **Objectif** : …, then **Durée** : … minutes, **Étapes** : and a numbered list, and end with **À produire** : …';
		expect(
			lessonWith(`## Activité : classer\n\nObjectif : classer. Durée : 30 minutes.\n\n${steps}`)
				.problems
		).toEqual([
			`${FILE}:11: activity "Activité : classer": ${layout}; missing: Objectif, Durée, À produire`
		]);
		expect(
			lessonWith(
				`## Activité : classer\n\n**Objectif** : classer.\n\n**Durée** : une heure.\n\n${steps}\n\n**À produire** : une liste.`
			).problems
		).toEqual([
			`${FILE}:11: activity "Activité : classer": **Durée** gives a number of minutes, e.g. « **Durée** : 30 minutes »`
		]);
		expect(
			lessonWith(
				'## Activité : classer\n\n**Objectif** : classer.\n\n**Durée** : 30 minutes.\n\n**Étapes** : listez puis classez.\n\n**À produire** : une liste.'
			).problems
		).toEqual([
			`${FILE}:11: activity "Activité : classer": **Étapes** is followed by a numbered list (1. …)`
		]);
	});
});

describe('house style: long sentences', () => {
	test('a sentence of more than 40 words is a warning at its line, not a problem', () => {
		const long = Array.from({ length: 45 }, (_, i) => `mot${i}`).join(' ');
		const { problems, warnings } = lessonWith(`Une phrase courte.\nPuis ${long}.`);
		expect(problems).toEqual([]);
		expect(warnings).toEqual([
			`${FILE}:12: a sentence of 46 words: split it (house style: about 40 words at most)`
		]);
	});
});
