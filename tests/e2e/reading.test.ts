// Anonymous readers on the production build: what they see, with JavaScript on and off.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';
import {
	course,
	COURSE_URL,
	firstLesson,
	firstSentence,
	firstSequence,
	frenchDuration,
	lastLesson,
	lessonWithImage,
	outlineOf,
	secondLesson
} from '../helpers/course-source.ts';

const { baseURL, newContext, newPage, visit } = useBrowser();

const DEAD_LINKS = [
	'/cours-inconnu',
	`${COURSE_URL}/sequence-inconnue`,
	`${firstSequence.url}/lecon-inconnue`,
	`${firstLesson.url}/page-en-trop`
];

const READER_MODES = [
	['JavaScript on', true],
	['JavaScript off', false]
] as const;

async function waitForTitle(page: Page, title: string) {
	await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
	return page.locator('h1').textContent();
}

describe.for(READER_MODES)('a reader with %s', ([, javaScript]) => {
	test('goes from the catalog to the course, starts it, reads the first lesson and moves on to the next', async () => {
		const page = await newPage({ javaScript });
		await visit(page, '/');
		await page.getByRole('link', { name: course.title, exact: true }).click();
		await page.waitForURL(COURSE_URL);
		expect(await waitForTitle(page, course.title)).toBe(course.title);

		await page.getByRole('link', { name: 'Commencer le cours' }).click();
		await page.waitForURL(firstLesson.url);
		expect(await waitForTitle(page, firstLesson.title)).toBe(firstLesson.title);

		const breadcrumb = page.getByRole('navigation', { name: 'Fil d’Ariane' });
		expect(await breadcrumb.getByRole('listitem').allTextContents()).toEqual([
			'Cours',
			course.title,
			firstSequence.title,
			firstLesson.title
		]);
		expect(
			await breadcrumb
				.getByRole('link')
				.evaluateAll((links) => links.map((link) => link.getAttribute('href')))
			// Leaving the course keeps its language for the rest of the visit.
		).toEqual(['/?lang=fr', COURSE_URL, firstSequence.url]);

		const objectives = page.getByRole('region', { name: 'Objectifs' });
		expect(await objectives.getByRole('listitem').allTextContents()).toEqual(
			firstLesson.objectives
		);
		expect(await page.getByText(/^Durée\s:/).textContent()).toBe(
			`Durée\u00a0: ${frenchDuration(firstLesson.duration)}`
		);

		const toc = page.getByRole('navigation', { name: 'Sommaire' });
		const entries = await toc.getByRole('link').evaluateAll((links) =>
			links.map((link) => {
				const id = decodeURIComponent(new URL((link as HTMLAnchorElement).href).hash.slice(1));
				const target = document.getElementById(id);
				return { text: link.textContent, target: target?.tagName, targetText: target?.textContent };
			})
		);
		expect(entries).toHaveLength(outlineOf(firstLesson.body).sections);
		for (const entry of entries) {
			expect(entry.target).toMatch(/^H[23]$/);
			expect(entry.targetText).toBe(entry.text);
		}
		await toc.getByRole('link').nth(1).click();
		await page.waitForURL((url) => url.hash.length > 1);
		expect(decodeURIComponent(new URL(page.url()).hash)).toBe(
			`#${await page.locator('.prose :is(h2, h3)').nth(1).getAttribute('id')}`
		);

		const license = page.getByRole('link', { name: 'CC BY-SA 4.0' });
		expect(await license.getAttribute('href')).toBe(
			'https://creativecommons.org/licenses/by-sa/4.0/deed.fr'
		);
		expect(await license.getAttribute('rel')).toBe('license');
		const notice = page.locator('p', { has: license });
		expect(await notice.textContent()).toContain('Ce contenu est publié sous licence');
		for (const author of course.authors) expect(await notice.textContent()).toContain(author);

		const pagination = page.getByRole('navigation', { name: 'Leçon précédente et suivante' });
		await pagination.getByRole('link', { name: /^Suivant/ }).click();
		await page.waitForURL(secondLesson.url);
		expect(await waitForTitle(page, secondLesson.title)).toBe(secondLesson.title);
		expect(await pagination.getByRole('link', { name: /^Précédent/ }).getAttribute('href')).toBe(
			firstLesson.url
		);
	});

	test('sees the lessons of a sequence in order, each with its duration', async () => {
		const page = await newPage({ javaScript });
		await visit(page, COURSE_URL);
		await page.getByRole('link', { name: firstSequence.title }).first().click();
		await page.waitForURL(firstSequence.url);
		expect(await waitForTitle(page, firstSequence.title)).toBe(firstSequence.title);

		const lessons = page.getByRole('region', { name: 'Leçons' }).getByRole('listitem');
		const shown = await lessons.evaluateAll((items) =>
			items.map((item) => {
				const link = item.querySelector('a')!;
				return {
					title: link.textContent,
					url: link.getAttribute('href'),
					duration: item.querySelector('.muted')?.textContent
				};
			})
		);
		expect(shown).toEqual(
			firstSequence.lessons.map((lesson) => ({
				title: lesson.title,
				url: lesson.url,
				duration: `· ${frenchDuration(lesson.duration)}`
			}))
		);
	});

	test('who reached the last lesson of a sequence is offered its self-assessment next', async () => {
		const page = await newPage({ javaScript });
		await visit(page, lastLesson.url);
		const next = page
			.getByRole('navigation', { name: 'Leçon précédente et suivante' })
			.getByRole('link', { name: /^Suivant/ });
		expect(await next.getAttribute('href')).toBe(firstSequence.quiz.url);
		expect(await next.textContent()).toContain(firstSequence.quiz.title);
	});

	test('whose browser prefers English keeps an English interface for the visit, with the course’s text marked as French', async () => {
		const page = await newPage({ javaScript, locale: 'en-US' });
		await visit(page, '/');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.getByRole('link', { name: course.title, exact: true }).click();
		await page.waitForURL((url) => url.pathname === COURSE_URL);
		await waitForTitle(page, course.title);
		expect.soft(await page.locator('html').getAttribute('lang')).toBe('en');
		expect.soft(await page.locator('h2#page-sequences').textContent()).toBe('Sequences');
		expect(await page.locator('h1').getAttribute('lang')).toBe('fr');

		await page.locator(`main a[href="${firstSequence.url}?lang=en"]`).first().click();
		await page.waitForURL((url) => url.pathname === firstSequence.url);
		await page.locator(`main a[href="${firstLesson.url}?lang=en"]`).first().click();
		await page.waitForURL((url) => url.pathname === firstLesson.url);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.locator('.prose').getAttribute('lang')).toBe('fr');
		for (const url of [firstSequence.url, firstLesson.url]) {
			await visit(page, url);
			expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		}
	});

	test('sees the catalog in English when the browser asks for English, in French otherwise', async () => {
		const english = await newPage({ javaScript, locale: 'en-US' });
		await visit(english, '/');
		expect(await english.locator('h1').textContent()).toBe('Courses');
		expect(await english.locator('html').getAttribute('lang')).toBe('en');

		for (const locale of ['fr-FR', 'de-DE']) {
			const other = await newPage({ javaScript, locale });
			await visit(other, '/');
			expect(await other.locator('h1').textContent()).toBe('Cours');
			expect(await other.locator('html').getAttribute('lang')).toBe('fr');
		}
	});

	test('who follows a dead link gets a real « Page introuvable » for an unknown course, sequence or lesson', async () => {
		const page = await newPage({ javaScript });
		for (const url of DEAD_LINKS) {
			const response = await visit(page, url);
			expect(response.status(), url).toBe(404);
			expect(await page.locator('h1').textContent(), url).toBe('Page introuvable');
			expect(await page.getByRole('link', { name: 'Retour aux cours' }).getAttribute('href')).toBe(
				'/'
			);
		}
	});

	test('leaves no cookie and sends no request to another site while reading', async () => {
		const context = await newContext({ javaScript });
		const page = await context.newPage();
		const requested: string[] = [];
		const cookiesSet: Promise<string | null>[] = [];
		page.on('request', (request) => requested.push(request.url()));
		page.on('response', (response) =>
			cookiesSet.push(
				response
					.allHeaders()
					.then((headers) => headers['set-cookie'] && `${response.url()}: ${headers['set-cookie']}`)
					.then((cookie) => cookie || null)
			)
		);

		await visit(page, '/');
		await page.getByRole('link', { name: course.title, exact: true }).click();
		await page.waitForURL(COURSE_URL);
		await page.getByRole('link', { name: 'Commencer le cours' }).click();
		await page.waitForURL(firstLesson.url);
		await page
			.getByRole('navigation', { name: 'Leçon précédente et suivante' })
			.getByRole('link', { name: /^Suivant/ })
			.click();
		await page.waitForURL(secondLesson.url);
		await visit(page, firstSequence.url);
		await visit(page, lessonWithImage.url);
		await visit(page, '/cours-inconnu');

		expect(requested.length).toBeGreaterThan(6);
		expect(requested.filter((url) => new URL(url).origin !== baseURL)).toEqual([]);
		expect((await Promise.all(cookiesSet)).filter(Boolean)).toEqual([]);
		expect(await context.cookies()).toEqual([]);
	});

	test('reads a lesson whose text and images are in the page the server sends', async () => {
		const page = await newPage({ javaScript });
		await visit(page, lessonWithImage.url);
		const prose = page.locator('.prose');
		expect(await prose.textContent()).toContain(firstSentence(lessonWithImage.body));
		expect(await prose.locator('h2, h3').count()).toBe(outlineOf(lessonWithImage.body).sections);
		const images = await prose.locator('img').evaluateAll((elements) =>
			elements.map((img) => ({
				alt: (img as HTMLImageElement).alt,
				loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0
			}))
		);
		expect(images.length).toBeGreaterThan(0);
		for (const image of images)
			expect(image).toEqual({ alt: expect.stringMatching(/\S/), loaded: true });
	});
});

describe('the server', () => {
	test('answers a real 404 « Page introuvable », never a 500, for an unknown course, sequence or lesson', async () => {
		for (const url of DEAD_LINKS) {
			const response = await fetch(`${baseURL}${url}`);
			expect(response.status, url).toBe(404);
			expect(await response.text(), url).toContain('<h1>Page introuvable</h1>');
		}
	});

	test('answers a malformed address with a 400 page in the visitor’s language, not SvelteKit’s English', async () => {
		// A link cut off in the middle of an encoded character: %A is not a byte.
		for (const [language, title, words] of [
			['fr', 'Adresse illisible', 'ne forment pas un lien valide'],
			['en', 'Unreadable address', 'do not make a valid link']
		]) {
			const response = await fetch(`${baseURL}/emanciper-son-association/%E0%A4%A`, {
				headers: { 'accept-language': language }
			});
			expect(response.status).toBe(400);
			// What the page shows; its script keeps SvelteKit's error as data for hydration.
			const html = (await response.text()).replace(/<script[^>]*>[^]*?<\/script>/g, '');
			expect(html).toContain(`<h1>${title}</h1>`);
			expect(html).toContain(words);
			expect(html).not.toContain('Malformed URI');
		}
	});

	test('sends the lesson body in its HTML, so it reads without any script', async () => {
		const html = await (await fetch(`${baseURL}${firstLesson.url}`)).text();
		expect(html).toContain(firstSentence(firstLesson.body));
		expect(html).toContain(`<h1 lang="fr">${firstLesson.title}</h1>`);
	});

	test('protects pages, error pages and files with security headers', async () => {
		const lesson = await fetch(`${baseURL}${lessonWithImage.url}`);
		const image = /<img[^>]+src="(\/_app\/immutable\/assets\/[^"]+)"/.exec(
			await lesson.text()
		)?.[1];
		expect(image).toBeDefined();
		const responses = {
			catalog: await fetch(`${baseURL}/`),
			lesson,
			'not found': await fetch(`${baseURL}/cours-inconnu`),
			image: await fetch(`${baseURL}${image}`)
		};
		expect(responses['not found'].status).toBe(404);
		for (const [what, response] of Object.entries(responses)) {
			const headers = response.headers;
			expect(headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
			expect(headers.get('x-content-type-options'), what).toBe('nosniff');
			expect(headers.get('referrer-policy'), what).toMatch(/\S/);
			expect(headers.get('set-cookie'), what).toBeNull();
		}
		for (const page of [responses.catalog, responses.lesson, responses['not found']]) {
			const scripts = /script-src ([^;]*)/.exec(page.headers.get('content-security-policy')!)?.[1];
			expect(scripts).not.toContain('unsafe-inline');
		}
	});

	test('lets browsers keep lesson images for a year, under a name that changes with their content', async () => {
		const html = await (await fetch(`${baseURL}${lessonWithImage.url}`)).text();
		const images = [...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((match) => match[1]);
		expect(images.length).toBeGreaterThan(0);
		for (const src of images) {
			expect(src).toMatch(
				/^\/_app\/immutable\/assets\/[\w-]+\.[\w-]{8,}\.(svg|png|jpe?g|webp|gif)$/
			);
			const response = await fetch(`${baseURL}${src}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^image\//);
			const cache = response.headers.get('cache-control') ?? '';
			expect(cache).toContain('immutable');
			expect(cache).toMatch(/max-age=31536000\b/);
		}
	});
});

describe('reading comfort', () => {
	test('a printed lesson leaves out the site header and footer but keeps the lesson', async () => {
		const page = await newPage({ javaScript: false });
		await visit(page, firstLesson.url);
		expect(await page.locator('header.site').isVisible()).toBe(true);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.site').isVisible()).toBe(false);
		expect(await page.locator('footer.site').isVisible()).toBe(false);
		expect(await page.locator('h1').isVisible()).toBe(true);
		expect(await page.locator('.prose').isVisible()).toBe(true);
	});

	test('a reader sees every « Activité » of a lesson set apart from the text around it', async () => {
		const withActivities = course.sequences
			.flatMap((sequence) => sequence.lessons)
			.filter((lesson) => /^## Activité :/m.test(lesson.body));
		expect(withActivities.length).toBeGreaterThan(0);
		const page = await newPage({ javaScript: false });
		const plain: string[] = [];
		for (const lesson of withActivities) {
			await visit(page, lesson.url);
			const headings = await page
				.locator('.prose h2', { hasText: /^Activité\s:/ })
				.evaluateAll((elements) =>
					elements.map((heading) => ({
						text: heading.textContent,
						setApart: heading.classList.contains('activity')
					}))
				);
			expect(headings.length, lesson.url).toBeGreaterThan(0);
			plain.push(
				...headings.filter((heading) => !heading.setApart).map((h) => `${lesson.url}: ${h.text}`)
			);
		}
		expect(plain).toEqual([]);
	});

	test('a reader whose system is in dark mode reads light text on a dark background', async () => {
		const page = await newPage({ javaScript: false, colorScheme: 'dark' });
		await visit(page, firstLesson.url);
		const { background, text } = await bodyColors(page);
		expect(luminance(background)).toBeLessThan(0.05);
		expect(luminance(text)).toBeGreaterThan(0.5);
	});

	test('a reader whose system is in light mode reads dark text on a light background', async () => {
		const page = await newPage({ javaScript: false, colorScheme: 'light' });
		await visit(page, firstLesson.url);
		const { background, text } = await bodyColors(page);
		expect(luminance(background)).toBeGreaterThan(0.8);
		expect(luminance(text)).toBeLessThan(0.05);
	});
});

function bodyColors(page: Page) {
	return page.evaluate(() => ({
		background: getComputedStyle(document.body).backgroundColor,
		text: getComputedStyle(document.body).color
	}));
}

/** WCAG relative luminance of a computed `rgb(…)` colour: 0 is black, 1 is white. */
function luminance(color: string) {
	const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((channel) => {
		const c = Number(channel) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
