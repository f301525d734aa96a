import path from 'node:path';
import { compile } from 'mdsvex';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { mdsvexOptions } from '../../src/lib/content/markdown.js';
import { typeset } from '../../src/lib/content/typography.js';
import { writeCourses, VALID_COURSE } from '../helpers/course-fixture.ts';

const NBSP = '\u00a0';
const NARROW = '\u202f';

describe('French typography set on what the reader sees', () => {
	test('an apostrophe typed on the keyboard becomes the typographic one', () => {
		expect(typeset("L'association s'émancipe aujourd'hui")).toBe(
			'L’association s’émancipe aujourd’hui'
		);
	});

	test('a number is never parted from its sign or unit', () => {
		expect(typeset('autour de 40 % des associations')).toBe(
			`autour de 40${NBSP}% des associations`
		);
		expect(typeset('de 200 € à 310 € par an')).toBe(`de 200${NBSP}€ à 310${NBSP}€ par an`);
		expect(typeset('50 comptes et 40 Go')).toBe(`50 comptes et 40${NBSP}Go`);
		expect(typeset('une séance de 1 h 30')).toBe(`une séance de 1${NBSP}h${NBSP}30`);
		expect(typeset('environ 45 minutes, 6 mois')).toBe(`environ 45${NBSP}minutes, 6${NBSP}mois`);
		expect(typeset('seulement 16%')).toBe(`seulement 16${NBSP}%`);
	});

	test('a word that merely starts like a unit keeps its ordinary space', () => {
		expect(typeset('3 modules, 2 hébergeurs')).toBe('3 modules, 2 hébergeurs');
	});

	test('groups of three digits are held together by a narrow no-break space', () => {
		expect(typeset('récolter 109 000 €')).toBe(`récolter 109${NARROW}000${NBSP}€`);
		expect(typeset('1 000 000 de pages')).toBe(`1${NARROW}000${NARROW}000 de pages`);
		expect(typeset('en 2024, 320 utilisateurs')).toBe('en 2024, 320 utilisateurs');
	});

	test('the punctuation rules already in place still hold, and setting twice changes nothing', () => {
		const once = typeset("« Qu'est-ce qu'un CHATON ? » : 50 € ; 100 000 personnes !");
		expect(once).toBe(
			`«${NBSP}Qu’est-ce qu’un CHATON${NBSP}?${NBSP}»${NBSP}: 50${NBSP}€${NBSP}; 100${NARROW}000 personnes${NBSP}!`
		);
		expect(typeset(once)).toBe(once);
	});

	test('a lesson page gets it in its text but never in its code', async () => {
		const coursesDir = path.resolve('/repo/courses');
		const options = await mdsvexOptions(coursesDir);
		const result = await compile("L'offre passe à 310 € et `l'option 100 %` reste telle quelle.", {
			...options,
			filename: path.join(coursesDir, 'demo/01-premiers-pas/01-bienvenue.md')
		});
		expect(result?.code).toContain(`L’offre passe à 310${NBSP}€`);
		expect(result?.code).toContain("l'option 100 %");
	});

	test("a lesson's title, description and objectives are set like its text", () => {
		const lesson = 'demo/01-premiers-pas/01-bienvenue.md';
		const { coursesDir, cleanup } = writeCourses({
			[lesson]: VALID_COURSE[lesson]!.replace('title: Bienvenue', "title: L'accueil à 100 %")
				.replace('description: Une leçon de démonstration.', "description: Qu'apprend-on ?")
				.replace('  - Lire une leçon', "  - Lire l'introduction")
		});
		try {
			const found = loadContent(coursesDir).index.courses[0].sequences[0].lessons[0];
			expect(found.title).toBe(`L’accueil à 100${NBSP}%`);
			expect(found.description).toBe(`Qu’apprend-on${NBSP}?`);
			expect(found.objectives).toEqual(['Lire l’introduction']);
		} finally {
			cleanup();
		}
	});
});
