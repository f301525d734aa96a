// Each lesson component, as readers get it from a production build of a fixture course, with
// JavaScript on and off.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lessonWeight } from '../../scripts/bench/weight.ts';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser
} from '../helpers/browser.ts';
import { serveFixtureSite } from '../helpers/fixture-site.ts';

const { newPage, visit } = useBrowser();

const COURSES = fileURLToPath(new URL('../fixtures/lesson-components', import.meta.url));
const LESSON = '/composants/decouvrir/composants';
const PLAIN_LESSON = '/composants/decouvrir/sans-composant';
const VIDEO_HOST = 'https://video.example.org';

let site: Awaited<ReturnType<typeof serveFixtureSite>>;
beforeAll(async () => {
	site = await serveFixtureSite(COURSES);
}, 600_000);
afterAll(async () => {
	await site?.stop();
});

/** Opens the lesson, stubbing the video host; returns every address the page asked for. */
async function openLesson(javaScript: boolean, options = {}) {
	const page = await newPage({ javaScript, ...options });
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	await page
		.context()
		.route(`${VIDEO_HOST}/**`, (route) =>
			route.fulfill({ contentType: 'text/html', body: '<p>lecteur</p>' })
		);
	await visit(page, site.baseURL + LESSON);
	const elsewhere = () => requests.filter((url) => !url.startsWith(site.baseURL));
	return { page, elsewhere };
}

const videoPlayer = (page: Page) =>
	page.locator('details.video-player', { has: page.getByText('Lire la vidéo') });

for (const javaScript of [true, false]) {
	describe(`lesson components with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		test('the video player is not in the page and nothing is fetched from its host before the reader asks', async () => {
			const { page, elsewhere } = await openLesson(javaScript);
			await expect.poll(() => page.locator('iframe').count()).toBe(0);
			expect(elsewhere()).toEqual([]);
			await expect
				.poll(() =>
					page.getByRole('link', { name: 'Regarder sur video.example.org' }).getAttribute('href')
				)
				.toBe(`${VIDEO_HOST}/w/abc123`);

			await videoPlayer(page).locator('summary').click();
			if (javaScript) {
				const player = page.locator('iframe[title="Vidéo\u00a0: Présentation du diagnostic"]');
				await player.waitFor();
				expect(await player.getAttribute('src')).toBe(`${VIDEO_HOST}/videos/embed/abc123`);
				await expect.poll(() => elsewhere()).toContain(`${VIDEO_HOST}/videos/embed/abc123`);
			} else {
				// Without a script, the player opens on a page of the site made for it.
				await page.getByRole('link', { name: 'Ouvrir le lecteur sur une page à part' }).click();
				await page.waitForURL(`**${LESSON}/video/1`);
				const player = page.locator('iframe[title="Vidéo\u00a0: Présentation du diagnostic"]');
				expect(await player.getAttribute('src')).toBe(`${VIDEO_HOST}/videos/embed/abc123`);
				await page.getByRole('link', { name: /Retour à la leçon/ }).waitFor();
			}
		});

		test('the transcript is shown below the video, from its WebVTT file', async () => {
			const { page } = await openLesson(javaScript);
			const transcript = page.locator('details.video-transcript');
			await transcript.locator('summary', { hasText: 'Transcription' }).click();
			await transcript.getByText('Bonjour, nous allons parler du diagnostic.').waitFor();
			expect(await transcript.innerText()).not.toContain('-->');
		});

		test('a glossary term shows its definition on focus and links to the glossary', async () => {
			const { page } = await openLesson(javaScript);
			const term = page.getByRole('link', { name: 'Fédiverse' });
			const definition = page.getByRole('tooltip', { includeHidden: true }).first();
			expect(await definition.isVisible()).toBe(false);
			await term.focus();
			await definition.waitFor({ state: 'visible' });
			expect(await definition.innerText()).toContain('réseaux sociaux libres');

			await term.click();
			await page.waitForURL(`**/composants/glossary#f%C3%A9diverse`);
			await page.getByRole('heading', { level: 1, name: 'Glossaire' }).waitFor();
			expect(await page.locator('dt:target').innerText()).toBe('Fédiverse');
		});

		test('the course page and its lessons link to the glossary', async () => {
			const page = await newPage({ javaScript });
			for (const url of ['/composants', LESSON, PLAIN_LESSON]) {
				await visit(page, site.baseURL + url);
				const link = page.getByRole('link', { name: 'Glossaire', exact: true });
				expect(await link.getAttribute('href'), url).toBe('/composants/glossary');
			}
		});

		test('a checkpoint keeps its answer hidden until the reader opens it', async () => {
			const { page } = await openLesson(javaScript);
			const answer = page.getByText(/^Par l.état des lieux des outils et des pratiques\./);
			await page.getByText('Par quoi commence un diagnostic').waitFor();
			expect(await answer.isVisible()).toBe(false);
			await page.getByText('Voir la réponse').click();
			await answer.waitFor({ state: 'visible' });
		});

		test('a download names its type and size and serves the file under a hashed name', async () => {
			const { page } = await openLesson(javaScript);
			const link = page.getByRole('link', { name: /Modèle de budget/ });
			const href = (await link.getAttribute('href'))!;
			expect(href).toMatch(/^\/_app\/immutable\/assets\/budget\.[\w-]+\.csv$/);
			expect(await link.getAttribute('download')).toBe('budget.csv');
			expect(await page.locator('.download').innerText()).toContain(
				'(Tableau CSV, 45\u00a0octets)'
			);
			const response = await fetch(site.baseURL + href);
			expect(response.status).toBe(200);
			expect(response.headers.get('cache-control')).toContain('immutable');
			expect(await response.text()).toContain('hébergement,120');
		});

		test('callouts, the activity and the figure are read with their headings', async () => {
			const { page } = await openLesson(javaScript);
			await page.getByRole('heading', { level: 3, name: 'À retenir' }).waitFor();
			await page
				.getByRole('heading', { level: 3, name: 'Attention : données personnelles' })
				.waitFor();
			const activity = page.getByRole('note', { name: 'Activité : Classer vos besoins' });
			expect(await activity.innerText()).toMatch(/Objectif\s*:?\s*Hiérarchiser/);
			expect(await activity.innerText()).toMatch(/À produire\s*:?\s*Une liste de trois besoins/);
			const figure = page.getByRole('figure');
			expect(await figure.innerText()).toMatch(/Crédit\s:\s+Camille Martin, licence CC BY-SA 4\.0/);
			// Its size, read at build time, reserves its place before it loads.
			const image = figure.getByRole('img');
			expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual([
				'360',
				'120'
			]);
			const full = figure.getByRole('link', { name: 'Trois cases reliées par des flèches' });
			expect(await full.getAttribute('href')).toMatch(
				/\/_app\/immutable\/assets\/schema\.[\w-]+\.svg$/
			);
		});
	});
}

test('axe finds no violation in the components, closed or opened', async () => {
	const { page } = await openLesson(true, AXE_CONTEXT);
	expect(describeViolations(await findAccessibilityViolations(page))).toEqual([]);
	for (const summary of await page.locator('.prose summary').all()) await summary.click();
	await page.locator('iframe').waitFor();
	await page.getByRole('link', { name: 'Fédiverse' }).focus();
	expect(describeViolations(await findAccessibilityViolations(page))).toEqual([]);

	await visit(page, site.baseURL + '/composants/glossary');
	expect(describeViolations(await findAccessibilityViolations(page))).toEqual([]);

	await visit(page, `${site.baseURL}${LESSON}/video/1`);
	expect(describeViolations(await findAccessibilityViolations(page))).toEqual([]);
});

test('pages may frame the declared video host, and no other site', async () => {
	const response = await fetch(site.baseURL + LESSON);
	const policy = response.headers.get('content-security-policy') ?? '';
	expect(policy).toMatch(/(^|;)\s*frame-src https:\/\/video\.example\.org\s*(;|$)/);
});

test('a lesson with every component downloads the same scripts as a lesson without any', async () => {
	const withComponents = await lessonWeight(
		site.baseURL,
		LESSON,
		'courses/composants/01-decouvrir/01-composants.md'
	);
	const without = await lessonWeight(
		site.baseURL,
		PLAIN_LESSON,
		'courses/composants/01-decouvrir/02-sans-composant.md'
	);
	expect(withComponents.weight.files.js).toBe(without.weight.files.js);
	expect(withComponents.weight.js).toBe(without.weight.js);
});
