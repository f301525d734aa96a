// What a browser or a search engine asks any site for, and what a lost reader sees.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { useBrowser } from '../helpers/browser.ts';

const { baseURL, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));

describe('files every site is asked for', () => {
	test('/favicon.ico is an icon', async () => {
		const response = await fetch(`${baseURL}/favicon.ico`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
		const bytes = new Uint8Array(await response.arrayBuffer());
		// An ICO file starts with reserved 0, then type 1.
		expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
	});

	test('/robots.txt keeps robots out of accounts and points to the sitemap', async () => {
		const response = await fetch(`${baseURL}/robots.txt`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		const text = await response.text();
		expect(text).toMatch(/^User-agent: \*$/m);
		for (const page of ['/account', '/login', '/register', '/dashboard']) {
			expect(text).toContain(`Disallow: ${page}\n`);
		}
		expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
	});

	test('/sitemap.xml lists every public page and nothing personal', async () => {
		const response = await fetch(`${baseURL}/sitemap.xml`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('xml');
		const xml = await response.text();
		const listed = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => url);
		const expected = [`${baseURL}/`];
		for (const course of index.courses) {
			expected.push(baseURL + course.url, `${baseURL}${course.url}/discussions`);
			if (course.glossary) expected.push(baseURL + course.glossary.url);
			for (const sequence of course.sequences) {
				expected.push(baseURL + sequence.url);
				expected.push(...sequence.lessons.map((lesson) => baseURL + lesson.url));
				if (sequence.quiz) expected.push(baseURL + sequence.quiz.url);
			}
		}
		expect(listed.sort()).toEqual(expected.sort());
		for (const url of listed) {
			expect(url).not.toMatch(/\/(account|login|register|dashboard|moderation)|\/attempts\//);
		}
	});
});

describe('a page that does not exist', () => {
	test.each([
		'/nulle-part',
		'/nulle-part/ni/ici/ni/ailleurs/vraiment',
		'/emanciper-son-association/evaluer-les-besoins/pas-de-lecon'
	])('%s says so, without an error reference to report', async (pathname) => {
		const page = await newPage({ javaScript: false });
		const response = await visit(page, pathname);
		expect(response.status()).toBe(404);
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Page introuvable');
		expect(await page.locator('main').textContent()).not.toContain('Référence');
	});
});
