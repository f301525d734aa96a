// Small things a newcomer stumbles on: how the quiz reads, what discussions say after a refusal
// or a lock, and how the moderation log words a decision.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { useBrowser } from '../helpers/browser.ts';
import { createAccount, signIn, type Role } from '../helpers/people.ts';

const { newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const lesson = course.sequences[2].lessons[0];
const STORY_TIMEOUT = 120_000;

async function personWith(role: Role, javaScript = true) {
	const username = createAccount(role);
	const context = await newContext({ javaScript });
	return { username, context, page: await signIn(context, username) };
}

/** Opens a thread under the lesson; returns its address. */
async function startThread(page: Page, kind = 'Question') {
	await visit(page, `/${course.slug}/discussions/new?lesson=${encodeURIComponent(lesson.key)}`);
	const form = page.getByRole('form', { name: 'Ouvrir une discussion' });
	await form.getByLabel(kind, { exact: true }).check();
	await form.getByLabel('Titre').fill(`Une question ${randomBytes(3).toString('hex')}`);
	await form.getByLabel('Message').fill('Où trouver le modèle de charte ?');
	await form.getByRole('button', { name: 'Publier' }).click();
	await page.waitForURL(/\/discussions\/\d+/);
	return new URL(page.url()).pathname;
}

describe('the quiz page', () => {
	test('shows each question inside its box, and says « plusieurs réponses possibles » once per question', async () => {
		const quiz = course.sequences[2].quiz!;
		const page = await newPage();
		await visit(page, quiz.url);
		const fieldsets = page.locator('fieldset');
		expect(await fieldsets.count()).toBe(quiz.questions.length);
		for (const [index, question] of quiz.questions.entries()) {
			const fieldset = fieldsets.nth(index);
			const [box, legend] = await Promise.all([
				fieldset.boundingBox(),
				fieldset.locator('legend').boundingBox()
			]);
			const border = await fieldset.evaluate((node) =>
				parseFloat(getComputedStyle(node).borderTopWidth)
			);
			expect(legend!.y, question.id).toBeGreaterThanOrEqual(box!.y + border);
			const text = (await fieldset.innerText()).toLowerCase();
			expect(text.split('plusieurs réponses possibles').length - 1, question.id).toBe(
				question.multiple ? 1 : 0
			);
		}
	});
});

describe('discussions', { timeout: STORY_TIMEOUT }, () => {
	for (const javaScript of [true, false]) {
		test(`a reply refused as a duplicate shows only the refusal (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
			const { page } = await personWith('learner', javaScript);
			const threadUrl = await startThread(page);
			for (let time = 0; time < 2; time++) {
				await page.getByLabel('Votre réponse').fill('Je précise : pour une association.');
				await page.getByRole('button', { name: 'Publier la réponse' }).click();
				if (time === 0) await page.waitForURL(`**${threadUrl}?notice=replied#post-*`);
			}
			await page.getByText('Vous venez de publier ce même texte.', { exact: false }).waitFor();
			expect(await page.getByText('Votre réponse est publiée.').count()).toBe(0);
			expect(await page.getByLabel('Votre réponse').inputValue()).toBe(
				'Je précise : pour une association.'
			);
		});
	}

	test('a locked thread says so once, and invites no anonymous reader to sign in to reply', async () => {
		const learner = await personWith('learner');
		const threadUrl = await startThread(learner.page);
		const author = await personWith('author');
		await visit(author.page, threadUrl);
		await author.page.getByRole('button', { name: 'Verrouiller la discussion' }).click();
		await author.page.getByRole('button', { name: 'Déverrouiller la discussion' }).waitFor();

		for (const page of [learner.page, await newPage()]) {
			await visit(page, threadUrl);
			expect(await page.getByText('Cette discussion est verrouillée').count()).toBe(1);
			expect(await page.getByRole('link', { name: 'connectez-vous' }).count()).toBe(0);
		}
	});

	test('a reply sent after the thread was locked is refused, and its text given back (JavaScript off)', async () => {
		const learner = await personWith('learner', false);
		const threadUrl = await startThread(learner.page);
		await learner.page.getByLabel('Votre réponse').fill('Une réponse longue à retaper.');
		// Meanwhile, the thread is locked.
		const author = await personWith('author');
		await visit(author.page, threadUrl);
		await author.page.getByRole('button', { name: 'Verrouiller la discussion' }).click();
		await author.page.getByRole('button', { name: 'Déverrouiller la discussion' }).waitFor();

		const [response] = await Promise.all([
			learner.page.waitForResponse((each) => each.request().method() === 'POST'),
			learner.page.getByRole('button', { name: 'Publier la réponse' }).click()
		]);
		expect(response.status()).toBe(403);
		await learner.page.getByText('Cette discussion est verrouillée').first().waitFor();
		expect(await learner.page.getByLabel('Votre texte').inputValue()).toBe(
			'Une réponse longue à retaper.'
		);
	});

	test('the moderation log reads « a changé le statut (Accepté) », and the same in English', async () => {
		const learner = await personWith('learner');
		const threadUrl = await startThread(learner.page, 'Suggestion d’amélioration');
		const admin = await personWith('admin');
		await visit(admin.page, threadUrl);
		await admin.page.getByLabel('Accepté', { exact: true }).check();
		await admin.page.getByRole('button', { name: 'Enregistrer le statut' }).click();
		await admin.page.getByText('Le statut est enregistré.').waitFor();

		await visit(admin.page, '/moderation/log');
		const cells = admin.page.getByRole('cell');
		expect(
			await cells
				.filter({ hasText: /statut/ })
				.first()
				.textContent()
		).toBe('a changé le statut (Accepté)');
		const english = await newContext({ locale: 'en-GB' });
		await english.addCookies(await admin.context.cookies());
		const page = await english.newPage();
		await visit(page, '/moderation/log');
		expect(
			await page
				.getByRole('cell')
				.filter({ hasText: /status/ })
				.first()
				.textContent()
		).toBe('changed the status (Accepted)');
	});
});
