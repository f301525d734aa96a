// Registered learners: accounts, progress that lets them resume, and quizzes with their feedback.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { useBrowser } from '../helpers/browser.ts';
import { queryServerDatabase as query } from '../helpers/file-server.ts';
import { createAccount, PASSWORD, signIn, signOut } from '../helpers/people.ts';

const { baseURL, dataDir, newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const [firstSequence, secondSequence] = course.sequences;
const quiz = firstSequence.quiz!;
const QUIZ_URL = quiz.url;

const plain = (html: string) =>
	html
		.replace(/<[^>]+>/g, '')
		.replace(/\u00a0/g, ' ')
		.trim();
const rightAnswers = () =>
	quiz.questions.map((question) => ({
		question,
		options: question.options.filter((option) => option.correct)
	}));

for (const javaScript of [true, false]) {
	describe(`with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		test('a learner reads two lessons, marks one done, signs out, and resumes at the right lesson from another browser', async () => {
			const username = createAccount('learner', 'reader');
			const [first, second] = firstSequence.lessons;
			const laptop = await newContext({ javaScript });
			const page = await signIn(laptop, username);

			await visit(page, first.url);
			await page.getByRole('button', { name: 'J’ai terminé cette leçon' }).click();
			await expect
				.poll(() => page.getByText('✓ Terminée').isVisible(), { timeout: 30_000 })
				.toBe(true);
			await visit(page, second.url);
			await signOut(page);

			const phone = await newContext({ javaScript });
			const later = await signIn(phone, username);
			await visit(later, course.url);
			const resume = later.getByRole('link', {
				name: `Reprendre : ${second.title}`.replace(' :', '\u00a0:')
			});
			expect(await resume.getAttribute('href')).toBe(second.url);
			expect(
				await later
					.getByText(`1 leçon terminée sur ${course.sequences.flatMap((s) => s.lessons).length}`)
					.count()
			).toBe(1);
			await resume.click();
			await later.waitForURL(`**${second.url}`);
			await later.getByRole('heading', { level: 1, name: second.title }).waitFor();
			expect(await later.locator('h1').textContent()).toBe(second.title);

			await visit(later, firstSequence.url);
			const lessonItems = later.locator('main ol li');
			expect(
				await lessonItems.filter({ hasText: first.title }).getByText('✓ Terminée').count()
			).toBe(1);
			expect(
				await lessonItems.filter({ hasText: second.title }).getByText('✓ Terminée').count()
			).toBe(0);

			await visit(later, '/dashboard');
			expect(await later.getByRole('heading', { name: course.title }).count()).toBe(1);
			expect(await later.getByRole('link', { name: /^Reprendre/ }).getAttribute('href')).toBe(
				second.url
			);
		});

		test('a learner who fails the quiz reads the feedback, retries and passes, and can review each attempt', async () => {
			const username = createAccount('learner', 'quizzer');
			const page = await signIn(await newContext({ javaScript }), username);
			await visit(page, QUIZ_URL);
			expect(await page.locator('fieldset').count()).toBe(quiz.questions.length);
			for (const question of quiz.questions) {
				const wrong = question.options.find((option) => !option.correct)!;
				await page.locator(`input[name="q:${question.id}"][value="${wrong.id}"]`).check();
			}
			await page.getByRole('button', { name: 'Valider mes réponses' }).click();

			const result = page.getByRole('region', { name: 'Votre résultat' });
			await result.waitFor();
			await page.waitForURL(/\/quiz\/attempts\/\d+$/);
			expect(await result.getByText('0 %', { exact: true }).count()).toBe(1);
			expect(await result.getByText(/^Pas encore/).count()).toBe(1);
			expect(await result.getByText('✗ Réponse incorrecte').count()).toBe(quiz.questions.length);
			const firstFeedback = plain(
				quiz.questions[0].options.find((option) => !option.correct)!.feedbackHtml
			);
			expect(await result.getByText(firstFeedback).count()).toBeGreaterThan(0);

			await result.getByRole('link', { name: 'Recommencer' }).click();
			await page.getByRole('button', { name: 'Valider mes réponses' }).waitFor();
			for (const { question, options } of rightAnswers()) {
				for (const option of options) {
					await page.locator(`input[name="q:${question.id}"][value="${option.id}"]`).check();
				}
			}
			await page.getByRole('button', { name: 'Valider mes réponses' }).click();
			const passed = page.getByRole('region', { name: 'Votre résultat' });
			await passed.waitFor();
			expect(await passed.getByText('100 %', { exact: true }).count()).toBe(1);
			expect(await passed.getByText(/^Réussi/).count()).toBe(1);

			await visit(page, QUIZ_URL);
			expect(plain(await page.locator('.scores').innerText())).toBe(
				'Meilleur score : 100 % · Dernier score : 100 %'
			);
			const reviews = page.getByRole('link', { name: 'Revoir' });
			expect(await reviews.count()).toBe(2);
			await reviews.last().click();
			await page.waitForURL(/\/quiz\/attempts\/\d+$/);
			await page.getByText('0 %', { exact: true }).waitFor();
			expect(await page.getByText('0 %', { exact: true }).count()).toBe(1);

			const rows = query<{ score: number }>(
				'SELECT score FROM quiz_attempts JOIN users ON users.id = user_id WHERE username = ? ORDER BY quiz_attempts.id',
				username
			);
			expect(rows.map((row) => row.score)).toEqual([0, 100]);
		});

		test('an anonymous learner sees their result, not stored, with an invitation to create an account', async () => {
			const before = query<{ n: number }>('SELECT count(*) AS n FROM quiz_attempts')[0].n;
			const page = await newPage({ javaScript });
			await visit(page, QUIZ_URL);
			for (const { question, options } of rightAnswers()) {
				for (const option of options) {
					await page.locator(`input[name="q:${question.id}"][value="${option.id}"]`).check();
				}
			}
			await page.getByRole('button', { name: 'Valider mes réponses' }).click();
			await page.getByRole('region', { name: 'Votre résultat' }).waitFor();
			expect(await page.getByText('100 %', { exact: true }).count()).toBe(1);
			expect(
				await page.getByText('Ce résultat n’est pas enregistré.', { exact: false }).count()
			).toBe(1);
			expect(await page.getByRole('link', { name: 'Créez un compte' }).count()).toBe(1);
			expect(query<{ n: number }>('SELECT count(*) AS n FROM quiz_attempts')[0].n).toBe(before);
			expect(await page.context().cookies()).toEqual([]);
		});
	});
}

describe('the quiz page', () => {
	test('a double tap on the quiz’s button stores one attempt, and Back shows the quiz with no box ticked', async () => {
		const attempts = (username: string) =>
			query(
				'SELECT 1 FROM quiz_attempts JOIN users ON users.id = user_id WHERE username = ?',
				username
			).length;
		const tapper = createAccount('learner', 'tapper');
		const page = await signIn(await newContext(), tapper);
		await visit(page, QUIZ_URL);
		for (const { question, options } of rightAnswers()) {
			for (const option of options) {
				await page.locator(`input[name="q:${question.id}"][value="${option.id}"]`).check();
			}
		}
		await page.getByRole('button', { name: 'Valider mes réponses' }).dblclick();
		await page.waitForURL(/\/quiz\/attempts\/\d+$/);
		await page.getByRole('region', { name: 'Votre résultat' }).waitFor();
		expect(attempts(tapper)).toBe(1);

		// Without JavaScript, the page comes back with its questions in a new order: the browser
		// must not tick again, by their place, the boxes ticked before.
		const reader = createAccount('learner', 'back');
		const noScript = await signIn(await newContext({ javaScript: false }), reader);
		await visit(noScript, QUIZ_URL);
		for (const question of quiz.questions) {
			await noScript.locator(`input[name="q:${question.id}"]`).first().check();
		}
		await noScript.getByRole('button', { name: 'Valider mes réponses' }).click();
		await noScript.waitForURL(/\/quiz\/attempts\/\d+$/);
		await noScript.goBack();
		await noScript.getByRole('button', { name: 'Valider mes réponses' }).waitFor();
		expect(await noScript.locator('input:checked').count()).toBe(0);
		expect(attempts(reader)).toBe(1);
	});

	test('reveals no right answer, no feedback and no explanation before submission, in its HTML or its scripts', async () => {
		const page = await newPage();
		const bodies: string[] = [];
		page.on('response', async (response) => {
			const type = response.headers()['content-type'] ?? '';
			if (/html|javascript|json/.test(type)) bodies.push(await response.text().catch(() => ''));
		});
		await visit(page, QUIZ_URL);
		const everything = bodies.join('\n').replace(/\u00a0/g, ' ');
		expect(bodies.length).toBeGreaterThan(1);
		for (const question of quiz.questions) {
			for (const option of question.options) {
				expect(everything).not.toContain(plain(option.feedbackHtml));
			}
			if (question.explanationHtml)
				expect(everything).not.toContain(plain(question.explanationHtml));
		}
		// The page's data describes options by id and text only: no flag says which one is right.
		expect(everything).not.toMatch(/correct["']?\s*:\s*(true|false|!0|!1)/);
		expect(everything).toContain(quiz.questions[0].options[0].id);
	});

	test('tampered submissions get a 400 with a clear message, and nothing is stored', async () => {
		const username = createAccount('learner', 'tamperer');
		const context = await newContext();
		await signIn(context, username);
		const [single, second] = quiz.questions.filter((question) => !question.multiple);
		const post = (body: string) =>
			context.request.post(QUIZ_URL, {
				headers: {
					origin: baseURL,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				data: body
			});
		const cases: [string, string][] = [
			[`q:${single.id}=${single.options[0].id}`, 'ne dit pas dans quel ordre'],
			['seed=1&q:nope=x', 'Le questionnaire a changé'],
			[`seed=1&q:${single.id}=inexistante`, 'ne correspond à aucune option'],
			[
				`seed=1&q:${single.id}=${single.options[0].id}&q:${single.id}=${single.options[0].id}`,
				'envoyée deux fois'
			],
			[
				`seed=1&q:${single.id}=${single.options[0].id}&q:${single.id}=${single.options[1].id}`,
				'qui n’en attend qu’une'
			],
			[
				'seed=1&' + Array.from({ length: 250 }, (_, i) => `q:${second.id}=${i}`).join('&'),
				'trop volumineuse'
			]
		];
		for (const [body, message] of cases) {
			const response = await post(encodeURI(body).replace(/%26/g, '&'));
			expect(response.status(), body.slice(0, 60)).toBe(400);
			expect(await response.text()).toContain(message);
		}
		const huge = await post(`seed=1&q:${single.id}=${'x'.repeat(600 * 1024)}`);
		expect(huge.status()).toBe(413);
		const stored = query(
			'SELECT 1 FROM quiz_attempts JOIN users ON users.id = user_id WHERE username = ?',
			username
		);
		expect(stored).toEqual([]);
	});

	test('a form posted from another site is refused', async () => {
		const response = await fetch(`${baseURL}${QUIZ_URL}`, {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'q:x=y'
		});
		expect(response.status).toBe(403);
	});
});

describe('accounts', () => {
	test('a newcomer registers without JavaScript, keeps what they typed after a mistake, confirms their address and manages their account', async () => {
		const page = await newPage({ javaScript: false });
		await visit(page, '/register');
		const username = `nouveau${Date.now().toString(36)}`;
		await page.getByLabel('Nom d’utilisateur·ice').fill(username);
		await page.getByLabel('Adresse e-mail').fill(`${username}@example.org`);
		await page.getByLabel('Mot de passe').fill('password');
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.getByText('Ce mot de passe fait partie des plus courants').waitFor();
		expect(await page.getByText('Ce mot de passe fait partie des plus courants').count()).toBe(1);
		expect(await page.getByLabel('Nom d’utilisateur·ice').inputValue()).toBe(username);
		expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(`${username}@example.org`);
		expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');

		await page.getByLabel('Mot de passe').fill(PASSWORD);
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.waitForURL((url) => url.searchParams.has('sent'));
		expect(
			await page.getByText('un message vient d’être envoyé à l’adresse indiquée').count()
		).toBe(1);

		const outbox = path.join(dataDir, 'outbox');
		const emailTo = (address: string) =>
			readdirSync(outbox)
				.map((name) => readFileSync(path.join(outbox, name), 'utf8'))
				.find((text) => text.includes(`To: ${address}`));
		await expect.poll(() => emailTo(`${username}@example.org`)).toBeDefined();
		const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(
			(emailTo(`${username}@example.org`) ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=')
		)?.[0];
		expect(link).toBeDefined();
		await visit(page, new URL(link!).pathname + new URL(link!).search);
		await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
		await page.waitForURL('**/account?notice=welcome');
		expect(await page.getByText(`Bienvenue, ${username}`).count()).toBe(1);

		await visit(page, '/account');
		expect(await page.getByText('(confirmée)').count()).toBe(1);
		const sessions = page.getByRole('region', { name: 'Sessions actives' });
		expect(await sessions.getByText('(cette session)').count()).toBe(1);

		await page.locator('#password-current').fill('pas le bon');
		await page.getByLabel('Nouveau mot de passe').fill('une autre phrase de passe');
		await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
		await page.getByText('Le mot de passe actuel est incorrect.').waitFor();
		expect(await page.getByText('Le mot de passe actuel est incorrect.').count()).toBe(1);

		const download = await page.request.get('/account/export');
		expect(download.headers()['content-disposition']).toContain('attachment');
		expect((await download.json()).profile.username).toBe(username);

		await page.locator('#delete-current-password').fill(PASSWORD);
		await page.getByLabel('Je comprends que cette suppression est définitive.').check();
		await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
		await page.waitForURL('**/login?notice=account-deleted');
		expect(query('SELECT 1 FROM users WHERE username = ?', username)).toEqual([]);
		expect(await page.context().cookies()).toEqual([]);
	});

	test('registration reports every invalid field at once, and a taken address answers like a new one', async () => {
		const existing = createAccount();
		const page = await newPage({ javaScript: false });
		await visit(page, '/register');
		await page.getByLabel('Nom d’utilisateur·ice').fill('a');
		await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
		await page.getByLabel('Mot de passe').fill('court');
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		expect(await page.getByText('doit faire 3 à 32 caractères').count()).toBe(1);
		expect(await page.getByText('ne semble pas valide').count()).toBe(1);
		expect(await page.getByText('Le mot de passe doit faire au moins 8 caractères.').count()).toBe(
			1
		);

		await page.getByLabel('Nom d’utilisateur·ice').fill(`autre-${existing}`);
		await page.getByLabel('Adresse e-mail').fill(`${existing}@example.org`);
		await page.getByLabel('Mot de passe').fill(PASSWORD);
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.waitForURL((url) => url.searchParams.has('sent'));
		expect(
			await page.getByText('un message vient d’être envoyé à l’adresse indiquée').count()
		).toBe(1);
		expect(query('SELECT 1 FROM users WHERE username = ?', `autre-${existing}`)).toEqual([]);
	});

	test('registering from a lesson says to check the mailbox and leads back to the lesson', async () => {
		const lesson = firstSequence.lessons[0];
		const page = await newPage({ javaScript: false });
		await visit(page, `/register?redirectTo=${encodeURIComponent(lesson.url)}`);
		const username = `lecteur${Date.now().toString(36)}`;
		await page.getByLabel('Nom d’utilisateur·ice').fill(username);
		await page.getByLabel('Adresse e-mail').fill(`${username}@example.org`);
		await page.getByLabel('Mot de passe').fill(PASSWORD);
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		expect(await page.getByText('Vérifiez votre boîte aux lettres').count()).toBe(1);
		await page.getByRole('link', { name: 'Revenir à la page d’où vous veniez' }).click();
		await page.waitForURL((url) => url.pathname === lesson.url);
	});

	test('a redirect target with control or wide-space characters never leaves the site nor fails', async () => {
		for (const target of ['/\t/evil.example/', '/\u3000/evil.example', '/\n/x']) {
			const signIn = await fetch(`${baseURL}/login?redirectTo=${encodeURIComponent(target)}`);
			expect(signIn.status).toBe(200);
			const html = await signIn.text();
			// The sign-in form sends the reader home; only the footer's language form keeps the
			// address as it was typed, escaped in a hidden field that the next page checks again.
			expect(html).toContain('<input type="hidden" name="redirectTo" value="/"/>');
			expect(html).not.toMatch(/(href|action)="[^"]*evil\.example/);
		}
		const username = `cible${randomBytes(4).toString('hex')}`;
		const response = await fetch(`${baseURL}/register`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseURL, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				username,
				email: `${username}@example.org`,
				password: PASSWORD,
				redirectTo: '/\u3000/evil.example'
			})
		});
		expect(response.status).toBe(200);
		expect(await response.text()).not.toContain('evil.example');
	});

	test('a notice named after an object internal shows nothing', async () => {
		const context = await newContext({ javaScript: false });
		const page = await signIn(context, createAccount());
		for (const notice of ['constructor', 'toString', '__proto__']) {
			await visit(page, `/account?notice=${notice}`);
			expect(await page.getByText('native code', { exact: false }).count()).toBe(0);
			expect(await page.getByText('[object', { exact: false }).count()).toBe(0);
		}
		const anonymous = await newPage({ javaScript: false });
		await visit(anonymous, '/login?notice=constructor');
		expect(await anonymous.getByText('native code', { exact: false }).count()).toBe(0);
	});

	test('a learner turns on a second factor without JavaScript, then signs in with a code from the app, or a recovery code', async () => {
		const username = createAccount();
		const context = await newContext({ javaScript: false });
		const page = await signIn(context, username);
		await visit(page, '/account');
		const section = page.getByRole('region', { name: 'Double authentification' });
		await section.getByLabel('Mot de passe actuel').fill(PASSWORD);
		await section.getByRole('button', { name: 'Activer la double authentification' }).click();
		const key = (await section.locator('code.key').textContent())!.replace(/\s/g, '');
		const codeAt = (timestamp: number) =>
			TOTP.generate({ secret: Secret.fromBase32(key), timestamp });
		await section.getByLabel('Code').fill(codeAt(Date.now()));
		await section.getByRole('button', { name: 'Confirmer et activer' }).click();
		expect(await section.getByText('Vos codes de secours').count()).toBe(1);
		expect(await section.locator('ul.codes li').count()).toBe(10);
		const recovery = (await section.locator('ul.codes li').first().textContent())!.trim();
		await signOut(page);

		// With JavaScript, the code is sent from the sign-in page to /login/code: its refusal shows
		// on the sign-in page all the same, then a recovery code opens the session.
		/** Signs in with the password, gives a wrong code, sees it refused, then gives `code`. */
		const signInWithCode = async (page: Page, code: string) => {
			await visit(page, '/login');
			await page.getByLabel('Nom d’utilisateur·ice ou adresse e-mail').fill(username);
			await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
			await page.getByRole('button', { name: 'Se connecter' }).click();
			await page.getByLabel('Code').fill('000000');
			await page.getByRole('button', { name: 'Valider' }).click();
			await page.getByText('Ce code n’est pas valable.', { exact: false }).waitFor();
			expect(await page.getByText('Ce code n’est pas valable.', { exact: false }).count()).toBe(1);
			await page.getByLabel('Code').fill(code);
			await page.getByRole('button', { name: 'Valider' }).click();
			await page.waitForURL((url) => url.pathname === '/');
		};
		await signInWithCode(await (await newContext()).newPage(), recovery);

		const again = await context.newPage();
		await signInWithCode(again, codeAt(Date.now() + 30_000));
		await visit(again, '/account');
		expect(await again.getByText('La double authentification est active.').count()).toBe(1);
	});

	test('a password changed with JavaScript leaves no password in the form', async () => {
		const page = await signIn(await newContext(), createAccount());
		await visit(page, '/account');
		await page.locator('#password-current').fill(PASSWORD);
		await page.getByLabel('Nouveau mot de passe').fill('une autre phrase de passe assez longue');
		await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
		await page.getByText('Mot de passe changé.', { exact: false }).waitFor();
		expect(await page.locator('#password-current').inputValue()).toBe('');
		expect(await page.getByLabel('Nouveau mot de passe').inputValue()).toBe('');
	});

	test('the code step opened on its own says why there is nothing to fill in, and where to go', async () => {
		const page = await newPage({ javaScript: false });
		const response = await visit(page, '/login/code');
		expect(response.status()).toBe(200);
		await page.getByText('cette étape n’est pas ouverte', { exact: false }).waitFor();
		expect(
			await page.getByRole('link', { name: 'Se connecter à nouveau' }).getAttribute('href')
		).toBe('/login');
	});

	test('a wrong password and an unknown account get the same message, and the login typed is kept', async () => {
		const username = createAccount();
		const page = await newPage({ javaScript: false });
		for (const login of [username, 'personne-inconnue']) {
			await visit(page, '/login');
			await page.getByLabel('Nom d’utilisateur·ice ou adresse e-mail').fill(login);
			await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
			await page.getByRole('button', { name: 'Se connecter' }).click();
			await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();
			expect(await page.getByText('Identifiant ou mot de passe incorrect.').count()).toBe(1);
			expect(await page.getByLabel('Nom d’utilisateur·ice ou adresse e-mail').inputValue()).toBe(
				login
			);
		}
	});

	test('signing out ends the session on the server: the old cookie no longer opens the account', async () => {
		const username = createAccount();
		const context = await newContext();
		const page = await signIn(context, username);
		const [cookie] = await context.cookies();
		expect(cookie).toMatchObject({ name: 'session', httpOnly: true, sameSite: 'Lax' });
		await signOut(page);
		const replay = await fetch(`${baseURL}/account`, {
			headers: { cookie: `session=${cookie.value}` },
			redirect: 'manual'
		});
		expect(replay.status).toBe(303);
		expect(replay.headers.get('location')).toContain('/login');
	});
});
