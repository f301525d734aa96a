// One language per visit: the header does not switch language from one page to the next, and a
// reader who picks a language keeps it, without any cookie.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { useBrowser } from '../helpers/browser.ts';
import { queryServerDatabase } from '../helpers/file-server.ts';
import { createAccount, signIn } from '../helpers/people.ts';

const { newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const lesson = course.sequences[0].lessons[1];

const header = (page: Page) =>
	page.getByRole('navigation', { name: /Navigation principale|Main navigation/ });
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

for (const javaScript of [true, false]) {
	describe(`with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		test('a reader whose browser prefers English, arriving on a French lesson, reads the whole visit in French', async () => {
			const page = await newPage({ javaScript, locale: 'en-US' });
			await visit(page, lesson.url);
			expect(await htmlLang(page)).toBe('fr');

			await header(page).getByRole('link', { name: 'Se connecter' }).click();
			await page.waitForURL((url) => url.pathname === '/login');
			await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
			expect(await htmlLang(page)).toBe('fr');

			await header(page).getByRole('link', { name: 'Cours', exact: true }).click();
			await page.waitForURL((url) => url.pathname === '/');
			await page.getByRole('heading', { name: 'Cours', exact: true }).waitFor();
			expect(await header(page).getByRole('link', { name: 'Créer un compte' }).count()).toBe(1);

			await page.getByRole('link', { name: course.title }).click();
			await page.waitForURL((url) => url.pathname === course.url);
			expect(await header(page).getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
			expect(await page.context().cookies()).toEqual([]);
		});

		test('a reader who picks English in the footer keeps it from page to page, with no cookie', async () => {
			const page = await newPage({ javaScript, locale: 'fr-FR' });
			await visit(page, '/');
			await page.getByLabel('Langue de l’interface').selectOption('en');
			await page.getByRole('button', { name: 'Changer' }).click();
			await page.getByRole('heading', { name: 'Courses', exact: true }).waitFor();
			expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
			expect(await htmlLang(page)).toBe('en');

			await page.getByRole('link', { name: course.title }).click();
			await page.waitForURL((url) => url.pathname === course.url);
			expect(await header(page).getByRole('link', { name: 'Sign in' }).count()).toBe(1);
			await page.getByRole('link', { name: course.sequences[0].lessons[0].title }).first().click();
			await page.waitForURL((url) => url.pathname === course.sequences[0].lessons[0].url);
			expect(await header(page).getByRole('link', { name: 'Sign in' }).count()).toBe(1);
			await page
				.getByRole('navigation', { name: 'Previous and next lesson' })
				.getByRole('link', { name: /^Next/ })
				.click();
			await page.waitForURL((url) => url.pathname === course.sequences[0].lessons[1].url);
			expect(await header(page).getByRole('link', { name: 'Sign in' }).count()).toBe(1);

			await header(page).getByRole('link', { name: 'Sign in' }).click();
			await page.getByRole('heading', { name: 'Sign in' }).waitFor();
			expect(await page.context().cookies()).toEqual([]);
		});

		test('an anonymous reader who chose English gets the quiz result, and its links, in English', async () => {
			const quiz = course.sequences[0].quiz!;
			const page = await newPage({ javaScript, locale: 'fr-FR' });
			await visit(page, `${quiz.url}?lang=en`);
			await page.getByRole('group').first().getByRole('radio').first().check();
			await page.getByRole('button', { name: 'Check my answers' }).click();
			await page.getByRole('button', { name: 'Submit anyway' }).click();
			await page.waitForURL((url) => url.pathname === `${quiz.url}/result`);
			expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
			await page.getByRole('heading', { name: 'Your result' }).waitFor();
			expect(await htmlLang(page)).toBe('en');
			const retry = page.getByRole('link', { name: 'Try again' });
			// The retry names the order just answered, so that it comes in another one.
			const seed = new URL(page.url()).searchParams.get('seed');
			expect(await retry.getAttribute('href')).toBe(`${quiz.url}?after=${seed}&lang=en`);
			expect(await page.context().cookies()).toEqual([]);
		});
	});
}

test('a signed-in learner’s language is kept by their account, on every device and every course', async () => {
	const username = createAccount('learner', 'polyglot');
	const page = await signIn(await newContext({ javaScript: false }), username);
	await visit(page, lesson.url);
	await page.getByLabel('Langue de l’interface').selectOption('en');
	await page.getByRole('button', { name: 'Changer' }).click();
	await page.waitForURL((url) => url.pathname === lesson.url && !url.search);
	expect(await header(page).getByRole('button', { name: 'Sign out' }).count()).toBe(1);
	expect(queryServerDatabase('SELECT language FROM users WHERE username = ?', username)).toEqual([
		{ language: 'en' }
	]);

	const other = await signIn(await newContext({ locale: 'fr-FR' }), username);
	await visit(other, course.url);
	expect(await htmlLang(other)).toBe('en');
	expect(
		await header(other)
			.getByRole('link', { name: /^My account/ })
			.count()
	).toBe(1);
});

test('every link of an English visit to a French course, a lesson, its discussions and a thread keeps English', async () => {
	// A thread under the lesson, so that the lesson and the course's list link to it.
	const author = await signIn(
		await newContext({ javaScript: false }),
		createAccount('learner', 'en-links')
	);
	await visit(author, `/${course.slug}/discussions/new?lesson=${encodeURIComponent(lesson.key)}`);
	const form = author.getByRole('form', { name: 'Ouvrir une discussion' });
	await form.getByLabel('Question', { exact: true }).check();
	await form.getByLabel('Titre').fill('Une question pour suivre les liens en anglais');
	await form
		.getByLabel('Message')
		.fill('Les liens de cette discussion gardent-ils la langue choisie ?');
	await form.getByRole('button', { name: 'Publier' }).click();
	await author.waitForURL(/\/discussions\/\d+/);
	const thread = new URL(author.url()).pathname;

	const page = await newPage({ javaScript: false, locale: 'fr-FR' });
	for (const url of [course.url, lesson.url, `/${course.slug}/discussions`, thread]) {
		await visit(page, `${url}?lang=en`);
		const links = await page
			.locator('a[href^="/"], a[href^="?"]')
			.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')!));
		// Files (images, the feed, exports) have no language.
		const pages = links.filter(
			(href) => !/^\/(_app|images)\/|\.(xml|png|jpe?g|svg|webp)\b|\/export\b/.test(href)
		);
		expect(pages.length, url).toBeGreaterThan(5);
		expect(
			pages.filter((href) => !/[?&]lang=en\b/.test(href)),
			url
		).toEqual([]);
	}
	// The course's page leads to its discussions.
	await visit(page, `${course.url}?lang=en`);
	await page.getByRole('link', { name: 'All discussions of the course' }).click();
	await page.waitForURL((url) => url.pathname === `/${course.slug}/discussions`);
	expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
});

test('in English, the French course’s own words are marked French, for screen readers to say them so', async () => {
	const page = await newPage({ javaScript: false });
	/** The language an element's text is read in: its nearest `lang`. */
	const readIn = (selector: string) =>
		page
			.locator(selector)
			.first()
			.evaluate((element) => element.closest('[lang]')?.getAttribute('lang'));
	const sequence = course.sequences[0];

	await visit(page, `${course.url}?lang=en`);
	expect(await htmlLang(page)).toBe('en');
	expect(await readIn('header .lead')).toBe('fr');
	expect(await readIn('ol.sequences h3 a span:not(.number)')).toBe('fr');
	expect(await readIn('ol.sequences ol.lessons a')).toBe('fr');
	expect(await readIn('#page-sequences')).toBe('en');

	await visit(page, `${sequence.url}?lang=en`);
	expect(await readIn('.objectives li')).toBe('fr');
	expect(await readIn('.objectives h2')).toBe('en');
	expect(await readIn('nav.breadcrumb li[aria-current]')).toBe('fr');

	await visit(page, `${lesson.url}?lang=en`);
	expect(await readIn('.toc-list a')).toBe('fr');
	expect(await readIn('nav.pagination.bottom a span[lang]')).toBe('fr');
	expect(await readIn('nav.breadcrumb li:nth-child(2) a')).toBe('fr');
	expect(await readIn('nav.breadcrumb li:first-child a')).toBe('en');

	await visit(page, `${course.url}/glossary?lang=en`);
	expect(await readIn('h1')).toBe('fr');
	expect(await readIn('dl dt')).toBe('fr');
	expect(await readIn('.lead')).toBe('en');
});
