// Phones: at 360 px every kind of page fits the screen (the team's tables too) and starts without
// an error in its script (useBrowser fails a test on one), a lesson's contents fold under its
// title, wide tables scroll in their own box and figures open full size.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { describeViolations, findAccessibilityViolations, useBrowser } from '../helpers/browser.ts';
import { createAccount, signIn } from '../helpers/people.ts';

const { newContext, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const sequence = course.sequences[3];
/** A lesson with both a wide table and a figure. */
const lesson = sequence.lessons.find(
	(candidate) => candidate.slug === 'interconnexion-et-calendrier'
)!;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** The elements that reach past the right edge of the screen, to name them when the test fails. */
async function overflowing(page: Page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		return {
			width,
			scrollWidth: document.documentElement.scrollWidth,
			culprits: [...document.querySelectorAll('body *')]
				.filter((element) => element.getBoundingClientRect().right > width + 0.5)
				.filter((element) => !element.closest('.table-scroll, .visually-hidden'))
				.slice(0, 5)
				.map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
		};
	});
}

let threadUrl = '';
let username = '';
let admin = '';

beforeAll(async () => {
	username = createAccount('learner', 'phone');
	const page = await signIn(await newContext(), username);
	await visit(page, `/${course.slug}/discussions/new?lesson=${encodeURIComponent(lesson.key)}`);
	const form = page.getByRole('form', { name: 'Ouvrir une discussion' });
	await form.getByLabel('Question', { exact: true }).check();
	await form
		.getByLabel('Titre')
		.fill('Une question assez longue pour voir comment le titre passe à la ligne sur un téléphone');
	await form
		.getByLabel('Message')
		.fill('Une adresse sans espace : https://exemple.org/un/chemin/tres/long/qui/ne/se/coupe/pas');
	await form.getByRole('button', { name: 'Publier' }).click();
	await page.waitForURL(/\/discussions\/\d+/);
	threadUrl = new URL(page.url()).pathname;
	// An attempt at the quiz and a decision of the course's team, for its statistics and its log.
	await visit(page, sequence.quiz!.url);
	const names = new Set<string>();
	for (const option of await page.locator('input[type=radio], input[type=checkbox]').all()) {
		const name = (await option.getAttribute('name'))!;
		if (!names.has(name)) await option.check();
		names.add(name);
	}
	await page.getByRole('button', { name: 'Valider mes réponses' }).click();
	await page.waitForURL(/\/quiz\/attempts\/\d+/);
	admin = createAccount('admin', 'phone-admin');
	const team = await signIn(await newContext(), admin);
	await visit(team, threadUrl);
	await team.getByRole('button', { name: 'Verrouiller la discussion' }).click();
	await team.getByRole('button', { name: 'Déverrouiller la discussion' }).waitFor();
}, 60_000);

describe('at 360 px', () => {
	test('no page is wider than the screen', { timeout: 120_000 }, async () => {
		const anonymous = await (await newContext(PHONE)).newPage();
		const learner = await signIn(await newContext(PHONE), username);
		const team = await signIn(await newContext(PHONE), admin);
		const pages: [Page, string][] = [
			[anonymous, '/'],
			[anonymous, course.url],
			[anonymous, sequence.url],
			[anonymous, lesson.url],
			[anonymous, sequence.quiz!.url],
			[anonymous, `/${course.slug}/discussions`],
			[anonymous, threadUrl],
			[anonymous, '/login'],
			[anonymous, '/register'],
			[anonymous, '/une-page-qui-n-existe-pas'],
			[anonymous, '/search?q=h%C3%A9bergeur'],
			[learner, '/account'],
			[learner, '/dashboard'],
			[learner, '/notifications'],
			[learner, '/certificates'],
			[learner, lesson.url],
			[learner, `/${course.slug}/discussions`],
			// Without a lesson, the form asks for one in a list whose titles are long.
			[learner, `/${course.slug}/discussions/new`],
			[learner, threadUrl],
			[team, `/${course.slug}/discussions`],
			[team, '/moderation'],
			[team, '/moderation/log'],
			[team, `${sequence.quiz!.url}/stats`]
		];
		const tooWide: string[] = [];
		for (const [page, url] of pages) {
			await visit(page, url);
			const { width, scrollWidth, culprits } = await overflowing(page);
			if (scrollWidth > width) tooWide.push(`${url}: ${scrollWidth} px (${culprits.join(', ')})`);
		}
		expect(tooWide).toEqual([]);
		// The team's wide tables were measured with rows in them, each in its scrolling box.
		for (const url of ['/moderation/log', `${sequence.quiz!.url}/stats`]) {
			await visit(team, url);
			expect(
				await team.locator('.table-scroll[role=region] table tbody tr').count(),
				url
			).toBeGreaterThan(0);
		}
	});

	test('a lesson shows its contents folded under the title, and a short breadcrumb', async () => {
		const page = await (await newContext(PHONE)).newPage();
		await visit(page, lesson.url);
		const contents = page.locator('details', { has: page.getByText('Sommaire') });
		expect(await contents.isVisible()).toBe(true);
		expect(await contents.getAttribute('open')).toBeNull();
		const [title, folded] = await Promise.all([
			page.locator('h1').boundingBox(),
			contents.boundingBox()
		]);
		expect(folded!.y).toBeGreaterThan(title!.y);
		await contents.getByText('Sommaire').click();
		expect(await contents.getByRole('link').first().isVisible()).toBe(true);

		const breadcrumb = page.getByRole('navigation', { name: 'Fil d’Ariane' });
		const visibleLinks = await breadcrumb
			.getByRole('link')
			.evaluateAll(
				(links) => links.filter((link) => (link as HTMLElement).offsetParent !== null).length
			);
		expect(visibleLinks).toBe(1);
		expect(await breadcrumb.getByRole('link', { name: sequence.title }).isVisible()).toBe(true);
		const box = await breadcrumb.boundingBox();
		expect(box!.height).toBeLessThan(40);
	});

	test('a wide table scrolls in its own box, and a figure links to its image', async () => {
		const page = await (await newContext(PHONE)).newPage();
		await visit(page, lesson.url);
		const box = page
			.getByRole('region')
			.filter({ has: page.locator('table') })
			.first();
		const sizes = await box.evaluate((element) => ({
			client: element.clientWidth,
			scroll: element.scrollWidth,
			overflow: getComputedStyle(element).overflowX
		}));
		expect(sizes.overflow).toBe('auto');
		expect(sizes.scroll).toBeGreaterThan(sizes.client);
		expect(await box.evaluate((element) => getComputedStyle(element).backgroundImage)).toContain(
			'gradient'
		);

		const link = page.locator('.prose a:has(> img)').first();
		const figure = link.locator('img');
		const href = await link.getAttribute('href');
		expect(href).toBe(await figure.getAttribute('src'));
		const image = await page.request.get(href!);
		expect(image.status()).toBe(200);
		expect(image.headers()['content-type']).toContain('image/');
	});
});
