// A learner who completes a course receives a certificate, and a stranger can verify it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser
} from '../helpers/browser.ts';
import { queryServerDatabase as query } from '../helpers/file-server.ts';
import { createAccount, signIn } from '../helpers/people.ts';

const { baseURL, dataDir, newContext, newPage, visit } = useBrowser();
const { index } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const lastSequence = course.sequences.at(-1)!;
const lastQuiz = lastSequence.quiz!;

/**
 * The learner's past work, as the server would have recorded it: every lesson done and every
 * quiz passed but, unless `lastQuiz` is true, the last one.
 */
function hasWorkedThrough(username: string, { lastQuiz: passedLast = false } = {}) {
	const database = new SQLite(path.join(dataDir, 'parcours.db'), { fileMustExist: true });
	try {
		database.pragma('busy_timeout = 30000');
		const { id } = database.prepare('SELECT id FROM users WHERE username = ?').get(username) as {
			id: number;
		};
		const now = Date.now();
		const lesson = database.prepare(
			'INSERT INTO lesson_progress (user_id, lesson_key, course_slug, first_visited_at, last_visited_at, completed_at) VALUES (?, ?, ?, ?, ?, ?)'
		);
		const attempt = database.prepare(
			"INSERT INTO quiz_attempts (user_id, course_slug, quiz_key, score, passed, answers, created_at) VALUES (?, ?, ?, 100, 1, '{}', ?)"
		);
		database.transaction(() => {
			for (const sequence of course.sequences) {
				for (const { key } of sequence.lessons) lesson.run(id, key, course.slug, now, now, now);
				if (sequence.quiz && (sequence !== lastSequence || passedLast))
					attempt.run(id, course.slug, sequence.key, now);
			}
		})();
	} finally {
		database.close();
	}
}

async function passLastQuiz(page: Page) {
	await visit(page, lastQuiz.url);
	for (const question of lastQuiz.questions) {
		for (const option of question.options.filter((candidate) => candidate.correct))
			await page.locator(`input[name="q:${question.id}"][value="${option.id}"]`).check();
	}
	await page.getByRole('button', { name: 'Valider mes réponses' }).click();
	await page
		.getByRole('region', { name: 'Votre résultat' })
		.getByText(/^Réussi/)
		.waitFor();
}

/** Claims the course's certificate from the learner's certificates page; returns its address. */
async function claim(page: Page, name: string) {
	await visit(page, '/certificates');
	await page.getByLabel('Nom à imprimer').fill(name);
	await page.getByRole('button', { name: 'Recevoir mon certificat' }).click();
	await page.waitForURL(/\/certificates\/[\w-]{22}\?notice=issued$/);
	await page.getByRole('heading', { level: 1, name: 'Certificat valide' }).waitFor();
	return new URL(page.url()).pathname;
}

test('the server made its certificate signing key into its database when it started, and publishes its public half', async () => {
	expect(existsSync(path.join(dataDir, 'certificate-key.jwk'))).toBe(false);
	const rows = query<{ private_jwk: string }>('SELECT private_jwk FROM signing_keys');
	expect(rows).toHaveLength(1);
	const stored = JSON.parse(rows[0].private_jwk) as JWK;
	const published = (await (await fetch(`${baseURL}/certificates/issuer/key`)).json()) as JWK;
	expect(published).toEqual({ kty: 'OKP', crv: 'Ed25519', x: stored.x });
});

for (const javaScript of [true, false]) {
	describe(`with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
		test('a learner who passes the last quiz receives a certificate and a stranger can verify it', async () => {
			const username = createAccount('learner', 'graduate');
			hasWorkedThrough(username);
			const page = await signIn(await newContext({ javaScript }), username);

			await visit(page, '/certificates');
			expect(await page.getByText('Aucun cours terminé ne vous attend').count()).toBe(1);
			expect(await page.getByLabel('Nom à imprimer').count()).toBe(0);

			await passLastQuiz(page);
			await visit(page, '/dashboard');
			await page.getByRole('link', { name: 'Mes certificats' }).click();
			await page.waitForURL('**/certificates');
			const form = page.locator('form').filter({ hasText: course.title });
			await form.getByRole('button', { name: 'Recevoir mon certificat' }).click();
			await form.getByText('Indiquez le nom à imprimer sur le certificat.').waitFor();
			const tooLong = 'Léa '.repeat(30);
			await form.getByLabel('Nom à imprimer').fill(tooLong);
			await form.getByRole('button', { name: 'Recevoir mon certificat' }).click();
			await form.getByText('Ce nom est trop long (100 caractères au plus).').waitFor();
			expect(await form.getByLabel('Nom à imprimer').inputValue()).toBe(tooLong);

			await form.getByLabel('Nom à imprimer').fill('Léa Martin-Dupont');
			await form.getByRole('button', { name: 'Recevoir mon certificat' }).click();
			await page.waitForURL(/\/certificates\/[\w-]{22}\?notice=issued$/);
			await page.getByText('Votre certificat est prêt.', { exact: false }).waitFor();
			const address = new URL(page.url()).pathname;
			const certificate = page.getByRole('article');
			expect(await certificate.getByText('Léa Martin-Dupont').count()).toBe(1);
			expect(await certificate.getByText(course.title, { exact: true }).count()).toBe(1);
			const hours = Math.floor(course.duration / 60);
			expect(
				await certificate.getByText(new RegExp(`Durée d’étude\u00a0: ${hours}\u00a0h`)).count()
			).toBe(1);

			const stranger = await newPage({ javaScript });
			const response = await visit(stranger, address);
			expect(response.status()).toBe(200);
			await stranger.getByRole('heading', { level: 1, name: 'Certificat valide' }).waitFor();
			expect(await stranger.getByText('Léa Martin-Dupont').count()).toBe(1);
			expect(await stranger.getByText(`${baseURL}${address}`).count()).toBe(1);
			expect(await stranger.content()).not.toContain(username);
			expect(
				await stranger
					.getByRole('button')
					.filter({ hasText: /Supprimer|Révoquer/ })
					.count()
			).toBe(0);

			const pdf = await stranger.request.get(`${address}/certificate.pdf`);
			expect(pdf.status()).toBe(200);
			expect(pdf.headers()['content-type']).toBe('application/pdf');
			expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

			// A verifier with no Parcours code: the badge, then the key its header points to.
			const jwt = await (await fetch(`${baseURL}${address}/credential.jwt`)).text();
			const { kid } = decodeProtectedHeader(jwt);
			expect(kid).toBe(`${baseURL}/certificates/issuer/key`);
			const jwk = (await (await fetch(kid!)).json()) as JWK;
			expect(jwk).not.toHaveProperty('d');
			const { payload } = await jwtVerify(jwt, await importJWK(jwk, 'EdDSA'), {
				issuer: `${baseURL}/certificates/issuer`
			});
			expect(payload.jti).toBe(`${baseURL}${address}`);
			const issuer = await (await fetch(payload.iss!)).json();
			expect(issuer).toMatchObject({ id: payload.iss, type: ['Profile'] });

			const unknown = await newPage({ javaScript });
			const missing = await visit(unknown, '/certificates/AAAAAAAAAAAAAAAAAAAAAA');
			expect(missing.status()).toBe(404);
			await unknown.getByRole('heading', { level: 1, name: 'Certificat inconnu' }).waitFor();
		});

		test('an administrator revokes a certificate with a reason, and a learner deletes theirs: a stranger sees revoked, then unknown', async () => {
			const username = createAccount('learner', 'holder');
			hasWorkedThrough(username, { lastQuiz: true });
			const learner = await signIn(await newContext({ javaScript }), username);
			const address = await claim(learner, 'Camille Œuvray');

			const admin = await signIn(await newContext({ javaScript }), createAccount('admin'));
			await visit(admin, address);
			await admin.getByRole('button', { name: 'Révoquer' }).click();
			await admin.getByText('Indiquez le motif de la révocation.').waitFor();
			await admin.getByLabel('Motif').fill('Compte partagé avec une autre personne.');
			await admin.getByRole('button', { name: 'Révoquer' }).click();
			await admin.getByRole('heading', { level: 1, name: 'Certificat révoqué' }).waitFor();
			expect(
				query<{ revoked_reason: string }>(
					'SELECT revoked_reason FROM certificates WHERE id = ?',
					address.split('/').pop()
				)
			).toEqual([{ revoked_reason: 'Compte partagé avec une autre personne.' }]);

			const stranger = await newPage({ javaScript });
			await visit(stranger, address);
			await stranger.getByRole('heading', { level: 1, name: 'Certificat révoqué' }).waitFor();
			expect(await stranger.getByText('Compte partagé').count()).toBe(0);
			expect((await stranger.request.get(`${address}/certificate.pdf`)).status()).toBe(410);

			await visit(learner, address);
			expect(await learner.getByText('Compte partagé avec une autre personne.').count()).toBe(1);
			await learner.getByRole('button', { name: 'Supprimer le certificat' }).click();
			await learner.getByText('Cochez la case pour confirmer la suppression.').waitFor();
			await learner
				.getByLabel('Je comprends que ce certificat ne pourra plus être vérifié.')
				.check();
			await learner.getByRole('button', { name: 'Supprimer le certificat' }).click();
			await learner.waitForURL('**/certificates?notice=deleted');
			await learner.getByText('Certificat supprimé.').waitFor();

			const later = await visit(stranger, address);
			expect(later.status()).toBe(404);
			await stranger.getByRole('heading', { level: 1, name: 'Certificat inconnu' }).waitFor();
		});
	});
}

test('the certificate pages are readable on a 360 px phone', async () => {
	const username = createAccount('learner', 'phone');
	hasWorkedThrough(username, { lastQuiz: true });
	const page = await signIn(await newContext({ viewport: { width: 360, height: 740 } }), username);
	const address = await claim(page, 'Dominique de La Rochefoucauld-Montmorency');
	for (const url of ['/certificates', address]) {
		await visit(page, url);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, url).toBe(0);
	}
});

test('axe finds no accessibility violation on the certificate pages, for their holder, an administrator and a stranger', async () => {
	const username = createAccount('learner', 'axe');
	hasWorkedThrough(username, { lastQuiz: true });
	const address = await claim(await signIn(await newContext(), username), 'Léa Martin');
	const pages = [
		[await signIn(await newContext(AXE_CONTEXT), username), ['/certificates', address]],
		[await signIn(await newContext(AXE_CONTEXT), createAccount('admin')), [address]],
		[await newPage(AXE_CONTEXT), [address, '/certificates/AAAAAAAAAAAAAAAAAAAAAA']]
	] as const;
	for (const [page, urls] of pages) {
		for (const url of urls) {
			await visit(page, url);
			expect(describeViolations(await findAccessibilityViolations(page)), url).toEqual([]);
		}
	}
});
