// Suggested edits on the production build: a reader fixes a typo in a lesson right on the passage,
// an author retouches and accepts it, and the patch they download applies with `git am`.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser,
	type ReaderOptions
} from '../helpers/browser.ts';
import { createAccount, signIn, type Role } from '../helpers/people.ts';
import { git } from '../helpers/git.ts';

const { baseURL, newContext, visit } = useBrowser();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORY_TIMEOUT = 240_000;
const COURSE = 'emanciper-son-association';

/** Lessons of the second sequence, which the discussion tests leave alone: one per story. */
const lessons = (() => {
	const courseDir = path.join(ROOT, 'courses', COURSE);
	const folder = readdirSync(courseDir)
		.filter((name) => /^\d+-/.test(name))
		.sort()[1];
	const strip = (each: string) => each.replace(/^\d+-/, '').replace(/\.md$/, '');
	return readdirSync(path.join(courseDir, folder))
		.filter((each) => /^\d+-.*\.md$/.test(each))
		.sort()
		.map((name) => {
			const file = `courses/${COURSE}/${folder}/${name}`;
			const source = readFileSync(path.join(ROOT, file), 'utf8');
			return { file, source, url: `/${COURSE}/${strip(folder)}/${strip(name)}` };
		});
})();
const lesson = lessons[0];

async function personWith(role: Role, options: ReaderOptions = {}) {
	const username = createAccount(role);
	const context = await newContext(options);
	const page = await signIn(context, username);
	return { username, context, page };
}

/** A clone of the course's repository at the version the site was built from. */
function courseRepository({ file, source }: { file: string; source: string }) {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-course-'));
	git(dir, 'init', '-q', '-b', 'main');
	mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
	writeFileSync(path.join(dir, file), source);
	git(dir, 'add', '.');
	git(dir, '-c', 'user.name=Autrice', '-c', 'user.email=a@example.org', 'commit', '-qm', 'Cours');
	return dir;
}

describe('suggested edits', () => {
	describe.for([
		['JavaScript off', false, lessons[0]],
		['JavaScript on', true, lessons[1]]
	] as const)('with %s', ([, javaScript, lesson]) => {
		test(
			'a reader fixes a typo, the author retouches and accepts it, and the downloaded patch changes exactly that line with git am',
			{ timeout: STORY_TIMEOUT },
			async () => {
				const { source } = lesson;
				const reader = await personWith('learner', { javaScript });
				await visit(reader.page, lesson.url);
				const link = reader.page.locator('.prose a.edit-passage').first();
				expect(await link.textContent()).toContain('Proposer une modification');
				const href = (await link.getAttribute('href'))!;
				const [, from, to] = /lines=(\d+)-(\d+)/.exec(href)!.map(Number);
				const original = source
					.split('\n')
					.slice(from - 1, to)
					.join('\n');
				await link.click();
				await reader.page.waitForURL(/\/edit\?lines=/);

				// The passage's own Markdown, from the file, ready to change.
				const proposed = reader.page.getByLabel('Votre version (Markdown)');
				expect(await proposed.inputValue()).toBe(original);
				expect(await reader.page.locator('.where').textContent()).toContain(lesson.file);

				// Sending it unchanged is refused with a message; what was typed stays.
				await reader.page.getByLabel('Pourquoi ce changement ?').fill('Corrige une coquille');
				await reader.page.getByRole('button', { name: 'Envoyer la proposition' }).click();
				await reader.page.getByText('identique au passage actuel').waitFor();
				expect(await reader.page.getByLabel('Pourquoi ce changement ?').inputValue()).toBe(
					'Corrige une coquille'
				);

				const word = /\p{L}{6,}/u.exec(original)![0];
				const fixed = original.replace(word, `${word}e`);
				await reader.page.getByLabel('Votre version (Markdown)').fill(fixed);
				await reader.page.getByRole('button', { name: 'Aperçu' }).click();
				const preview = reader.page.getByRole('region', { name: 'Aperçu de votre version' });
				expect(await preview.textContent()).toContain(`${word}e`);
				expect(await reader.page.getByLabel('Votre version (Markdown)').inputValue()).toBe(fixed);

				await reader.page.getByRole('button', { name: 'Envoyer la proposition' }).click();
				await reader.page.waitForURL(/\/discussions\/\d+\?notice=created/);
				const threadUrl = new URL(reader.page.url()).pathname;
				const edit = reader.page.getByRole('region', { name: 'Modification proposée' });
				expect(await edit.locator('del').textContent()).toContain(word);
				expect(await edit.locator('ins').textContent()).toContain(`${word}e`);
				// Not by colour alone: the changes are named for screen readers.
				expect(await edit.locator('ins .visually-hidden').first().textContent()).toContain(
					'ajouté'
				);
				expect(await edit.textContent()).toContain(
					'S’applique à la leçon telle qu’elle est publiée.'
				);
				expect(await reader.page.locator('ol.posts').textContent()).toContain(
					'Corrige une coquille'
				);
				// Only the staff get the patch.
				const refused = await reader.context.request.get(`${baseURL}${threadUrl}/patch`);
				expect(refused.status()).toBe(403);

				const author = await personWith('author', { javaScript });
				await visit(author.page, threadUrl);
				const retouched = fixed.replace(`${word}e`, `${word}es`);
				await author.page.getByLabel('Retoucher le texte proposé').fill(retouched);
				await author.page.getByRole('button', { name: 'Enregistrer le texte' }).click();
				await author.page.getByText('Le texte proposé est enregistré.').waitFor();
				const staff = author.page.getByRole('region', { name: 'Suivi de la discussion' });
				await staff.getByLabel('Accepté', { exact: true }).check();
				await staff.getByRole('button', { name: 'Enregistrer le statut' }).click();
				await author.page.getByText('Le statut est enregistré.').waitFor();

				const download = await author.context.request.get(`${baseURL}${threadUrl}/patch`);
				expect(download.status()).toBe(200);
				expect(download.headers()['content-disposition']).toMatch(/attachment; filename="0001-/);
				const patch = await download.text();

				const repo = courseRepository(lesson);
				try {
					writeFileSync(path.join(repo, 'edit.patch'), patch);
					git(repo, 'apply', '--check', 'edit.patch');
					git(repo, 'am', '-q', 'edit.patch');
					const lines = readFileSync(path.join(repo, lesson.file), 'utf8').split('\n');
					const before = source.split('\n');
					expect(lines.slice(from - 1, to).join('\n')).toBe(retouched);
					expect([...lines.slice(0, from - 1), ...lines.slice(to)]).toEqual([
						...before.slice(0, from - 1),
						...before.slice(to)
					]);
					expect(git(repo, 'log', '-1', '--format=%an|%s').trim()).toBe(
						`${reader.username}|Corrige une coquille`
					);
					expect(git(repo, 'show', '--format=', '--numstat', 'HEAD').trim()).toBe(
						`${to - from + 1}\t${to - from + 1}\t${lesson.file}`
					);
				} finally {
					rmSync(repo, { recursive: true, force: true });
				}

				// All the accepted edits of the course, as one mailbox.
				const all = await author.context.request.get(
					`${baseURL}/${COURSE}/discussions/edits.patch`
				);
				expect(all.status()).toBe(200);
				expect(await all.text()).toContain(patch);
			}
		);
	});

	test('a passage that is not at these lines is refused with a message, not an error', async () => {
		const reader = await personWith('learner', { javaScript: false });
		const response = await visit(reader.page, `${lesson.url}/edit?lines=2-3`);
		expect(response.status()).toBe(400);
		await reader.page.getByText('Ce passage n’existe pas (ou plus) à ces lignes').waitFor();
		// Sent to lines that are no passage (as after a new build): refused, and the text typed stays.
		const stale = await reader.context.request.post(
			`${baseURL}${lesson.url}/edit?lines=2-3&/propose`,
			{
				form: { lines: '2-3', proposed: 'Mon texte à garder', body: 'Une raison' },
				headers: { origin: baseURL, accept: 'text/html' }
			}
		);
		expect(stale.status()).toBe(400);
		const html = await stale.text();
		expect(html).toContain('Mon texte à garder');
		expect(html).toContain('Ce passage n’existe plus à ces lignes de la leçon');
	});

	test('a learner who opens the course’s patches is told why, in the page’s language', async () => {
		const reader = await personWith('learner', { javaScript: false });
		const response = await visit(reader.page, `/${COURSE}/discussions/edits.patch`);
		expect(response.status()).toBe(403);
		await reader.page.getByText('Cette page est réservée à certains rôles').waitFor();
		expect(await reader.page.locator('body').innerText()).not.toMatch(/only/);
	});

	test(
		'the form and the review read well on a phone and pass axe',
		{ timeout: STORY_TIMEOUT },
		async () => {
			const reader = await personWith('learner', {
				...AXE_CONTEXT,
				viewport: { width: 360, height: 740 }
			});
			await visit(reader.page, lesson.url);
			const href = (await reader.page
				.locator('.prose a.edit-passage')
				.nth(1)
				.getAttribute('href'))!;
			await visit(reader.page, href);
			const wide = () => reader.page.evaluate(() => document.documentElement.scrollWidth);
			expect(await wide()).toBeLessThanOrEqual(360);
			expect(describeViolations(await findAccessibilityViolations(reader.page))).toEqual([]);
			const field = reader.page.getByLabel('Votre version (Markdown)');
			await field.fill(`${await field.inputValue()} Une phrase de plus.`);
			await reader.page.getByLabel('Pourquoi ce changement ?').fill('Précise le propos');
			await reader.page.getByRole('button', { name: 'Envoyer la proposition' }).click();
			await reader.page.waitForURL(/\/discussions\/\d+/);
			await reader.page.getByRole('region', { name: 'Modification proposée' }).waitFor();
			expect(await wide()).toBeLessThanOrEqual(360);
			expect(describeViolations(await findAccessibilityViolations(reader.page))).toEqual([]);
			await visit(reader.page, lesson.url);
			expect(await wide()).toBeLessThanOrEqual(360);
		}
	);
});
