// `npm run suggestions -- export`: an author takes a course's accepted edits to its repository.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { proposeEdit } from '../../src/lib/server/edits/index.ts';
import { setThreadStatus } from '../../src/lib/server/forum/threads.ts';
import { createUser, markEmailVerified } from '../../src/lib/server/user.ts';
import { git } from '../helpers/git.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const FILE = 'courses/demo/01-premiers-pas/01-bienvenue.md';
const SOURCE = `---
title: Bienvenue
---

Une premiere phrase.

## Un titre sans faute

La fin, avec une faute a corriger.
`;

let dir: string;
let repo: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-suggestions-'));
	repo = path.join(dir, 'course');
	mkdirSync(path.join(repo, path.dirname(FILE)), { recursive: true });
	writeFileSync(path.join(repo, FILE), SOURCE);
	git(repo, 'init', '-q', '-b', 'main');
	git(repo, 'add', '.');
	git(repo, 'commit', '-qm', 'Cours');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Two readers' edits of the same lesson, accepted by its author, in the site's database. */
async function acceptTwoEdits() {
	const { db, close } = await openDatabase(path.join(dir, 'parcours.db'));
	try {
		const lesson = {
			key: 'demo/premiers-pas/bienvenue',
			title: 'Bienvenue',
			file: FILE,
			source: SOURCE,
			contentVersion: 'v1'
		};
		const author = await createUser(db, {
			username: 'autrice',
			email: 'a@example.org',
			passwordHash: 'x',
			role: 'author',
			now: 0
		});
		await markEmailVerified(db, author.id, author.email, 0);
		for (const [username, lines, proposed, body] of [
			['lea', '5', 'Une première phrase.', 'Accent de première'],
			[
				'sam',
				'9',
				'La fin, avec une faute à corriger.\nEt une ligne de plus.',
				'Accent de à\n\nPlus une précision.'
			]
		]) {
			const reader = await createUser(db, {
				username,
				email: `${username}@example.org`,
				passwordHash: 'x',
				now: 0
			});
			await markEmailVerified(db, reader.id, reader.email, 0);
			const result = await proposeEdit(db, reader.id, lesson, {
				lines,
				proposed,
				body,
				signed: true,
				title: `Édition ${lines}`
			});
			if (!result.ok) throw new Error(result.error);
			const accepted = await setThreadStatus(db, author.id, result.threadId, {
				status: 'accepted',
				note: ''
			});
			if (!accepted.ok) throw new Error(accepted.error);
		}
	} finally {
		await close();
	}
}

/** Runs scripts/suggestions.ts as `npm run suggestions -- …` does, in the course repository. */
function suggestions(...args: string[]) {
	return spawnSync(
		process.execPath,
		['--import', TSX, path.join(ROOT, 'scripts/suggestions.ts'), ...args],
		{
			cwd: repo,
			env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
			encoding: 'utf8',
			timeout: 60_000
		}
	);
}

describe('npm run suggestions -- export', () => {
	test('writes the accepted edits as patches that git am applies in order on the course repository', async () => {
		await acceptTwoEdits();
		const out = path.join(dir, 'patches');
		const run = suggestions('export', 'demo', out);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('2 patches written');
		const names = readdirSync(out).sort();
		expect(names).toEqual(['0001-accent-de-premiere.patch', '0002-accent-de-a.patch']);

		git(repo, 'am', '-q', ...names.map((name) => path.join(out, name)));
		expect(readFileSync(path.join(repo, FILE), 'utf8')).toBe(
			SOURCE.replace('Une premiere phrase.', 'Une première phrase.').replace(
				'La fin, avec une faute a corriger.',
				'La fin, avec une faute à corriger.\nEt une ligne de plus.'
			)
		);
		expect(git(repo, 'log', '--format=%an|%s|%b', '-2').trim().split('\n').filter(Boolean)).toEqual(
			['sam|Accent de à|Plus une précision.', 'lea|Accent de première|']
		);
	});

	test('after the lesson changed: an edit whose passage is gone is left out as outdated, the other is carried over and applies', async () => {
		await acceptTwoEdits();
		// Meanwhile the author rewrote the first sentence, added a paragraph at the top, and
		// changed the start of the last one, away from the words the second edit changes.
		const changed = SOURCE.replace('Une premiere phrase.', 'Un tout autre début, réécrit.')
			.replace('---\n\n', '---\n\nUne introduction ajoutée.\n\n')
			.replace('La fin, avec une faute a corriger.', 'Et la fin, avec une faute a corriger.');
		writeFileSync(path.join(repo, FILE), changed);
		git(repo, 'commit', '-qam', 'Réécriture');

		const out = path.join(dir, 'patches');
		const run = suggestions('export', 'demo', out);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^outdated\tsuggestion \d+$/m);
		expect(run.stdout).toContain('1 patch written');
		const names = readdirSync(out);
		expect(names).toEqual(['0001-accent-de-a.patch']);
		git(repo, 'apply', '--check', path.join(out, names[0]));
		git(repo, 'am', '-q', path.join(out, names[0]));
		expect(readFileSync(path.join(repo, FILE), 'utf8')).toBe(
			changed.replace(
				'Et la fin, avec une faute a corriger.',
				'Et la fin, avec une faute à corriger.\nEt une ligne de plus.'
			)
		);
	});

	test('without a course and a folder it shows how to use it', () => {
		const run = suggestions();
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('export <course> <dir>');
	});
});
