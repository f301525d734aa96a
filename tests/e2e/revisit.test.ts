// Readers come back: a reload, back and forward, a bookmark opened in a new tab. The browser then
// answers from its cache or revalidates the page (a 304), and the page must look and work exactly
// as on the first visit, with JavaScript on and off.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';
import { createAccount, PASSWORD } from '../helpers/people.ts';

const { newContext, visit } = useBrowser();

/** The first lesson has a diagram: an image that must load on every visit. */
const LESSON = '/emanciper-son-association/evaluer-les-besoins/pourquoi-un-diagnostic';
const COURSE = '/emanciper-son-association';

/** Every page the context opens reports here what its Content Security Policy refused. */
function watchPolicyViolations(context: BrowserContext): string[] {
	const violations: string[] = [];
	const watch = (page: Page) =>
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
	context.pages().forEach(watch);
	context.on('page', watch);
	return violations;
}

/** What the reader sees: the site's styles applied to the page and its header, every image drawn. */
async function appearance(page: Page) {
	const styles = await page.evaluate(() => {
		const body = getComputedStyle(document.body);
		const header = getComputedStyle(document.querySelector('header')!);
		return {
			bodyMargin: body.margin,
			bodyBackground: body.backgroundColor,
			headerBorder: header.borderBottomWidth,
			headerBackground: header.backgroundColor
		};
	});
	const images = await page.locator('main img').evaluateAll((elements) =>
		elements.map((image) => ({
			src: (image as HTMLImageElement).getAttribute('src'),
			drawn: (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0
		}))
	);
	return { styles, images };
}

const STYLED = {
	bodyMargin: '0px',
	bodyBackground: 'rgb(253, 252, 249)',
	headerBorder: '1px',
	headerBackground: 'rgb(243, 244, 239)'
};

async function expectAsOnFirstVisit(page: Page, violations: string[]) {
	const { styles, images } = await appearance(page);
	expect(styles).toEqual(STYLED);
	expect(images.length).toBeGreaterThan(0);
	expect(images.filter((image) => !image.drawn)).toEqual([]);
	expect(violations).toEqual([]);
}

describe.each([
	['with JavaScript', true],
	['without JavaScript', false]
])('a reader coming back to a lesson, %s', (_, javaScript) => {
	test('sees it styled with its images after a reload, back and forward, and in a new tab', async () => {
		// Chromium evaluates in its own world even when the page may not run scripts.
		const context = await newContext({ javaScript });
		const violations = watchPolicyViolations(context);
		const page = await context.newPage();
		const wait = javaScript ? 'networkidle' : 'load';

		await visit(page, LESSON);
		await expectAsOnFirstVisit(page, violations);

		const reloaded = await page.reload({ waitUntil: wait });
		expect(reloaded?.status()).toBe(200);
		await expectAsOnFirstVisit(page, violations);

		await visit(page, COURSE);
		await page.goBack({ waitUntil: wait });
		await expect.poll(() => new URL(page.url()).pathname).toBe(LESSON);
		await expectAsOnFirstVisit(page, violations);
		await page.goForward({ waitUntil: wait });
		await expect.poll(() => new URL(page.url()).pathname).toBe(COURSE);
		await page.goBack({ waitUntil: wait });
		await expectAsOnFirstVisit(page, violations);

		// A bookmark opened later: a fresh tab of the same browser, its cache warm.
		const later = await context.newPage();
		await visit(later, LESSON);
		await expectAsOnFirstVisit(later, violations);
	});
});

describe.each([
	['with JavaScript', true],
	['without JavaScript', false]
])('a reader who signs in, then goes back, %s', (_, javaScript) => {
	test('sees the pages read before signing in as a signed-in reader, never as they were kept', async () => {
		const username = createAccount();
		const page = await (await newContext({ javaScript })).newPage();
		const wait = javaScript ? 'networkidle' : 'load';
		const header = page.locator('header').first();
		await visit(page, COURSE);
		expect(await header.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
		await visit(page, '/login');
		await page.getByLabel('Nom d’utilisateur·ice ou adresse e-mail').fill(username);
		await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await page.waitForURL((url) => url.pathname !== '/login');
		await visit(page, '/dashboard');

		// Back to the course page, kept by the browser from before the sign-in.
		while (new URL(page.url()).pathname !== COURSE) await page.goBack({ waitUntil: wait });
		await header.getByRole('link', { name: 'Mon compte' }).waitFor();
		expect(await header.getByRole('link', { name: 'Se connecter' }).count()).toBe(0);
		while (new URL(page.url()).pathname !== '/dashboard') await page.goForward({ waitUntil: wait });
		await header.getByRole('link', { name: 'Mon compte' }).waitFor();
	});
});
