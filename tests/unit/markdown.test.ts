import path from 'node:path';
import { compile } from 'mdsvex';
import { compile as compileSvelte } from 'svelte/compiler';
import { beforeAll, describe, expect, test } from 'vitest';
import { mdsvexOptions } from '../../src/lib/content/markdown.js';

const coursesDir = path.resolve('/repo/courses');
let options: Awaited<ReturnType<typeof mdsvexOptions>>;
beforeAll(async () => {
	options = await mdsvexOptions(coursesDir);
});

async function lesson(markdown: string) {
	const filename = path.join(coursesDir, 'demo/01-premiers-pas/01-bienvenue.md');
	const result = await compile(markdown, { ...options, filename });
	if (!result) throw new Error('mdsvex compiled nothing');
	return result.code;
}

describe('lessons compiled by mdsvex', () => {
	test('braces in prose are escaped, never read as Svelte expressions', async () => {
		const code = await lesson('Un objet {comme ceci} et `{ inline }`.');
		expect(code).toContain('&#123;comme ceci&#125;');
		expect(code).not.toMatch(/[^#]\{comme ceci\}/);
	});

	test('code blocks are highlighted by shiki at build time, with light and dark colours', async () => {
		const code = await lesson('```bash\necho "bonjour"\n```');
		expect(code).toContain('class="shiki');
		expect(code).toContain('--shiki-dark');
		expect(code).toContain('{@html');
	});

	test('links to other lessons become their URLs, with the anchor kept', async () => {
		const code = await lesson(
			'[La suite](./02-suite.md#plan) et [séquence 2](../02-outils/sequence.md).'
		);
		expect(code).toContain('href="/demo/premiers-pas/suite#plan"');
		expect(code).toContain('href="/demo/outils"');
	});

	test('headings get the ids of the table of contents; activities are marked', async () => {
		const code = await lesson('## Un schéma\n\n## Activité : remplir la grille');
		expect(code).toContain('<h2 id="un-schéma">');
		expect(code).toMatch(/<h2\s+id="activité--remplir-la-grille"\s+class="activity"\s*>/);
	});

	test('images next to the lesson are imported, so the build gives them hashed names', async () => {
		const code = await lesson('![Un schéma](assets/schema.svg)');
		expect(code).toContain('import __asset0 from "./assets/schema.svg"');
		expect(code).toContain('<a class="full-size" href="{__asset0}"><img src="{__asset0}"');
	});

	test('tables scroll in a region named by their section, reachable by keyboard through its link; checklists are not form controls', async () => {
		const code = await lesson(
			'## Grille\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\n## Autre\n\n| C |\n| - |\n| 3 |\n\n- [ ] à faire\n- [x] fait'
		);
		expect(code).toContain(
			'<div class="table-scroll" id="tableau-1" role="region" aria-labelledby="grille"><a class="table-anchor" href="#tableau-1" aria-labelledby="grille">↔</a><table>'
		);
		expect(code).toContain('<div class="table-scroll" id="tableau-2" role="region"');
		expect(code).not.toContain('tabindex');
		expect(code).not.toContain('<input');
		expect(code).toContain('☐');
		expect(code).toContain('☑');
	});

	test('a table and a figure compile without an accessibility warning from Svelte', async () => {
		const code = await lesson(
			'## Grille\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\n![Un schéma](assets/schema.svg)'
		);
		const { warnings } = compileSvelte(code, { generate: 'server', filename: 'lesson.svelte' });
		expect(warnings.map((warning) => `${warning.code}: ${warning.message}`)).toEqual([]);
	});

	test('French punctuation gets a no-break space', async () => {
		const code = await lesson('Pourquoi ? Parce que : « voilà ».');
		expect(code).toContain('Pourquoi\u00a0? Parce que\u00a0: «\u00a0voilà\u00a0».');
	});
});
