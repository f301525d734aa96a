import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
	formatPatch,
	gitBlobId,
	mergeWords,
	place,
	replaceLines,
	wordDiff
} from '../../src/lib/server/edits/patch.ts';
import { git } from '../helpers/git.ts';

const FILE = 'courses/demo/01-debut/01-bienvenue.md';
const LESSON = `---
title: Bienvenue
---

Une premiere phrase avec une faute.

## Suite

Un autre paragraphe, qui ne change pas.
`;

const repos: string[] = [];
afterEach(() => repos.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A course repository holding the lesson, as its author has it. */
function repository(source: string) {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-patch-'));
	repos.push(dir);
	git(dir, 'init', '-q', '-b', 'main');
	mkdirSync(path.join(dir, path.dirname(FILE)), { recursive: true });
	writeFileSync(path.join(dir, FILE), source);
	git(dir, 'add', '.');
	git(
		dir,
		'-c',
		'user.name=Autrice',
		'-c',
		'user.email=autrice@example.org',
		'commit',
		'-qm',
		'Cours'
	);
	return dir;
}

describe('the diff an author reviews', () => {
	test('marks the words removed and added, and keeps the rest', () => {
		expect(wordDiff('une premiere phrase', 'une première phrase')).toEqual([
			{ kind: 'same', text: 'une ' },
			{ kind: 'del', text: 'premiere' },
			{ kind: 'ins', text: 'première' },
			{ kind: 'same', text: ' phrase' }
		]);
	});
});

describe('a proposal carried over to the lesson as it is now', () => {
	const proposal = {
		from: 5,
		to: 5,
		original: 'Une premiere phrase avec une faute.',
		proposed: 'Une première phrase sans faute.'
	};

	test('stays where it was when the passage is unchanged', () => {
		expect(place(proposal, LESSON)).toEqual({
			state: 'current',
			from: 5,
			to: 5,
			proposed: proposal.proposed
		});
	});

	test('follows the passage when lines were added above it', () => {
		const moved = LESSON.replace('---\n\n', '---\n\nUne introduction.\n\n');
		expect(place(proposal, moved)).toMatchObject({ state: 'rebased', from: 7, to: 7 });
	});

	test('keeps the author’s other changes to the passage when they do not touch the same words', () => {
		const long = {
			from: 5,
			to: 5,
			original: 'Une premiere phrase, puis une seconde qui reste telle quelle jusqu’au bout.',
			proposed: 'Une première phrase, puis une seconde qui reste telle quelle jusqu’au bout.'
		};
		const changed = LESSON.replace(
			proposal.original,
			'Une premiere phrase, puis une seconde qui reste telle quelle jusqu’à la fin.'
		);
		expect(place(long, changed)).toEqual({
			state: 'rebased',
			from: 5,
			to: 5,
			proposed: 'Une première phrase, puis une seconde qui reste telle quelle jusqu’à la fin.'
		});
		expect(mergeWords('a b c d e f', 'a B c d e f', 'a b c d e F')).toBe('a B c d e F');
		expect(mergeWords('a b c d e f', 'a B c d e f', 'a x c d e f')).toBeNull();
	});

	test('is outdated when the passage is gone, and applied when the proposed text is there', () => {
		expect(
			place(
				proposal,
				LESSON.replace(
					proposal.original,
					'Tout autre chose, réécrite de fond en comble par l’autrice.'
				)
			)
		).toEqual({ state: 'outdated' });
		expect(place(proposal, LESSON.replace(proposal.original, proposal.proposed))).toEqual({
			state: 'applied'
		});
	});
});

describe('the patch of an accepted edit', () => {
	test('applies with git am on the course repository and changes exactly that line', () => {
		const dir = repository(LESSON);
		const after = replaceLines(LESSON, 5, 5, 'Une première phrase sans faute.');
		const mail = formatPatch({
			file: FILE,
			before: LESSON,
			after,
			author: { name: 'Élodie Lecteur', email: 'elodie@users.noreply.invalid' },
			date: new Date('2026-12-03T08:00:00Z'),
			message: 'Corrige l’accent de « première »\n\nEt la fin de la phrase.'
		});
		expect(mail).toContain(`index ${gitBlobId(LESSON).slice(0, 12)}..`);
		writeFileSync(path.join(dir, 'edit.patch'), mail);
		git(dir, 'apply', '--check', 'edit.patch');
		git(dir, 'am', '-q', 'edit.patch');
		expect(readFileSync(path.join(dir, FILE), 'utf8')).toBe(after);
		expect(git(dir, 'log', '-1', '--format=%an|%ae|%s|%b').trim()).toBe(
			'Élodie Lecteur|elodie@users.noreply.invalid|Corrige l’accent de « première »|Et la fin de la phrase.'
		);
		const changed = git(dir, 'show', '--format=', '--numstat', 'HEAD').trim();
		expect(changed).toBe(`1\t1\t${FILE}`);
	});
});
