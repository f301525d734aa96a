// A learner's way through a course: where a lesson sits, the outline beside it, moving on with
// the links or the keyboard, and the section being read marked in the contents.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser
} from '../helpers/browser.ts';
import { createAccount, signIn } from '../helpers/people.ts';

const { newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const sequence = course.sequences[2];
const lesson = sequence.lessons[1];
const nbsp = (text: string) => text.replace(/ :/g, '\u00a0:');

/** The options of each question of the quiz form, as the learner reads them, in order. */
const formOrder = (page: Page) =>
	page
		.locator('form fieldset')
		.evaluateAll((fieldsets) =>
			fieldsets.map((fieldset) =>
				[...fieldset.querySelectorAll('label.option > span')].map((span) =>
					(span.textContent ?? '').trim()
				)
			)
		);

/** The options of each question of a graded attempt, as shown, without the marks beside them. */
const reviewOrder = (page: Page) =>
	page.locator('.questions > li.question').evaluateAll((questions) =>
		questions.map((question) =>
			[...question.querySelectorAll('.options > li > p.option')].map((option) => {
				const copy = option.cloneNode(true) as Element;
				copy.querySelector('.marks')?.remove();
				return (copy.textContent ?? '').trim();
			})
		)
	);

/** Ticks a wrong option of every question, by identity, wherever it is shown. */
async function answerWrong(
	page: Page,
	quiz: NonNullable<(typeof course.sequences)[number]['quiz']>
) {
	for (const question of quiz.questions) {
		const wrong = question.options.find((option) => !option.correct)!;
		await page.locator(`input[name="q:${question.id}"][value="${wrong.id}"]`).check();
	}
	await page.getByRole('button', { name: 'Valider mes réponses' }).click();
}

for (const javaScript of [true, false]) {
	describe(`with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		test('a reader sees where the lesson sits, the course outline, and previous and next above and below the lesson', async () => {
			const page = await newPage({ javaScript });
			await visit(page, lesson.url);

			const place = `Leçon 2 sur ${sequence.lessons.length} · Séquence 3 sur ${course.sequences.length}`;
			expect(await page.getByText(place, { exact: true }).count()).toBe(1);

			const outline = page.getByRole('navigation', { name: 'Plan du cours' });
			for (const other of course.sequences) {
				expect(await outline.locator('summary', { hasText: other.title }).count()).toBe(1);
			}
			const current = outline.locator('[aria-current="page"]');
			expect(await current.count()).toBe(1);
			expect(await current.textContent()).toBe(lesson.title);
			expect(await current.getAttribute('href')).toBe(lesson.url);
			// The current sequence is open; the others are folded.
			expect(await outline.locator('details[open]').count()).toBe(1);
			expect(await outline.locator('details[open]').getByRole('link').count()).toBe(
				sequence.lessons.length + (sequence.quiz ? 1 : 0)
			);

			const top = page.getByRole('navigation', { name: 'Parcourir les leçons' });
			const previous = top.getByRole('link', {
				name: nbsp(`Précédent : ${lesson.previous!.title}`)
			});
			const next = top.getByRole('link', { name: nbsp(`Suivant : ${lesson.next!.title}`) });
			expect(await previous.getAttribute('href')).toBe(lesson.previous!.url);
			expect(await previous.getAttribute('aria-keyshortcuts')).toBe('k');
			expect(await next.getAttribute('href')).toBe(lesson.next!.url);
			expect(await next.getAttribute('aria-keyshortcuts')).toBe('j');

			// The links at the end come before the discussion, not after it.
			const order = await page.evaluate(() => {
				const bottom = document.querySelectorAll('nav.pagination')[1];
				const discussion = document.getElementById('discussion');
				return bottom && discussion
					? bottom.compareDocumentPosition(discussion) & Node.DOCUMENT_POSITION_FOLLOWING
					: 0;
			});
			expect(order).toBeGreaterThan(0);
			const bottom = page.getByRole('navigation', { name: 'Leçon précédente et suivante' });
			expect(await bottom.getByRole('link', { name: /^Suivant/ }).getAttribute('href')).toBe(
				lesson.next!.url
			);

			// The keyboard hint only shows where the keys work.
			const hint = page.getByText(/J pour passer à la suite/).filter({ visible: true });
			expect(await hint.count()).toBe(javaScript ? 1 : 0);
		});

		test('a learner sees the lessons they finished ticked in the outline; an anonymous reader of the same page sees none', async () => {
			const username = createAccount('learner', 'outline');
			const learner = await signIn(await newContext({ javaScript }), username);
			await visit(learner, lesson.url);
			await learner.getByRole('button', { name: 'J’ai terminé cette leçon' }).click();
			const outline = learner.getByRole('navigation', { name: 'Plan du cours' });
			const item = outline.getByRole('listitem').filter({ hasText: lesson.title });
			await item.getByRole('img', { name: 'Terminée' }).waitFor();
			expect(await outline.locator('.done-mark').count()).toBe(1);

			const anonymous = await newPage({ javaScript });
			await visit(anonymous, lesson.url);
			const shared = anonymous.getByRole('navigation', { name: 'Plan du cours' });
			await shared.waitFor();
			expect(await shared.locator('.done-mark').count()).toBe(0);
		});

		test('a learner who finishes a sequence’s lessons and passes its quiz sees what is done and what is left on the course page, the sequence page and the dashboard', async () => {
			const first = course.sequences[0];
			const quiz = first.quiz!;
			const username = createAccount('learner', 'bars');
			const page = await signIn(await newContext({ javaScript }), username);
			for (const lessonOfFirst of first.lessons) {
				await visit(page, lessonOfFirst.url);
				await page.getByRole('button', { name: 'J’ai terminé cette leçon' }).click();
				await page.getByRole('button', { name: 'Marquer comme non terminée' }).waitFor();
			}
			await visit(page, first.url);
			const sequenceBar = page.getByRole('progressbar', { name: 'Progression dans la séquence 1' });
			expect(await sequenceBar.getAttribute('value')).toBe(String(first.lessons.length));
			expect(await sequenceBar.getAttribute('max')).toBe(String(first.lessons.length + 1));
			const percent = Math.round((first.lessons.length * 100) / (first.lessons.length + 1));
			expect(await page.locator('.progress-bar').textContent()).toContain(
				`${percent}\u00a0% · ${first.lessons.length} leçons terminées sur ${first.lessons.length} · auto-évaluation à réussir`
			);

			await visit(page, quiz.url);
			for (const question of quiz.questions)
				for (const option of question.options.filter((candidate) => candidate.correct))
					await page.locator(`input[name="q:${question.id}"][value="${option.id}"]`).check();
			await page.getByRole('button', { name: 'Valider mes réponses' }).click();
			await page.waitForURL(/\/quiz\/attempts\/\d+$/);

			const steps = course.sequences.reduce(
				(sum, sequence) => sum + sequence.lessons.length + (sequence.quiz ? 1 : 0),
				0
			);
			for (const url of [course.url, '/dashboard']) {
				await visit(page, url);
				const courseBar = page.getByRole('progressbar', { name: 'Progression dans le cours' });
				expect(await courseBar.getAttribute('value'), url).toBe(String(first.lessons.length + 1));
				expect(await courseBar.getAttribute('max'), url).toBe(String(steps));
				expect(
					await page.getByText(`1 séquence terminée sur ${course.sequences.length}`).count(),
					url
				).toBe(1);
			}
			await visit(page, course.url);
			const firstBar = page.getByRole('progressbar', { name: 'Progression dans la séquence 1' });
			expect(await firstBar.getAttribute('value')).toBe(await firstBar.getAttribute('max'));
			const firstItem = page.locator('.sequences > li').first();
			expect(await firstItem.locator('.progress-bar').textContent()).toContain(
				'100\u00a0% · Séquence terminée'
			);
			const secondBar = page.getByRole('progressbar', { name: 'Progression dans la séquence 2' });
			expect(await secondBar.getAttribute('value')).toBe('0');
		});

		test('a learner who retries a quiz gets its options in another order, and the review shows the order they answered in', async () => {
			const quiz = course.sequences[1].quiz!;
			const page = await signIn(
				await newContext({ javaScript }),
				createAccount('learner', 'retry')
			);
			await visit(page, quiz.url);
			const first = await formOrder(page);
			expect(first).toHaveLength(quiz.questions.length);
			await answerWrong(page, quiz);
			await page.waitForURL(/\/quiz\/attempts\/\d+$/);
			await page.getByRole('region', { name: 'Votre résultat' }).waitFor();
			expect(await reviewOrder(page)).toEqual(first);

			await page.getByRole('link', { name: 'Recommencer' }).click();
			await page.getByRole('button', { name: 'Valider mes réponses' }).waitFor();
			const second = await formOrder(page);
			expect(second).not.toEqual(first);
			// The same options, each question's in another order for some.
			expect(second.map((options) => [...options].sort())).toEqual(
				first.map((options) => [...options].sort())
			);
		});

		test('an anonymous reader gets the result in the order they answered in, and a retry in another order', async () => {
			const quiz = course.sequences[1].quiz!;
			const page = await newPage({ javaScript });
			await visit(page, quiz.url);
			const first = await formOrder(page);
			await answerWrong(page, quiz);
			await page.waitForURL(/\/quiz\/result\?seed=\d+/);
			await page.getByRole('region', { name: 'Votre résultat' }).waitFor();
			expect(await reviewOrder(page)).toEqual(first);
			// A reload grades the same answers in the same order.
			await page.reload();
			await page.getByRole('region', { name: 'Votre résultat' }).waitFor();
			expect(await reviewOrder(page)).toEqual(first);

			await page.getByRole('link', { name: 'Recommencer' }).click();
			await page.getByRole('button', { name: 'Valider mes réponses' }).waitFor();
			expect(await formOrder(page)).not.toEqual(first);
		});
	});
}

describe('with JavaScript on', () => {
	test('a reader moves to the next lesson with j and back with k, but not while typing or with a modifier', async () => {
		const page = await newPage();
		await visit(page, lesson.url);
		await page.locator('body').press('Shift+J');
		await page.locator('body').press('Control+j');
		expect(new URL(page.url()).pathname).toBe(lesson.url);

		// Typing in a field never moves.
		const language = page.getByRole('combobox').first();
		await language.focus();
		await language.press('j');
		expect(new URL(page.url()).pathname).toBe(lesson.url);
		await language.blur();

		await page.keyboard.press('j');
		await page.waitForURL(`**${lesson.next!.url}`);
		await page.getByRole('heading', { level: 1, name: sequence.lessons[2].title }).waitFor();
		await page.keyboard.press('k');
		await page.waitForURL(`**${lesson.url}`);
		await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
	});

	test('a lesson opened first loads one small script of its own; reached by a link from its sequence page, its keys work the same', async () => {
		const page = await newPage();
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
		});
		await visit(page, lesson.url);
		expect(scripts).toEqual([expect.stringMatching(/\/page-script-[\w-]+\.js$/)]);
		expect(
			await page.evaluate(() => Object.keys(window).some((key) => key.startsWith('__sveltekit_')))
		).toBe(false);
		await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
		await page.getByText(/J pour passer à la suite/).waitFor();

		// From a page that runs SvelteKit, the lesson is rendered in the browser, without a new load.
		await visit(page, sequence.url);
		await page.evaluate(
			() => ((window as unknown as { fromSequence: boolean }).fromSequence = true)
		);
		await page.locator(`a[href="${lesson.url}"]`).first().click();
		await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
		expect(
			await page.evaluate(() => (window as unknown as { fromSequence?: boolean }).fromSequence)
		).toBe(true);
		await page.getByText(/J pour passer à la suite/).waitFor();
		await page.keyboard.press('j');
		await page.waitForURL(`**${lesson.next!.url}`);
		await page.getByRole('heading', { level: 1, name: sequence.lessons[2].title }).waitFor();
	});

	test('after a reload of a lesson reached by a link, Back and Forward show the pages gone through', async () => {
		const page = await newPage();
		await visit(page, sequence.url);
		await page.locator(`a[href="${lesson.url}"]`).first().click();
		await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
		// Now served without SvelteKit, in the entry SvelteKit had made for it.
		await page.reload();
		await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
		// A section of the contents is an entry of the same page: Back returns to the top, no load.
		await page.evaluate(() => ((window as unknown as { same: boolean }).same = true));
		await page
			.getByRole('navigation', { name: 'Sommaire' })
			.last()
			.locator(`a[href="#${lesson.toc[1].id}"]`)
			.click();
		await page.waitForURL((url) => decodeURIComponent(url.hash) === `#${lesson.toc[1].id}`);
		await page.goBack();
		await page.waitForURL((url) => url.pathname === lesson.url && url.hash === '');
		expect(await page.evaluate(() => (window as unknown as { same?: boolean }).same)).toBe(true);

		await page.goBack();
		await page.waitForURL((url) => url.pathname === sequence.url);
		await page.getByRole('heading', { level: 1, name: sequence.title }).waitFor();
		expect(await page.title()).toContain(sequence.title);
		await page.goForward();
		await page.waitForURL((url) => url.pathname === lesson.url);
		await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
	});

	test('the contents mark the section being read as the reader scrolls', async () => {
		const page = await newPage();
		await visit(page, lesson.url);
		const contents = page.getByRole('navigation', { name: 'Sommaire' }).last();
		const marked = contents.locator('[aria-current="location"]');
		for (const heading of [lesson.toc[1], lesson.toc[0]]) {
			await page.locator(`[id="${heading.id}"]`).evaluate((element) => element.scrollIntoView());
			await expect.poll(() => marked.textContent(), { timeout: 30_000 }).toBe(heading.text);
			expect(await marked.count()).toBe(1);
		}
	});

	test('axe finds no violation on a learner’s course, sequence and lesson pages and dashboard, with their bars and outline', async () => {
		const username = createAccount('learner', 'axe');
		const page = await signIn(await newContext(AXE_CONTEXT), username);
		await visit(page, lesson.url);
		await page.getByRole('button', { name: 'J’ai terminé cette leçon' }).click();
		await page.getByRole('button', { name: 'Marquer comme non terminée' }).waitFor();
		for (const url of [course.url, sequence.url, lesson.url, '/dashboard']) {
			await visit(page, url);
			if (url !== lesson.url)
				expect(await page.getByRole('progressbar').count(), url).toBeGreaterThan(0);
			expect(describeViolations(await findAccessibilityViolations(page)), url).toEqual([]);
		}
	});
});
