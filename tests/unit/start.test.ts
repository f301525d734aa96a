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

	test('a failed build shows all its output, to find the mistake', () => {
		projectWhoseBuildExits(1);
		const { text, out, err } = capture();
		expect(buildQuietly(root, out, err)).toBe(false);
		expect(text.err).toContain('Unexpected token');
		expect(text.err).toContain('The build failed.');
	});
});
