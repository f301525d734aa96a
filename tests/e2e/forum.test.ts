// Lesson discussions on the production build: learners post, authors decide, moderators act.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser,
	type ReaderOptions
} from '../helpers/browser.ts';
import { createAccount, signIn, type Role } from '../helpers/people.ts';

const { baseURL, newContext, visit } = useBrowser();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Each story signs several people in, each through the sign-in form, on a possibly busy machine. */
const STORY_TIMEOUT = 240_000;

const COURSE = 'emanciper-son-association';
const stripOrder = (name: string) => name.replace(/^\d+-/, '').replace(/\.md$/, '');
/** Lessons of the first sequence, read from the course: one per story, so counts stay apart. */
const lessons = (() => {
	const courseDir = path.join(ROOT, 'courses', COURSE);
	const folder = readdirSync(courseDir)
		.filter((name) => /^\d+-/.test(name))
		.sort()[0];
	return readdirSync(path.join(courseDir, folder))
		.filter((name) => /^\d+-.*\.md$/.test(name))
		.sort()
		.map((name) => {
			const key = `${COURSE}/${stripOrder(folder)}/${stripOrder(name)}`;
			return { key, url: `/${key}` };
		});
})();

/** A signed-in reader in a browser of their own. */
async function personWith(role: Role, options: ReaderOptions = {}) {
	const username = createAccount(role);
	const context = await newContext(options);
	const page = await signIn(context, username);
	return { username, context, page };
}

const discussionOf = (page: Page) => page.getByRole('region', { name: 'Discussion', exact: true });
const newThreadForm = (page: Page) => page.getByRole('form', { name: 'Ouvrir une discussion' });

/** Opens a thread through the course's own « new discussion » page; returns its address. */
async function startThread(
	page: Page,
	lessonKey: string,
	{ kind = 'Question', title, body }: { kind?: string; title: string; body: string }
) {
	await visit(page, `/${COURSE}/discussions/new?lesson=${encodeURIComponent(lessonKey)}`);
	const form = newThreadForm(page);
	await form.getByLabel(kind, { exact: true }).check();
	await form.getByLabel('Titre').fill(title);
	await form.getByLabel('Message').fill(body);
	await form.getByRole('button', { name: 'Publier' }).click();
	await page.waitForURL(/\/discussions\/\d+/);
	return new URL(page.url()).pathname;
}

async function reply(page: Page, threadUrl: string, body: string) {
	await visit(page, threadUrl);
	await page.getByLabel('Votre réponse').fill(body);
	await page.getByRole('button', { name: 'Publier la réponse' }).click();
	await page.getByText('Votre réponse est publiée.').waitFor();
	// The box is empty again, so nothing gets posted twice by mistake.
	expect(await page.getByLabel('Votre réponse').inputValue()).toBe('');
}

/** The post whose text contains `text`, as a list item of the thread. */
const postWith = (page: Page, text: string) => page.locator('ol.posts > li', { hasText: text });

describe.for([
	['JavaScript on', true, lessons[1]],
	['JavaScript off', false, lessons[2]]
] as const)('with %s', { timeout: STORY_TIMEOUT }, ([, javaScript, lesson]) => {
	test('a learner suggests an improvement under a lesson, keeps their text after a mistake, and a moderator accepts it', async () => {
		const learner = await personWith('learner', { javaScript });
		const page = learner.page;
		await visit(page, lesson.url);
		const discussion = discussionOf(page);
		const pendingBefore = Number(
			await discussion.locator('[data-pending]').getAttribute('data-pending')
		);

		const title = `Un exemple de charte ${randomBytes(3).toString('hex')}`;
		const body = 'Un **exemple** de charte informatique aiderait à passer à l’action.';
		let form = newThreadForm(page);
		await form.getByLabel('Suggestion d’amélioration').check();
		await form.getByLabel('Message').fill(body);
		await form.getByRole('button', { name: 'Publier' }).click();

		// No title: the message says so, and nothing typed is lost (without JavaScript, on the
		// « new discussion » page the form posted to).
		await page.getByText('Donnez un titre à votre message.').waitFor();
		form = newThreadForm(page);
		expect(await form.getByLabel('Message').inputValue()).toBe(body);
		expect(await form.getByLabel('Suggestion d’amélioration').isChecked()).toBe(true);
		expect(await form.getByLabel('Titre').getAttribute('aria-invalid')).toBe('true');

		await form.getByLabel('Titre').fill(title);
		await form.getByRole('button', { name: 'Publier' }).click();
		await page.waitForURL(/\/discussions\/\d+\?notice=created/);
		const threadUrl = new URL(page.url()).pathname;
		await page.getByText('Votre discussion est ouverte. Merci !').waitFor();
		expect(await page.locator('h1').textContent()).toBe(title);
		expect(await page.locator('header.thread-header').textContent()).toContain('Ouvert');
		expect(
			await postWith(page, 'charte informatique').locator('strong', { hasText: 'exemple' }).count()
		).toBe(1);

		await visit(page, lesson.url);
		expect(
			Number(await discussionOf(page).locator('[data-pending]').getAttribute('data-pending'))
		).toBe(pendingBefore + 1);
		await discussionOf(page).getByRole('link', { name: title }).waitFor();

		// The learner may not decide on their own suggestion: no form, and the server refuses.
		await visit(page, threadUrl);
		expect(await page.getByRole('button', { name: 'Enregistrer le statut' }).count()).toBe(0);
		const forged = await learner.context.request.post(`${baseURL}${threadUrl}?/status`, {
			form: { status: 'accepted', note: '' },
			headers: { origin: baseURL, accept: 'text/html' }
		});
		expect(forged.status()).toBe(403);

		const moderator = await personWith('moderator', { javaScript });
		await visit(moderator.page, threadUrl);
		const staff = moderator.page.getByRole('region', { name: 'Suivi de la discussion' });
		await staff.getByLabel('Accepté', { exact: true }).check();
		await staff.getByLabel('Note (facultative)').fill('Bonne idée : nous l’ajoutons.');
		await staff.getByRole('button', { name: 'Enregistrer le statut' }).click();
		await moderator.page.getByText('Le statut est enregistré.').waitFor();

		for (const reader of [moderator.page, page]) {
			await visit(reader, threadUrl);
			const header = reader.locator('header.thread-header');
			expect(await header.textContent()).toContain('Accepté');
			expect(await header.textContent()).toContain('Bonne idée : nous l’ajoutons.');
			expect(await header.textContent()).toContain(`Décidé par ${moderator.username}`);
		}

		await visit(page, `/${COURSE}/discussions?kind=suggestion&status=accepted`);
		const item = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('link', { name: title }) });
		expect(await item.textContent()).toContain('Accepté');
		expect(await item.textContent()).toContain(`par ${learner.username}`);
		await visit(page, `/${COURSE}/discussions?kind=question`);
		expect(await page.getByRole('link', { name: title }).count()).toBe(0);
	});
});

describe('moderation', { timeout: STORY_TIMEOUT }, () => {
	test('flags lead a moderator to hide a post; others then see it masked, its author still sees it', async () => {
		const lesson = lessons[3];
		const asker = await personWith('learner');
		const rude = await personWith('learner');
		const witness = await personWith('learner');
		const threadUrl = await startThread(asker.page, lesson.key, {
			title: `Une question ${randomBytes(3).toString('hex')}`,
			body: 'Comment inventorier les outils ?'
		});
		const insult = `Question idiote, franchement ${randomBytes(3).toString('hex')}`;
		await reply(rude.page, threadUrl, insult);

		await visit(witness.page, threadUrl);
		const post = postWith(witness.page, insult);
		await post.getByText('Signaler', { exact: true }).click();
		await post.getByLabel('Raison du signalement').fill('Propos méprisant envers la personne.');
		await post.getByRole('button', { name: 'Envoyer le signalement' }).click();
		await witness.page.getByText('Merci : le message est signalé aux modérateur·ices.').waitFor();
		expect(await postWith(witness.page, insult).textContent()).toContain(
			'Vous avez signalé ce message.'
		);

		const moderator = await personWith('moderator');
		await visit(moderator.page, '/moderation');
		const flagged = moderator.page
			.getByRole('region', { name: 'Messages signalés' })
			.getByRole('listitem')
			.filter({ hasText: insult })
			.first();
		expect(await flagged.textContent()).toContain('Propos méprisant envers la personne.');
		await flagged
			.getByLabel('Note pour le journal de modération (facultative)')
			.first()
			.fill('Méprisant');
		await flagged.getByRole('button', { name: 'Masquer le message' }).click();
		await moderator.page.getByText('Le message est masqué.').waitFor();
		expect(await moderator.page.getByText(insult).count()).toBe(0);

		for (const reader of [witness.page, asker.page]) {
			await visit(reader, threadUrl);
			expect(await reader.getByText(insult).count()).toBe(0);
			await reader.getByText('message masqué par la modération').waitFor();
		}
		const anonymous = await (await newContext()).newPage();
		await visit(anonymous, threadUrl);
		expect(await anonymous.getByText(insult).count()).toBe(0);
		expect(await anonymous.getByText('message masqué par la modération').count()).toBe(1);

		await visit(rude.page, threadUrl);
		expect(await postWith(rude.page, insult).textContent()).toContain(
			'Ce message est masqué par la modération'
		);

		await visit(moderator.page, '/moderation/log');
		const entry = moderator.page
			.getByRole('row')
			.filter({ hasText: 'a masqué un message' })
			.first();
		expect(await entry.textContent()).toContain(moderator.username);
		expect(await entry.textContent()).toContain('Méprisant');
	});

	test('a locked thread takes no reply, from the page or from a forged request', async () => {
		const lesson = lessons[0];
		const learner = await personWith('learner');
		const author = await personWith('author');
		const threadUrl = await startThread(learner.page, lesson.key, {
			kind: 'Erratum',
			title: `Lien cassé ${randomBytes(3).toString('hex')}`,
			body: 'Le lien vers le guide ne répond plus.'
		});

		await visit(author.page, threadUrl);
		await author.page.getByRole('button', { name: 'Verrouiller la discussion' }).click();
		await author.page.getByText('La discussion est verrouillée.').waitFor();

		await visit(learner.page, threadUrl);
		expect(await learner.page.getByLabel('Votre réponse').count()).toBe(0);
		expect(
			await learner.page.getByText('Cette discussion est verrouillée', { exact: false }).count()
		).toBeGreaterThan(0);
		const forged = await learner.context.request.post(`${baseURL}${threadUrl}?/reply`, {
			form: { body: 'Je réponds quand même.' },
			headers: { origin: baseURL, accept: 'text/html' }
		});
		expect(forged.status()).toBe(403);
		await visit(learner.page, threadUrl);
		expect(await learner.page.getByText('Je réponds quand même.').count()).toBe(0);

		await visit(author.page, threadUrl);
		await author.page.getByRole('button', { name: 'Déverrouiller la discussion' }).click();
		await author.page.getByText('La discussion est déverrouillée.').waitFor();
		await reply(learner.page, threadUrl, 'Merci pour le déverrouillage.');
	});

	test("a reply posted under another course's address is refused and not stored", async () => {
		const learner = await personWith('learner');
		const threadUrl = await startThread(learner.page, lessons[0].key, {
			title: `Adresse ${randomBytes(3).toString('hex')}`,
			body: 'Une question posée au bon endroit.'
		});
		const threadId = threadUrl.split('/').at(-1);
		for (const course of ['no-such-course', 'demo']) {
			const forged = await learner.context.request.post(
				`${baseURL}/${course}/discussions/${threadId}?/reply`,
				{
					form: { body: `Réponse par ${course}.` },
					headers: { origin: baseURL, accept: 'text/html' }
				}
			);
			expect(forged.status()).toBe(404);
		}
		await visit(learner.page, threadUrl);
		expect(await learner.page.getByText('Réponse par', { exact: false }).count()).toBe(0);

		for (const notice of ['constructor', '__proto__', 'toString']) {
			await visit(learner.page, `${threadUrl}?notice=${notice}`);
			expect(await learner.page.getByText('native code', { exact: false }).count()).toBe(0);
		}
	});

	test('a learner cannot open the moderation queue', async () => {
		const learner = await personWith('learner');
		const response = await visit(learner.page, '/moderation');
		expect(response.status()).toBe(403);
		const anonymous = await (await newContext()).newPage();
		await visit(anonymous, '/moderation');
		expect(new URL(anonymous.url()).pathname).toBe('/login');
	});
});

describe('writing without JavaScript', { timeout: STORY_TIMEOUT }, () => {
	test('a learner edits their post (marked « modifié ») and deletes a reply (« message supprimé » for others)', async () => {
		const learner = await personWith('learner', { javaScript: false });
		const page = learner.page;
		const threadUrl = await startThread(page, lessons[0].key, {
			title: `Question à corriger ${randomBytes(3).toString('hex')}`,
			body: 'Premier jet de ma question.'
		});
		await reply(page, threadUrl, 'Une précision que je regretterai.');

		await postWith(page, 'Premier jet').getByRole('link', { name: 'Modifier' }).click();
		const editor = postWith(page, 'Enregistrer');
		await editor.getByLabel('Message', { exact: true }).fill('');
		await editor.getByRole('button', { name: 'Enregistrer' }).click();
		// Refused: the message says why and the form stays open on the same post.
		await page.getByText('Écrivez votre message.').waitFor();
		await postWith(page, 'Enregistrer')
			.getByLabel('Message', { exact: true })
			.fill('Ma question, reformulée.');
		await postWith(page, 'Enregistrer').getByRole('button', { name: 'Enregistrer' }).click();
		await page.getByText('Le message est modifié.').waitFor();
		expect(await postWith(page, 'Ma question, reformulée.').textContent()).toContain('modifié');

		await postWith(page, 'Une précision')
			.getByRole('button', { name: 'Supprimer ce message' })
			.click();
		await page.getByText('Le message est supprimé.').waitFor();

		const other = await (await newContext({ javaScript: false })).newPage();
		await visit(other, threadUrl);
		expect(await other.getByText('Une précision que je regretterai.').count()).toBe(0);
		expect(await other.getByText('message supprimé', { exact: true }).count()).toBe(1);
		expect(await other.getByText('Ma question, reformulée.').count()).toBe(1);
	});
});

describe('following a course', { timeout: STORY_TIMEOUT }, () => {
	test('the Atom feed lists new suggestions and errata with their author and no other personal data', async () => {
		const learner = await personWith('learner');
		const title = `Erratum pour le flux ${randomBytes(3).toString('hex')}`;
		await startThread(learner.page, lessons[0].key, {
			kind: 'Erratum',
			title,
			body: 'Une coquille <script>alert(1)</script> dans le titre.'
		});
		const response = await fetch(`${baseURL}/${COURSE}/discussions/feed.xml`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
		const xml = await response.text();
		expect(xml).toMatch(
			/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/
		);
		expect(xml).toContain(`<title>[Erratum] ${title}</title>`);
		expect(xml).toContain(`<author><name>${learner.username}</name></author>`);
		expect(xml).not.toContain('@example.org');
		expect(xml).not.toContain('<script');
	});
});

describe('accessibility', { timeout: STORY_TIMEOUT }, () => {
	test('axe finds no violation on the discussion pages', async () => {
		const learner = await personWith('learner');
		const threadUrl = await startThread(learner.page, lessons[0].key, {
			title: `Pour axe ${randomBytes(3).toString('hex')}`,
			body: 'Un message avec une [référence](https://example.org) et une note[^1].\n\n[^1]: La note.'
		});
		const moderator = createAccount('moderator');
		const context = await newContext(AXE_CONTEXT);
		const page = await signIn(context, moderator);
		for (const url of [
			lessons[0].url,
			threadUrl,
			`/${COURSE}/discussions`,
			`/${COURSE}/discussions/new`,
			'/moderation',
			'/moderation/log'
		]) {
			await visit(page, url);
			expect(describeViolations(await findAccessibilityViolations(page)), url).toEqual([]);
		}
	});
});

test('a post’s time reads the same with and without JavaScript, whatever the reader’s clock', async () => {
	const { page } = await personWith('learner');
	const threadUrl = await startThread(page, lessons[0].key, {
		title: 'À quelle heure ?',
		body: 'Une question posée à une heure précise.'
	});
	const shown: string[] = [];
	for (const javaScript of [false, true]) {
		// A reader in Montréal; the site shows its own zone (TIME_ZONE, Europe/Paris by default).
		const reader = await (
			await newContext({ javaScript, timezoneId: 'America/Montreal' })
		).newPage();
		await visit(reader, threadUrl);
		shown.push((await reader.locator('ol.posts time').first().innerText()).trim());
	}
	expect(shown[0]).toMatch(/^\d{1,2} \S+ \d{4} à \d{2}:\d{2} UTC\+[12]$/);
	expect(shown[1]).toBe(shown[0]);
});

test('the course’s discussions say where to ask: a new discussion, or signing in first', async () => {
	const anonymous = await (await newContext({ javaScript: false })).newPage();
	await visit(anonymous, `/${COURSE}/discussions`);
	const signInLink = anonymous.getByRole('link', { name: 'connectez-vous' });
	expect(await signInLink.getAttribute('href')).toMatch(
		new RegExp(`^/login\\?redirectTo=${encodeURIComponent(`/${COURSE}/discussions`)}(&|$)`)
	);
	const { page } = await personWith('learner');
	await visit(page, `/${COURSE}/discussions`);
	await page.getByRole('link', { name: 'Nouvelle discussion' }).click();
	await page.waitForURL(`**/${COURSE}/discussions/new`);
	await newThreadForm(page).waitFor();
});
