// Searching: from the box in every page's header to the passage of a lesson, with JavaScript on
// and off; what a search shows and refuses.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser
} from '../helpers/browser.ts';
import { createAccount, signIn } from '../helpers/people.ts';

const { baseURL, newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const lessons = index.courses.flatMap((course) =>
	course.sequences.flatMap((sequence) => sequence.lessons)
);
/** The lesson about migrating data, emails among them. */
const migrating = lessons.find((lesson) => /^Migrer/.test(lesson.title))!;

const READER_MODES = [
	['JavaScript on', true],
	['JavaScript off', false]
] as const;

describe.for(READER_MODES)('a learner with %s', ([, javaScript]) => {
	test('finds the lesson about migrating emails by typing « migrer courriel » in the header box', async () => {
		const page = await newPage({ javaScript });
		await visit(page, '/');
		const box = page
			.getByRole('search', { name: 'Recherche', exact: true })
			.getByRole('searchbox', { name: 'Rechercher dans les cours' });
		await box.fill('migrer courriel');
		await box.press('Enter');
		await page.waitForURL(/\/search\?q=migrer\+courriel$/);

		await page
			.getByRole('heading', { level: 1, name: 'Résultats pour « migrer courriel »' })
			.waitFor();
		expect(await page.getByRole('status').textContent()).toMatch(/^\d+ résultats? \(/);
		const lessonResults = page.getByRole('list').filter({
			has: page.getByRole('link', { name: migrating.title, exact: true })
		});
		const first = lessonResults.getByRole('listitem').first();
		// Course › sequence › lesson, and the words found marked in the passage.
		expect(await first.getByRole('link').allTextContents()).toEqual(
			expect.arrayContaining([index.courses[0].title, migrating.title])
		);
		const marked = (await first.locator('mark').allTextContents()).map((word) =>
			word.toLowerCase()
		);
		expect(marked).toEqual(expect.arrayContaining([expect.stringMatching(/^courriels?$/)]));
		// The box keeps the words searched for.
		expect(await box.inputValue()).toBe('migrer courriel');

		const section = first.getByRole('heading', { level: 3 }).getByRole('link');
		const heading = (await section.textContent())!.trim();
		await section.click();
		await page.waitForURL((url) => url.pathname === migrating.url && url.hash.length > 1);
		await page.getByRole('heading', { level: 1, name: migrating.title }).waitFor();
		const target = page.locator(':target');
		expect((await target.textContent())?.trim()).toBe(heading);
		expect(await target.evaluate((element) => element.tagName)).toMatch(/^H[23]$/);
		// The section the learner lands on stands out.
		expect(await target.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(
			'rgba(0, 0, 0, 0)'
		);
		expect(await target.isVisible()).toBe(true);
	});

	test('a typo gets a « did you mean » that leads to results', async () => {
		const page = await newPage({ javaScript });
		await visit(page, '/search?q=asociation');
		expect(await page.getByRole('status').textContent()).toBe('Aucun résultat');
		await page.getByRole('link', { name: '« association »' }).click();
		await page.waitForURL(/\/search\?q=association$/);
		await page.getByRole('heading', { level: 1, name: 'Résultats pour « association »' }).waitFor();
		expect(await page.getByRole('status').textContent()).toMatch(/^\d+ résultats/);
	});
});

test('filters and pages narrow the results, and the page passes axe', async () => {
	const page = await newPage(AXE_CONTEXT);
	await visit(page, '/search?q=association');
	const form = page.getByRole('search', { name: 'Affiner la recherche' });
	await form.getByLabel('Type').selectOption({ label: 'Leçons' });
	await form.getByRole('button', { name: 'Rechercher' }).click();
	await page.waitForURL(/kind=lessons/);
	await page.getByRole('heading', { level: 2, name: 'Dans les leçons' }).waitFor();
	expect(await page.getByRole('heading', { level: 2, name: 'Dans les discussions' }).count()).toBe(
		0
	);
	const pages = page.getByRole('navigation', { name: 'Pages de résultats' });
	expect(await pages.getByText(/^Page 1 sur \d+$/).isVisible()).toBe(true);
	await pages.getByRole('link', { name: 'Résultats suivants' }).click();
	await page.waitForURL(/page=2/);
	await pages.getByText(/^Page 2 sur \d+$/).waitFor();
	expect(describeViolations(await findAccessibilityViolations(page))).toEqual([]);
});

test('the header box fits a 360 px phone, as do the results', async () => {
	const page = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
	for (const url of ['/', '/search?q=h%C3%A9bergeur%20associatif']) {
		await visit(page, url);
		const box = page
			.getByRole('search', { name: 'Recherche', exact: true })
			.getByRole('searchbox', { name: 'Rechercher dans les cours' });
		expect(await box.isVisible()).toBe(true);
		const { x, width: boxWidth } = (await box.boundingBox())!;
		expect(x + boxWidth).toBeLessThanOrEqual(360);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, url).toBeLessThanOrEqual(360);
	}
});

test('a question is found as soon as it is posted, and no longer once a moderator hides it', async () => {
	const word = `zorglub${randomBytes(3).toString('hex')}`;
	const learner = await signIn(await newContext(), createAccount('learner'));
	await visit(
		learner,
		`/${migrating.key.split('/')[0]}/discussions/new?lesson=${encodeURIComponent(migrating.key)}`
	);
	const form = learner.getByRole('form', { name: 'Ouvrir une discussion' });
	await form.getByLabel('Question', { exact: true }).check();
	await form.getByLabel('Titre').fill('Transférer les courriels');
	await form.getByLabel('Message').fill(`Comment migrer les courriels de ${word} ?`);
	await form.getByRole('button', { name: 'Publier' }).click();
	await learner.waitForURL(/\/discussions\/\d+/);
	const threadPath = new URL(learner.url()).pathname;

	const reader = await newPage({ javaScript: false });
	await visit(reader, `/search?q=${word}`);
	expect(await reader.getByRole('status').textContent()).toBe(
		'1 résultat (0 dans les leçons, 1 dans les discussions)'
	);
	await reader.getByRole('heading', { level: 2, name: 'Dans les discussions' }).waitFor();
	const found = reader.getByRole('link', { name: 'Transférer les courriels' });
	expect(await found.getAttribute('href')).toMatch(new RegExp(`^${threadPath}#post-\\d+$`));
	expect(await reader.locator('mark').allTextContents()).toEqual([word]);

	const moderator = await signIn(await newContext(), createAccount('moderator'));
	await visit(moderator, threadPath);
	const post = moderator.locator('ol.posts > li', { hasText: word });
	await post.getByText('Modération', { exact: true }).click();
	await post.getByRole('button', { name: 'Masquer le message' }).click();
	await moderator.getByText('Le message est masqué.').waitFor();

	await visit(reader, `/search?q=${word}`);
	expect(await reader.getByRole('status').textContent()).toBe('Aucun résultat');
	expect(await reader.getByRole('link', { name: 'Transférer les courriels' }).count()).toBe(0);
});

describe('what the search refuses, in the page’s language, keeping what was typed', () => {
	const get = (query: string, headers: Record<string, string> = {}) =>
		fetch(`${baseURL}/search?${query}`, { headers: { 'accept-language': 'fr', ...headers } });

	test.each([
		['invalid UTF-8', 'q=%C3%28', 'caractères illisibles'],
		['a lone star', 'q=*', 'aucun mot'],
		['one word of 50 letters', `q=${'anticonstitutionnellement'.repeat(2)}`, 'plus de 40 lettres'],
		['10 KB of text', `q=${'courriel '.repeat(1200)}`, 'trop longue'],
		['an unknown kind', 'q=courriel&kind=tout', 'type de résultat'],
		['an unknown course', 'q=courriel&course=inconnu', 'Ce cours n’existe pas'],
		['a page out of range', 'q=courriel&page=100000', 'Cette page de résultats']
	])('%s: a 400 with a message', async (_, query, message) => {
		const response = await get(query);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain(message);
		expect(html).toContain('name="q"');
	});

	test('what was typed stays in the box', async () => {
		const page = await newPage({ javaScript: false });
		const response = await visit(page, `/search?q=${encodeURIComponent('"migrer **')}`);
		expect(response.status()).toBe(200);
		const long = 'courriel '.repeat(30);
		const refused = await visit(page, `/search?q=${encodeURIComponent(long)}`);
		expect(refused.status()).toBe(400);
		expect(await page.getByRole('alert').textContent()).toContain('200 caractères au plus');
		expect(
			await page
				.getByRole('search', { name: 'Affiner la recherche' })
				.getByRole('searchbox', { name: 'Mots à chercher' })
				.inputValue()
		).toBe(long);

		// The course chosen stays chosen, and the list to choose from is there; an unknown one
		// (the refusal itself) is not kept.
		const form = page.getByRole('search', { name: 'Affiner la recherche' });
		for (const [course, kept] of [
			['emanciper-son-association', 'emanciper-son-association'],
			['inconnu', '']
		]) {
			const again = await visit(page, `/search?q=*&course=${course}`);
			expect(again.status()).toBe(400);
			expect(await form.locator('select[name=course]').inputValue()).toBe(kept);
			expect(await form.locator('select[name=course] option').count()).toBe(2);
		}
	});

	test('results are never kept by a cache', async () => {
		const response = await get('q=courriel');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
	});

	// Last in the file: it uses up this address's searches for the minute.
	test('too many searches from one address get a 429 that says when to try again', async () => {
		let response = await get('q=courriel');
		for (let i = 0; i < 80 && response.status !== 429; i++) response = await get('q=courriel');
		expect(response.status).toBe(429);
		expect(await response.text()).toContain('Trop de recherches en peu de temps');
		const english = await get('q=courriel', { 'accept-language': 'en' });
		expect(english.status).toBe(429);
		expect(await english.text()).toContain('Too many searches in a short time');
	});
});
