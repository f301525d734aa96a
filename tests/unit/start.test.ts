// `npm start` builds when needed: what it prints should be about starting the site, nothing else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildQuietly } from '../../scripts/start.js';

let root: string;

/** A project whose `vite build` prints what the real one prints, and exits with `code`. */
function projectWhoseBuildExits(code: number) {
	const bin = path.join(root, 'node_modules/vite/bin');
	mkdirSync(bin, { recursive: true });
	writeFileSync(
		path.join(bin, 'vite.js'),
		[
			"console.log('✓ built in 7.20s');",
			"console.log('\\nRun npm run preview to preview your production build locally.');",
			code === 0 ? '' : "console.error('src/routes/+page.svelte: Unexpected token');",
			`process.exit(${code});`
		].join('\n')
	);
}

function capture() {
	const text = { out: '', err: '' };
	return {
		text,
		out: { write: (chunk: string) => (text.out += chunk) },
		err: { write: (chunk: string) => (text.err += chunk) }
	};
}

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'parcours-start-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('building on start', () => {
	test('a successful build says only that it is built, not to run `npm run preview`', () => {
		projectWhoseBuildExits(0);
		const { text, out, err } = capture();
		expect(buildQuietly(root, out, err)).toBe(true);
		expect(text.out).toMatch(/^Built in \d+ s\.\n$/);
		expect(text.err).toBe('');
	});

	test('a build refused for the content shows only the content’s mistakes, without the stack', () => {
		const bin = path.join(root, 'node_modules/vite/bin');
		mkdirSync(bin, { recursive: true });
		const lines = [
			'\u001b[31m[plugin parcours:content]\u001b[39m RolldownError: content errors:',
			'courses/demo/01-a/quiz.md:6: a question needs at least one right answer ([x])',
			'courses/demo/01-a/01-b.md:3: title is required and must be text',
			'    at Object.buildStart (file:///x/node_modules/rolldown/dist/index.mjs:10:3)',
			'    at async PluginDriver.hookParallel (file:///x/node_modules/rolldown/dist/index.mjs:20:5)'
		];
		writeFileSync(
			path.join(bin, 'vite.js'),
			`console.error(${JSON.stringify(lines.join('\n'))}); process.exit(1);`
		);
		const { text, out, err } = capture();
		expect(buildQuietly(root, out, err)).toBe(false);
		expect(text.err).toBe(
			'courses/demo/01-a/quiz.md:6: a question needs at least one right answer ([x])\n' +
				'courses/demo/01-a/01-b.md:3: title is required and must be text\n\n' +
				'The course content has mistakes: fix them and start again (`npm run check:content` checks the content without building).\n'
		);
	});

	test('a failed build shows all its output, to find the mistake', () => {
		projectWhoseBuildExits(1);
		const { text, out, err } = capture();
		expect(buildQuietly(root, out, err)).toBe(false);
		expect(text.err).toContain('Unexpected token');
		expect(text.err).toContain('The build failed.');
	});
});
