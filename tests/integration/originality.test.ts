import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
	GRAM,
	RUN,
	flagged,
	measureFile,
	sentenceWords,
	sourceGrams
} from '../../scripts/lib/originality.ts';

const SOURCE = `Le diagnostic sert à identifier les besoins de la structure, lorsqu’elle ne sait pas
exactement quels outils numériques pourraient l’aider. L’important, c’est que les participant⋅es à
nos formations repartent équipé⋅es et confiant⋅es sur leur capacité à réfléchir.`;

function measure(markdown: string) {
	return measureFile(markdown, sourceGrams([SOURCE], GRAM), sourceGrams([SOURCE], RUN));
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function folders(files: Record<string, string>) {
	const root = mkdtempSync(path.join(tmpdir(), 'originality-'));
	cleanups.push(() => rmSync(root, { recursive: true, force: true }));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
		writeFileSync(path.join(root, name), text);
	}
	return root;
}

// Node with tsx's loader starts faster than npx; a busy machine still needs more than 5 s.
const SCRIPT_TIMEOUT = 60_000;
function runScript(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-originality.ts', ...args], {
		encoding: 'utf8'
	});
}

describe('paraphrase measure', () => {
	test('a sentence that keeps its source’s wording is flagged with its line', () => {
		const report = measure(
			'---\ntitle: Test\n---\n\nIntro.\n\nLe diagnostic sert à identifier les besoins de l’association, quand elle ignore quels outils pourraient l’aider.\n'
		);
		const close = flagged(report.sentences);
		expect(close.map((sentence) => sentence.line)).toEqual([7]);
		expect(close[0]!.share).toBeGreaterThan(0.3);
	});

	test('the same facts in the course’s own words pass', () => {
		const report = measure(
			'Avant de proposer un outil, on cherche avec l’association ce dont elle a vraiment besoin, surtout quand elle hésite.\n'
		);
		expect(flagged(report.sentences)).toEqual([]);
		expect(report.runs).toEqual([]);
	});

	test('apostrophes, capitals and inclusive dots do not hide a copied run', () => {
		const report = measure(
			"Les participant·es à nos formations repartent équipé·es et confiant·es, dit l'article.\n"
		);
		expect(report.runs.map((run) => run.text)).toEqual([
			'les participantes à nos formations repartent équipées et confiantes'
		]);
	});

	test('a quotation or a title between guillemets and a proper name are not counted', () => {
		expect(
			measure(
				'Elle cite « le diagnostic sert à identifier les besoins de la structure » mot pour mot.\n'
			).runs
		).toEqual([]);
		expect(sentenceWords('Le Bêta et la Maison des Peuples')).toEqual([
			'le',
			'\u0000',
			'et',
			'la',
			'\u0000',
			'des',
			'\u0000'
		]);
	});

	test('link targets and heading ids are not prose', () => {
		const report = measure(
			'## Le diagnostic des pratiques numériques {#le-diagnostic}\n\nRelisez [la leçon sur les besoins de la structure](./02-suite.md#x).\n'
		);
		expect(report.sentences.map((sentence) => sentence.text)).toEqual([
			'Le diagnostic des pratiques numériques',
			'Relisez la leçon sur les besoins de la structure.'
		]);
	});

	test('a short sentence is not scored: one shared group would decide it', () => {
		expect(flagged(measure('Le diagnostic sert à identifier les besoins.\n').sentences)).toEqual(
			[]
		);
	});
});

describe('check-originality script', () => {
	test(
		'lists a close sentence as file:line and fails',
		() => {
			const sources = folders({ 'article.txt': SOURCE });
			const courses = folders({
				'demo/01-a/01-b.md':
					'---\ntitle: B\n---\n\nLe diagnostic sert à identifier les besoins de l’association, quand elle ignore quels outils pourraient l’aider.\n'
			});
			const result = runScript(sources, courses);
			expect(result.status).toBe(1);
			expect(result.stdout).toContain(`${path.join(courses, 'demo/01-a/01-b.md')}:5: `);
			expect(result.stdout).toContain('1 sentence(s) above 30 %');
		},
		SCRIPT_TIMEOUT
	);

	test(
		'passes a course written in its own words',
		() => {
			const sources = folders({ 'article.txt': SOURCE });
			const courses = folders({
				'demo/01-a/01-b.md': 'Avant tout outil, on écoute ce dont l’association a besoin.\n'
			});
			const result = runScript(sources, courses);
			expect(result.stdout).toContain('no shared run of 8 words');
			expect(result.status).toBe(0);
		},
		SCRIPT_TIMEOUT
	);
});

// The articles the shipped course draws on are not in the repository (their licences differ from
// the code's); this test runs where they are, given by ORIGINALITY_SOURCES or beside the checkout.
const seeds = process.env.ORIGINALITY_SOURCES ?? path.resolve('..', 'shared', 'seeds');
const haveSeeds = existsSync(seeds);
if (!haveSeeds)
	console.warn(
		`originality of the shipped course not checked: no sources at ${seeds} (set ORIGINALITY_SOURCES)`
	);

describe.skipIf(!haveSeeds)('the shipped course against its sources', () => {
	test(
		'has no copied run and no close paraphrase',
		() => {
			const result = runScript(seeds, 'courses');
			expect(result.stdout.split('\n').filter((line) => line.includes('.md:'))).toEqual([]);
			expect(result.status).toBe(0);
		},
		SCRIPT_TIMEOUT
	);
});
