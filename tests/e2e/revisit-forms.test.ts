// Forms without JavaScript: after a form is sent, the reader lands on a page fetched by GET, so
// reloading it shows the same result and sends nothing again.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { useBrowser } from '../helpers/browser.ts';
import { queryServerDatabase as query } from '../helpers/file-server.ts';
import { createAccount, PASSWORD, signIn } from '../helpers/people.ts';

const { newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const sequence = course.sequences[1];
const quiz = sequence.quiz!;

const attemptsOf = (username: string) =>
	query<{ score: number; answers: string }>(
		'SELECT score, answers FROM quiz_attempts JOIN users ON users.id = user_id WHERE username = ?',
		username
	);
const allAttempts = () => query<{ n: number }>('SELECT count(*) AS n FROM quiz_attempts')[0].n;

/** Ticks the right options of the given questions (all of them by default). */
async function answerRightly(page: Page, questions = quiz.questions) {
	for (const question of questions) {
		for (const option of question.options.filter((candidate) => candidate.correct)) {
			await page.locator(`input[name="q:${question.id}"][value="${option.id}"]`).check();
		}
	}
}

/** Reloads the page and returns the methods of the requests the reload sent. */
async function reload(page: Page) {
	const methods: string[] = [];
	const listener = (request: { method(): string }) => methods.push(request.method());
	page.on('request', listener);
	const response = await page.reload({ waitUntil: 'load' });
	page.off('request', listener);
	expect(response?.status()).toBe(200);
	return methods;
}

describe('with JavaScript off', () => {
	test('a signed-in learner who submits the quiz lands on the attempt, and reloading it stores nothing more', async () => {
		const username = createAccount('learner', 'reloader');
		const context = await newContext({ javaScript: false });
		const page = await signIn(context, username);
		await visit(page, quiz.url);
		await answerRightly(page);
		await page.getByRole('button', { name: 'Valider mes réponses' }).click();
		await page.waitForURL(/\/quiz\/attempts\/\d+$/);
		expect(await page.getByRole('region', { name: 'Votre résultat' }).count()).toBe(1);

		expect(await reload(page)).not.toContain('POST');
		const result = page.getByRole('region', { name: 'Votre résultat' });
		expect(await result.getByText('100 %', { exact: true }).count()).toBe(1);
		expect(attemptsOf(username).map((attempt) => attempt.score)).toEqual([100]);
	});

	test('an anonymous reader gets a result page by GET, which a reload grades again, with no cookie and nothing stored', async () => {
		const before = allAttempts();
		const page = await newPage({ javaScript: false });
		await visit(page, quiz.url);
		await answerRightly(page);
		await page.getByRole('button', { name: 'Valider mes réponses' }).click();
		await page.waitForURL((url) => url.pathname === `${quiz.url}/result`);

		expect(await reload(page)).not.toContain('POST');
		const result = page.getByRole('region', { name: 'Votre résultat' });
		expect(await result.getByText('100 %', { exact: true }).count()).toBe(1);
		expect(
			await result.getByText('Ce résultat n’est pas enregistré.', { exact: false }).count()
		).toBe(1);
		expect(allAttempts()).toBe(before);
		expect(await page.context().cookies()).toEqual([]);
	});

	test('a learner who marks a lesson done lands on the lesson again, and reloading it changes nothing', async () => {
		const username = createAccount('learner', 'finisher');
		const page = await signIn(await newContext({ javaScript: false }), username);
		const lesson = sequence.lessons[0];
		await visit(page, lesson.url);
		await page.getByRole('button', { name: 'J’ai terminé cette leçon' }).click();
		await page.getByText('✓ Terminée').waitFor();
		expect(new URL(page.url()).pathname).toBe(lesson.url);
		const completed = () =>
			query<{ completed_at: number }>(
				'SELECT completed_at FROM lesson_progress JOIN users ON users.id = user_id WHERE username = ? AND lesson_key = ?',
				username,
				lesson.key
			);
		const [first] = completed();

		expect(await reload(page)).not.toContain('POST');
		expect(await page.getByText('✓ Terminée').count()).toBe(1);
		expect(completed()).toEqual([first]);
	});

	test('a learner who leaves questions unanswered is shown them, with their answers kept, and may submit anyway', async () => {
		const username = createAccount('learner', 'hurried');
		const page = await signIn(await newContext({ javaScript: false }), username);
		await visit(page, quiz.url);
		const [answered, ...left] = quiz.questions;
		await answerRightly(page, [answered]);
		await page.getByRole('button', { name: 'Valider mes réponses' }).click();

		const listed = page.getByRole('status').getByRole('link');
		await page.getByRole('button', { name: 'Valider quand même' }).waitFor();
		expect(await listed.allTextContents()).toEqual(
			left.map((_, index) => `Question ${index + 2} sur ${quiz.questions.length}`)
		);
		expect(attemptsOf(username)).toEqual([]);
		const right = answered.options.find((option) => option.correct)!;
		expect(
			await page.locator(`input[name="q:${answered.id}"][value="${right.id}"]`).isChecked()
		).toBe(true);

		await page.getByRole('button', { name: 'Valider quand même' }).click();
		await page.waitForURL(/\/quiz\/attempts\/\d+$/);
		const [attempt] = attemptsOf(username);
		expect(JSON.parse(attempt.answers)).toEqual({
			[answered.id]: answered.options.filter((o) => o.correct).map((o) => o.id),
			...Object.fromEntries(left.map((question) => [question.id, []]))
		});
	});

	test('an empty submission is refused with a message and stores no attempt', async () => {
		const username = createAccount('learner', 'blank');
		const page = await signIn(await newContext({ javaScript: false }), username);
		await visit(page, quiz.url);
		const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST');
		await page.getByRole('button', { name: 'Valider mes réponses' }).click();
		expect((await response).status()).toBe(400);
		await page.getByText('Aucune réponse n’est cochée').waitFor();
		expect(attemptsOf(username)).toEqual([]);
	});
	test('a newcomer who registers, or asks for a new password, lands on a page by GET that a reload does not post again', async () => {
		const page = await newPage({ javaScript: false });
		await visit(page, `/register?redirectTo=${encodeURIComponent(quiz.url)}`);
		const username = `prg${Date.now().toString(36)}`;
		await page.getByLabel('Nom d’utilisateur·ice').fill(username);
		await page.getByLabel('Adresse e-mail').fill(`${username}@example.org`);
		await page.getByLabel('Mot de passe').fill(PASSWORD);
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.waitForURL((url) => url.pathname === '/register' && url.searchParams.has('sent'));
		expect(await reload(page)).not.toContain('POST');
		expect(await page.getByText('Vérifiez votre boîte aux lettres').count()).toBe(1);
		const back = page.getByRole('link', { name: 'Revenir à la page d’où vous veniez' });
		expect(await back.getAttribute('href')).toBe(quiz.url);
		expect(query('SELECT id FROM users WHERE username = ?', username)).toHaveLength(1);

		await visit(page, '/forgot-password');
		await page.getByLabel('Adresse e-mail').fill(`${username}@example.org`);
		await page.getByRole('button', { name: 'Envoyer le lien' }).click();
		await page.waitForURL(
			(url) => url.pathname === '/forgot-password' && url.searchParams.has('sent')
		);
		expect(await reload(page)).not.toContain('POST');
		expect(await page.getByText('Si un compte utilise cette adresse').count()).toBe(1);
	});

	test('a learner who ends their other sessions lands on their account by GET', async () => {
		const username = createAccount('learner', 'sessions');
		await signIn(await newContext({ javaScript: false }), username);
		const page = await signIn(await newContext({ javaScript: false }), username);
		await visit(page, '/account');
		await page.locator('#sessions-current-password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Fermer toutes les autres sessions' }).click();
		await page.waitForURL('**/account?notice=session-ended#sessions');
		expect(await reload(page)).not.toContain('POST');
		expect(await page.getByText('Session fermée.').count()).toBe(1);
		const sessions = page.getByRole('region', { name: 'Sessions actives' }).getByRole('listitem');
		expect(await sessions.count()).toBe(1);
	});
});

describe('with JavaScript on', () => {
	test('a learner is asked about unanswered questions on the page, and an empty quiz is not stored', async () => {
		const username = createAccount('learner', 'scripted');
		const page = await signIn(await newContext(), username);
		await visit(page, quiz.url);
		await page.getByRole('button', { name: 'Valider mes réponses' }).click();
		await page.getByText('Aucune réponse n’est cochée').waitFor();

		await answerRightly(page, quiz.questions.slice(0, 1));
		await page.getByRole('button', { name: 'Valider mes réponses' }).click();
		await page.getByRole('button', { name: 'Valider quand même' }).click();
		await page.waitForURL(/\/quiz\/attempts\/\d+$/);
		await page.getByRole('region', { name: 'Votre résultat' }).waitFor();
		expect(attemptsOf(username)).toHaveLength(1);
	});
});

describe('on a connection slower than the reader', () => {
	test('what a learner types before the app has started stays in the boxes once it starts', async () => {
		const username = createAccount('learner', 'early');
		const page = await signIn(await newContext(), username);
		// The app's scripts wait until the reader has typed: the page is all HTML until then.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**', async (route) => {
			await held;
			await route.continue();
		});
		const lesson = sequence.lessons[0];
		await page.goto(`/${course.slug}/discussions/new?lesson=${encodeURIComponent(lesson.key)}`, {
			waitUntil: 'commit'
		});
		const form = page.getByRole('form', { name: 'Ouvrir une discussion' });
		const title = 'Un titre tapé tôt';
		const body = 'Un message tapé avant que la page ne démarre.\nSur deux lignes.';
		await form.getByLabel('Titre').fill(title);
		await form.getByLabel('Message').fill(body);
		expect(await page.locator('html[data-hydrated]').count()).toBe(0);

		release();
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		expect(await form.getByLabel('Titre').inputValue()).toBe(title);
		expect(await form.getByLabel('Message').inputValue()).toBe(body);
	});
});
