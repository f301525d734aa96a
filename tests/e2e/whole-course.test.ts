// Every lesson of the shipped course, page by page: its structure read without JavaScript, and
// axe on every kind of page. Apart from reading.test.ts so the two run side by side.
import { describe, expect, test } from 'vitest';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser
} from '../helpers/browser.ts';
import {
	course,
	COURSE_URL,
	firstSequence,
	lessonWithImage,
	outlineOf
} from '../helpers/course-source.ts';

const { newPage, visit } = useBrowser();

/** Tests that walk through every lesson of the course get more time than one page needs. */
const WHOLE_COURSE_TIMEOUT = 300_000;

describe('every lesson of the course, read without JavaScript', () => {
	const lessons = course.sequences.flatMap((sequence) => sequence.lessons);
	// A sequence's lessons, then its self-assessment, then the next sequence.
	const readingOrder = course.sequences.flatMap((sequence) => [
		...sequence.lessons.map((lesson) => lesson.url),
		sequence.quiz.url
	]);

	test(
		'has its title, a table of contents leading to its own headings, described images, highlighted code, a link to the glossary and links to the steps before and after it',
		{ timeout: WHOLE_COURSE_TIMEOUT },
		async () => {
			const page = await newPage({ javaScript: false });
			for (const lesson of lessons) {
				const step = readingOrder.indexOf(lesson.url);
				const response = await visit(page, lesson.url);
				expect(response.status(), lesson.url).toBe(200);
				expect(await page.locator('h1').textContent(), lesson.url).toBe(lesson.title);
				const outline = outlineOf(lesson.body);
				const report = await page.evaluate(() => {
					const toc = [...document.querySelectorAll<HTMLAnchorElement>('nav.toc a')];
					return {
						tocEntries: toc.length,
						brokenTocLinks: toc
							.filter((link) => !document.getElementById(decodeURIComponent(link.hash.slice(1))))
							.map((link) => link.getAttribute('href')),
						imagesWithoutAlt: [...document.querySelectorAll('main img')]
							.filter((img) => !img.getAttribute('alt')?.trim())
							.map((img) => img.getAttribute('src')),
						foreignImages: [...document.querySelectorAll<HTMLImageElement>('main img')]
							.filter((img) => !img.getAttribute('src')?.startsWith('/_app/immutable/assets/'))
							.map((img) => img.src),
						codeBlocks: document.querySelectorAll('.prose pre').length,
						highlightedCodeBlocks: [...document.querySelectorAll('.prose pre.shiki')].filter(
							(pre) => pre.querySelector('span[style]')
						).length,
						glossaryLinks: document.querySelectorAll('main a[href$="/glossary"]').length > 0,
						previous: document.querySelector('a[rel="prev"]')?.getAttribute('href') ?? null,
						next: document.querySelector('a[rel="next"]')?.getAttribute('href') ?? null
					};
				});
				expect(report, lesson.url).toEqual({
					tocEntries: outline.sections,
					brokenTocLinks: [],
					imagesWithoutAlt: [],
					foreignImages: [],
					codeBlocks: outline.codeBlocks,
					highlightedCodeBlocks: outline.codeBlocks,
					glossaryLinks: true,
					previous: readingOrder[step - 1] ?? null,
					next: readingOrder[step + 1] ?? null
				});
			}
		}
	);
});

describe('accessibility', () => {
	const pages = [
		['catalog', '/'],
		['course', COURSE_URL],
		['sequence', firstSequence.url],
		['lesson', lessonWithImage.url],
		['« Page introuvable »', '/cours-inconnu']
	] as const;
	const cases = (['light', 'dark'] as const).flatMap((scheme) =>
		pages.map(([name, url]) => [name, scheme, url] as const)
	);

	test.for(cases)('axe finds no violation on the %s page in %s mode', async ([, scheme, url]) => {
		const page = await newPage({ ...AXE_CONTEXT, colorScheme: scheme });
		await visit(page, url);
		expect(describeViolations(await findAccessibilityViolations(page))).toEqual([]);
	});

	test.for([
		['a desktop', { width: 1280, height: 900 }],
		['a phone', { width: 375, height: 740 }]
	] as const)(
		'axe finds no violation on any lesson of the course, on %s',
		{ timeout: WHOLE_COURSE_TIMEOUT },
		async ([, viewport]) => {
			const page = await newPage({ ...AXE_CONTEXT, viewport });
			const found: string[] = [];
			for (const lesson of course.sequences.flatMap((sequence) => sequence.lessons)) {
				await visit(page, lesson.url);
				const violations = describeViolations(await findAccessibilityViolations(page));
				found.push(...violations.map((violation) => `${lesson.url}: ${violation}`));
			}
			expect(found).toEqual([]);
		}
	);
});
