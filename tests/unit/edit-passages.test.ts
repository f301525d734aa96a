import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'mdsvex';
import { beforeAll, describe, expect, test } from 'vitest';
import { mdsvexOptions } from '../../src/lib/content/markdown.js';
import {
	blockRanges,
	checkPassage,
	describePassageProblem,
	parseLineRange,
	passageAt
} from '../../src/lib/content/passages.ts';

const coursesDir = path.resolve('courses');
let options: Awaited<ReturnType<typeof mdsvexOptions>>;
beforeAll(async () => {
	options = await mdsvexOptions(coursesDir);
});

async function linksOf(source: string, filename: string) {
	const result = await compile(source, { ...options, filename });
	if (!result) throw new Error('mdsvex compiled nothing');
	return [
		...result.code.matchAll(/class="edit-passage"\s+href="[^"?]*\/edit\?lines=(\d+)-(\d+)"/g)
	].map(([, from, to]) => ({ from: Number(from), to: Number(to) }));
}

const LESSON = `---
title: Essai
---

Un premier paragraphe
sur deux lignes.

## Un titre

- un point
- un autre, avec une suite :
  - imbriqué
- le dernier

| a | b |
| - | - |
| 1 | 2 |

> Une citation.
`;

describe('the passages a reader may propose to change', () => {
	test('paragraphs, list items without their nested list, tables and headings, by their lines', () => {
		expect(blockRanges(LESSON)).toEqual([
			{ from: 5, to: 6 },
			{ from: 8, to: 8 },
			{ from: 10, to: 10 },
			{ from: 11, to: 11 },
			{ from: 12, to: 12 },
			{ from: 13, to: 13 },
			{ from: 15, to: 17 },
			{ from: 19, to: 19 }
		]);
		expect(passageAt(LESSON, { from: 5, to: 6 })).toBe('Un premier paragraphe\nsur deux lignes.');
		expect(passageAt(LESSON, { from: 15, to: 17 })).toContain('| 1 | 2 |');
	});

	test('a range that is not exactly one passage is refused', () => {
		expect(passageAt(LESSON, { from: 5, to: 5 })).toBeNull();
		expect(passageAt(LESSON, { from: 2, to: 2 })).toBeNull();
		expect(passageAt(LESSON, { from: 90, to: 91 })).toBeNull();
		expect(parseLineRange('12-14')).toEqual({ from: 12, to: 14 });
		expect(parseLineRange('7')).toEqual({ from: 7, to: 7 });
		expect(parseLineRange('14-12')).toBeNull();
		expect(parseLineRange('0-1')).toBeNull();
		expect(parseLineRange('abc')).toBeNull();
	});

	test('the compiled lesson links each passage to its own lines', async () => {
		const filename = path.join(
			coursesDir,
			'emanciper-son-association/01-evaluer-les-besoins/99-essai.md'
		);
		expect(await linksOf(LESSON, filename)).toEqual(blockRanges(LESSON));
	});

	test('in every lesson of the course, the links name exactly the passages the form accepts', async () => {
		const course = path.join(coursesDir, 'emanciper-son-association');
		let checked = 0;
		for (const sequence of readdirSync(course).filter((name) => /^\d+-/.test(name))) {
			for (const name of readdirSync(path.join(course, sequence)).filter((n) =>
				/^\d+-.*\.md$/.test(n)
			)) {
				const filename = path.join(course, sequence, name);
				const source = readFileSync(filename, 'utf8');
				const links = await linksOf(source, filename);
				const ranges = blockRanges(source);
				expect(links, name).toEqual(ranges);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(10);
	}, 60_000);
});

describe('the content checks a proposed passage goes through', () => {
	test('plain Markdown, and lesson components written as the list allows, pass', () => {
		expect(
			checkPassage('Un **texte** avec [un lien](https://example.org).', 'Un texte.')
		).toBeNull();
		expect(
			checkPassage('Un <Term>hébergeur</Term> associatif.', 'Un hébergeur associatif.')
		).toBeNull();
	});

	test('HTML, Svelte code, a wrong attribute or a tag left open are refused with the check’s message', () => {
		const described = (proposed: string, original: string) => {
			const problem = checkPassage(proposed, original);
			return problem && describePassageProblem(problem);
		};
		expect(described('Un <script>alert(1)</script> texte.', 'Un texte.')).toMatch(
			/^line 1: <script> is not a lesson component/
		);
		expect(described('Voir {#if x} ici', 'Voir ici')).toMatch(/Svelte code "\{#if"/);
		expect(described('<Callout kind="autre">\n\nTexte\n\n</Callout>', 'Texte')).toMatch(
			/<Callout>: kind must be one of/
		);
		expect(
			described('Un <Term>hébergeur associatif.', 'Un <Term>hébergeur</Term> associatif.')
		).toMatch(/<Term> is opened and closed differently/);
	});

	test('a component’s content beside its tags is refused, as the content checks refuse it', () => {
		const laidOut = '<Callout kind="retenir">\n\nUn **point** à retenir.\n\n</Callout>';
		expect(checkPassage(laidOut.replace('point', 'principe'), laidOut)).toBeNull();
		// On one line with its tags, or right against them: readers would see `**` as typed.
		for (const proposed of [
			'<Callout kind="retenir">Un **principe** à retenir.</Callout>',
			'<Callout kind="retenir">\nUn **principe** à retenir.\n</Callout>'
		]) {
			const problem = checkPassage(proposed, laidOut);
			expect(problem, proposed).toEqual({ kind: 'layout', line: 1, tag: 'Callout' });
			expect(describePassageProblem(problem!)).toBe(
				'line 1: <Callout>: its content must be apart from its tags: put <Callout …> and </Callout> on lines of their own, with a blank line after the opening tag and before the closing one'
			);
		}
		// A term is a word among the others: it stays in its sentence.
		expect(
			checkPassage('Un <Term>hébergeur</Term> associatif.', 'Un hébergeur associatif.')
		).toBeNull();
	});

	test('a tag that may not be there is refused as such, however it is written', () => {
		// Unquoted, the attribute is also written wrong: quoting it would not make the tag allowed.
		expect(checkPassage('Une <img src=x onerror=alert(1)> image.', 'Une image.')).toEqual({
			kind: 'html',
			line: 1,
			tag: 'img'
		});
		expect(checkPassage('Texte.\n\n<b>gras</b>', 'Texte.')).toEqual({
			kind: 'html',
			line: 3,
			tag: 'b'
		});
	});
});
