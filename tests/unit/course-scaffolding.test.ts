// What frames the shipped course: a welcome lesson where « Commencer le cours » leads, a glossary
// that covers the technical words of the lessons, and a closing synthesis that gathers what every
// activity produced.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { readFrontmatter } from '../../src/lib/content/frontmatter.ts';

const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const lessons = course.sequences.flatMap((sequence) => sequence.lessons);
const body = (file: string) => readFrontmatter(readFileSync(file, 'utf8')).body;
const headings = (lesson: (typeof lessons)[number]) => lesson.toc.map((heading) => heading.text);

describe('the welcome lesson', () => {
	// The course page's « Commencer le cours » button leads to the first lesson of the first sequence.
	const welcome = course.sequences[0].lessons[0];

	test('is where « Commencer le cours » leads, and explains how the course works', () => {
		expect(welcome.title).toBe('Bienvenue dans le cours');
		expect(headings(welcome)).toEqual(
			expect.arrayContaining([
				'Comment le cours est construit',
				'Combien de temps prévoir',
				'Se servir des discussions',
				'Votre terrain d’exercice'
			])
		);
	});

	test('gives the course’s real length, and introduces the fictional association to follow', () => {
		const text = body(welcome.file);
		const hours = course.duration / 60;
		expect(hours).toBeGreaterThan(15);
		expect(hours).toBeLessThan(16);
		expect(text).toContain('près de seize heures');
		expect(text).toContain('Graines de quartier');
		const reused = lessons.filter(
			(lesson) => lesson !== welcome && body(lesson.file).includes('Graines de quartier')
		);
		expect(reused.length).toBeGreaterThanOrEqual(3);
	});
});

describe('the glossary', () => {
	const glossary = course.glossary!;
	const terms = glossary.entries.map((entry) => entry.term);
	const lessonsText = [...lessons, ...course.sequences].map((page) => body(page.file)).join('\n');

	test('defines the words a newcomer stumbles on', () => {
		for (const term of ['Fédiverse', 'Libriste', 'Tiers-lieu', 'CHATONS', 'Sieve', 'CSV'])
			expect(terms).toContain(term);
		expect(terms).toContain('Authentification unique (SSO)');
	});

	test.each([
		['Sieve', 'sieve'],
		['CSV', 'csv'],
		['OpenID Connect', 'openid-connect'],
		['Keycloak', 'keycloak'],
		['YunoHost', 'yunohost'],
		['Nextcloud', 'nextcloud'],
		['Paheko', 'paheko'],
		['PeerTube', 'peertube'],
		['Mobilizon', 'mobilizon'],
		['BigBlueButton', 'bigbluebutton'],
		['Matomo', 'matomo'],
		['webmail', 'webmail'],
		['nom de domaine', 'nom-de-domaine'],
		['CMS', 'cms'],
		['RGPD', 'rgpd'],
		['auto-hébergement', 'auto-hebergement'],
		['dette technique', 'dette-technique'],
		['libriste', 'libriste'],
		['tiers-lieu', 'tiers-lieu'],
		['Frama.space', 'frama-space']
	])('"%s", used in the course, has its entry', (word, id) => {
		expect(lessonsText.toLowerCase()).toContain(word.toLowerCase());
		expect(glossary.entries.map((entry) => entry.id)).toContain(id);
	});
});

describe('the closing synthesis', () => {
	const synthesis = course.sequences.at(-1)!.lessons.at(-1)!;
	const text = body(synthesis.file);

	test('ends the course with a capstone activity and its template', () => {
		expect(synthesis.title).toBe('Synthèse\u00a0: votre plan de transition');
		expect(text).toContain('<Activity title="Assembler votre plan de transition"');
		expect(text).toContain('<Download file="assets/plan-de-transition.ods"');
	});

	test('gathers the deliverable of every activity of the course', () => {
		const withActivity = lessons.filter(
			(lesson) =>
				lesson !== synthesis &&
				(headings(lesson).some((heading) => heading.startsWith('Activité')) ||
					body(lesson.file).includes('<Activity '))
		);
		expect(withActivity.length).toBeGreaterThanOrEqual(15);
		const linked = new Set(
			[...text.matchAll(/\]\(((?:\.\.\/[^/]+\/|\.\/)[^)#]+\.md)/g)].map((match) =>
				path.resolve(path.dirname(synthesis.file), match[1])
			)
		);
		const missing = withActivity
			.map((lesson) => path.resolve(lesson.file))
			.filter((file) => !linked.has(file));
		expect(missing).toEqual([]);
	});
});

describe('the illustrations', () => {
	const dir = path.resolve('courses', course.slug);
	const svgs = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) =>
		/assets\/[^/]+\.svg$/.test(file)
	);

	test.each(svgs)('%s keeps every label at 11 px or more when shown 360 px wide', (file) => {
		const source = readFileSync(path.join(dir, file), 'utf8');
		const viewBoxWidth = Number(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+) [\d.]+"/.exec(source)?.[1]);
		expect(viewBoxWidth).toBeGreaterThan(0);
		const sizes = [...source.matchAll(/font-size(?:="|:\s*)([\d.]+)/g)].map((m) => Number(m[1]));
		expect(sizes.length).toBeGreaterThan(0);
		expect((Math.min(...sizes) * 360) / viewBoxWidth).toBeGreaterThanOrEqual(11);
	});

	test.each([2, 6, 8])(
		'sequence %i has an illustration of its own, with alt text and caption',
		(n) => {
			const sequence = course.sequences[n - 1];
			const figures = sequence.lessons.flatMap((lesson) => [
				...body(lesson.file).matchAll(
					/<Figure src="assets\/[^"]+\.svg" alt="[^"]{40,}" caption="[^"]+"/g
				)
			]);
			expect(figures.length).toBeGreaterThan(0);
		}
	);
});
