// Marie asks a question, Paul answers, Marie gets an email with a link to the answer and
// unsubscribes in one click: in Chromium, with JavaScript on and off, against a production
// server that sends its emails to a real SMTP server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { startSmtpServer } from '../helpers/accounts.ts';
import {
	AXE_CONTEXT,
	describeViolations,
	findAccessibilityViolations,
	useBrowser,
	waitForApp
} from '../helpers/browser.ts';
import { PASSWORD, signIn } from '../helpers/people.ts';
import {
	createLearners,
	databaseFileIn,
	ROOT,
	startServer,
	type RunningServer
} from '../integration/server.ts';

const { newContext } = useBrowser();
const { index } = loadContent(path.join(ROOT, 'courses'));
const course = index.courses[0];
const COURSE = course.slug;
const LESSON = course.sequences[0].lessons[0].key;
const STORY_TIMEOUT = 240_000;

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: RunningServer;
let dataDir: string;

// This file's story needs a server that speaks to a mail server: it starts its own.
beforeAll(async () => {
	smtp = await startSmtpServer();
	dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-e2e-mail-'));
	await createLearners(dataDir, ['marie-js', 'paul-js', 'marie-nojs', 'paul-nojs'], PASSWORD);
	server = await startServer({ dataDir, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
	await server?.stop('SIGTERM');
	await smtp?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

async function open(page: Page, url: string) {
	await page.goto(url);
	await waitForApp(page);
}

/** Waits for the email to `address`, looking again as the mail server receives more. */
async function emailTo(address: string) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const found = smtp.received.find((email) => email.to.includes(address));
		if (found) return found.raw;
		if (Date.now() > deadline) throw new Error(`no email to ${address}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

function readDatabase<T>(sql: string, ...params: unknown[]) {
	const database = new SQLite(databaseFileIn(dataDir), { readonly: true });
	try {
		return database.prepare(sql).all(...params) as T[];
	} finally {
		database.close();
	}
}

describe.for([
	['JavaScript on', true, 'js'],
	['JavaScript off', false, 'nojs']
] as const)('%s', ([, javaScript, suffix]) => {
	test(
		'Marie asks a question, Paul answers, Marie gets an email with a link to the answer and unsubscribes in one click',
		async () => {
			const marieName = `marie-${suffix}`;
			const paulName = `paul-${suffix}`;
			const title = `Par quel outil commencer ? (${suffix})`;
			const answerText = `Commence par la messagerie, tout le monde s’en sert (${suffix}).`;
			const reader = (): Promise<BrowserContext> =>
				newContext({ javaScript, baseURL: server.baseURL });

			// Marie wants to hear at once, rather than in the daily summary.
			const marieBrowser = await reader();
			const marie = await signIn(marieBrowser, marieName);
			await open(marie, '/account');
			await marie.getByLabel(/à chaque événement/).check();
			await marie.getByRole('button', { name: 'Enregistrer' }).click();
			await marie.getByText('Vos préférences de notification sont enregistrées.').waitFor();

			await open(marie, `/${COURSE}/discussions/new?lesson=${encodeURIComponent(LESSON)}`);
			const form = marie.getByRole('form', { name: 'Ouvrir une discussion' });
			await form.getByLabel('Question', { exact: true }).check();
			await form.getByLabel('Titre').fill(title);
			await form.getByLabel('Message').fill('Je ne sais pas par où commencer le diagnostic.');
			await form.getByRole('button', { name: 'Publier' }).click();
			await marie.waitForURL(/\/discussions\/\d+/);
			const threadUrl = new URL(marie.url()).pathname;
			await marie.getByRole('button', { name: 'Ne plus suivre cette discussion' }).waitFor();

			const paul = await signIn(await reader(), paulName);
			await open(paul, threadUrl);
			await paul.getByLabel('Votre réponse').fill(answerText);
			await paul.getByRole('button', { name: 'Publier la réponse' }).click();
			await paul.getByText('Votre réponse est publiée.').waitFor();

			const email = (await emailTo(`${marieName}@example.org`))
				.replace(/\r?\n[ \t]+/g, ' ')
				.replace(/=\r?\n/g, '')
				.replace(/=3D/g, '=');
			expect(email).not.toContain(`${paulName}@example.org`);
			const answerLink = new RegExp(`${server.baseURL}${threadUrl}#post-\\d+`).exec(email)?.[0];
			expect(answerLink).toBeDefined();
			const unsubscribeLink = /List-Unsubscribe: <([^>]+)>/.exec(email)?.[1];
			expect(unsubscribeLink).toBeDefined();

			// The header tells her too; the link of the email leads to the answer, read once there.
			await open(marie, '/');
			await marie.getByRole('link', { name: 'Notifications (1 non lue)' }).waitFor();
			await open(marie, answerLink!);
			const anchor = new URL(answerLink!).hash.slice(1);
			expect(await marie.locator(`li#${anchor}`).textContent()).toContain(answerText);
			await marie.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
			await open(marie, '/notifications');
			await marie
				.getByRole('link', { name: `${paulName} a répondu dans «\u00a0${title}\u00a0»` })
				.waitFor();
			expect(await marie.getByRole('button', { name: 'Tout marquer comme lu' }).count()).toBe(0);

			// Paul adds a word; she marks it read from the list, without opening the thread.
			await open(paul, threadUrl);
			await paul.getByLabel('Votre réponse').fill(`${answerText} Et les agendas ensuite.`);
			await paul.getByRole('button', { name: 'Publier la réponse' }).click();
			await paul.getByText('Votre réponse est publiée.').waitFor();
			await open(marie, '/notifications');
			await marie.getByRole('link', { name: 'Notifications (1 non lue)' }).waitFor();
			await marie.getByRole('button', { name: 'Tout marquer comme lu' }).click();
			await marie.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

			// From her mailbox, signed out: one click on the link, one on the button.
			const mailbox = await (await reader()).newPage();
			await open(mailbox, unsubscribeLink!);
			await mailbox.getByRole('button', { name: 'Me désabonner' }).click();
			await mailbox.getByText('vous ne recevrez plus d’e-mail de notification').waitFor();
			const [settings] = readDatabase<{ email_mode: string }>(
				'SELECT email_mode FROM notification_settings JOIN users ON users.id = user_id WHERE username = ?',
				marieName
			);
			expect(settings.email_mode).toBe('never');

			// She would rather read them in her feed reader.
			await open(marie, '/account');
			await marie.getByRole('button', { name: 'Créer l’adresse du flux' }).click();
			await marie.getByText('Votre flux a une nouvelle adresse.').waitFor();
			const feedUrl = await marie
				.getByRole('link', { name: /\/notifications\/feed\// })
				.textContent();
			const feed = await marieBrowser.request.get(feedUrl!);
			expect(feed.headers()['content-type']).toContain('application/atom+xml');
			expect(await feed.text()).toContain(`${paulName} a répondu dans «\u00a0${title}\u00a0»`);

			// Paul answers again: the site tells Marie, no email does.
			await paul.getByLabel('Votre réponse').fill(`Et pour les agendas, même chose (${suffix}).`);
			await paul.getByRole('button', { name: 'Publier la réponse' }).click();
			await paul.getByText('Votre réponse est publiée.').waitFor();
			const emails = readDatabase(
				'SELECT id FROM email_outbox WHERE recipient = ?',
				`${marieName}@example.org`
			);
			expect(emails).toHaveLength(1);
			await open(marie, '/');
			await marie.getByRole('link', { name: 'Notifications (1 non lue)' }).waitFor();
			// Opened from the list, the newest leads to the new answer, and is read.
			await open(marie, '/notifications');
			await marie
				.getByRole('link', { name: `${paulName} a répondu dans «\u00a0${title}\u00a0»` })
				.first()
				.click();
			await marie.waitForURL(new RegExp(`${threadUrl}#post-\\d+$`));
			await marie.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
			await open(marie, '/notifications');
			expect(await marie.getByText('Non lue', { exact: true }).count()).toBe(0);
		},
		STORY_TIMEOUT
	);
});

describe.for([
	['JavaScript on', true, 'js'],
	['JavaScript off', false, 'nojs']
] as const)('%s', ([, javaScript, suffix]) => {
	test(
		'a learner follows a lesson and a course from their pages, and stops from the notifications page',
		async () => {
			const context = await newContext({ javaScript, baseURL: server.baseURL });
			const page = await signIn(context, `paul-${suffix}`);
			await open(page, course.sequences[0].lessons[0].url);
			await page.getByRole('button', { name: 'Suivre les discussions de cette leçon' }).click();
			await page
				.getByRole('button', { name: 'Ne plus suivre les discussions de cette leçon' })
				.waitFor();
			// Back at the discussion, where the button is, not at the top of the lesson.
			expect(new URL(page.url()).hash).toBe('#discussion');
			await open(page, `/${COURSE}/discussions`);
			await page.getByRole('button', { name: 'Suivre toutes les discussions du cours' }).click();
			await page.getByRole('button', { name: 'Ne plus suivre les discussions du cours' }).waitFor();
			// Suggestions as a whole are for authors and moderators.
			expect(
				await page.getByRole('button', { name: 'Suivre toutes les suggestions du cours' }).count()
			).toBe(0);

			await open(page, '/notifications');
			const follows = page.getByRole('region', { name: 'Ce que vous suivez' });
			await follows.getByRole('link', { name: course.title }).waitFor();
			await follows.getByRole('link', { name: course.sequences[0].lessons[0].title }).waitFor();
			const courseEntry = follows
				.getByRole('listitem')
				.filter({ hasText: 'Toutes les discussions du cours' });
			await courseEntry.getByRole('button', { name: 'Ne plus suivre' }).click();
			await follows
				.getByRole('listitem')
				.filter({ hasText: 'Toutes les discussions du cours' })
				.waitFor({ state: 'detached' });
			await open(page, `/${COURSE}/discussions`);
			await page.getByRole('button', { name: 'Suivre toutes les discussions du cours' }).waitFor();
		},
		STORY_TIMEOUT
	);
});

test('the notifications, unsubscribe and account pages have no accessibility violation', async () => {
	const context = await newContext({ ...AXE_CONTEXT, baseURL: server.baseURL });
	const page = await signIn(context, 'marie-js');
	for (const url of ['/notifications', '/account', '/unsubscribe?token=nothing']) {
		await open(page, url);
		expect(describeViolations(await findAccessibilityViolations(page)), url).toEqual([]);
	}
});
