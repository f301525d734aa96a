// The email outbox under the production server: Marie's story over HTTP with a real SMTP server,
// and the server killed (SIGKILL: no shutdown code runs) twenty times while it sends. Delivery is
// at least once: nothing may be lost, and a message sent again after a crash must be recognisably
// the same one (one Message-ID per message, never two messages under one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { enqueueEmail } from '../../src/lib/server/notifications/outbox.ts';
import {
	createLearners,
	openSite,
	getPage,
	postForm,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from './server.ts';

const PASSWORD = 'un mot de passe assez long';
const KILLS = 20;
const MESSAGES = 60;
const DEADLINE = 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, looking again every few milliseconds; fails after the deadline. */
async function until(check: () => boolean, what: string) {
	const deadline = Date.now() + DEADLINE;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`waited too long for ${what}`);
		await pause(20);
	}
}

interface Received {
	raw: string;
	messageId: string;
	to: string[];
}

/**
 * A real SMTP server. While `hold` is set, messages wait before being answered; `beforeAccepting`
 * runs once a message has arrived, before the server says it took it, `afterAccepting` right after.
 */
async function mailServer() {
	const received: Received[] = [];
	const waiting: (() => void)[] = [];
	const hooks: {
		hold: boolean;
		beforeAccepting?: () => boolean;
		afterAccepting?: () => void;
	} = { hold: false };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				const answer = () => {
					// The sender dies before hearing that its message was taken: it never counts.
					if (hooks.beforeAccepting?.()) return;
					const messageId = /^Message-ID: (.*)$/im.exec(raw)?.[1].trim() ?? '';
					const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
					received.push({ raw, messageId, to });
					callback();
					hooks.afterAccepting?.();
				};
				if (hooks.hold) waiting.push(answer);
				else answer();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		hooks,
		/** Answers the messages held so far, and the next ones as they come. */
		release() {
			hooks.hold = false;
			for (const answer of waiting.splice(0)) answer();
		},
		/** Forgets the messages held from a sender that is gone. */
		forget: () => void waiting.splice(0),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

let smtp: Awaited<ReturnType<typeof mailServer>>;
const dataDirs: string[] = [];
const servers: RunningServer[] = [];

beforeAll(async () => {
	smtp = await mailServer();
});
afterEach(async () => {
	for (const server of servers.splice(0)) await server.stop('SIGKILL');
	smtp.received.length = 0;
	smtp.hooks.hold = false;
	smtp.hooks.beforeAccepting = undefined;
	smtp.hooks.afterAccepting = undefined;
});
afterAll(async () => {
	await smtp.close();
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir() {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-outbox-'));
	dataDirs.push(dir);
	return dir;
}

async function start(dataDir: string) {
	const server = await startServer({ dataDir, env: { SMTP_URL: smtp.url } });
	servers.push(server);
	return server;
}

describe('Marie asks a question, Paul answers', () => {
	test('Marie gets the email with a link to the answer and unsubscribes in one click, signed out', async () => {
		const dataDir = newDataDir();
		const ids = await createLearners(dataDir, ['marie', 'paul'], PASSWORD);
		const site = await openSite(dataDir);
		await site.db
			.insertInto('notification_settings')
			.values({ user_id: ids.marie, email_mode: 'each', unsubscribe_key: 'clef-de-test' })
			.execute();
		await site.close();
		const server = await start(dataDir);
		const { index } = loadContent(path.join(ROOT, 'courses'));
		const course = index.courses[0];
		const lesson = course.sequences[0].lessons[0];

		const marie = await signIn(server.baseURL, 'marie', PASSWORD);
		const asked = await postForm(
			server.baseURL,
			`${course.url}/discussions/new`,
			new URLSearchParams({
				lessonKey: lesson.key,
				kind: 'question',
				title: 'Par où commencer le diagnostic ?',
				body: 'Je ne sais pas par quel outil commencer.'
			}),
			marie
		);
		expect(asked.type).toBe('redirect');
		const threadUrl = asked.location!.split('?')[0];
		const paul = await signIn(server.baseURL, 'paul', PASSWORD);
		const replied = await postForm(
			server.baseURL,
			`${threadUrl}?/reply`,
			new URLSearchParams({ body: 'Commence par la messagerie : tout le monde s’en sert.' }),
			paul
		);
		expect(replied.type).toBe('redirect');
		const anchor = /#(post-\d+)$/.exec(replied.location!)![1];

		await until(() => smtp.received.length > 0, 'Marie’s email');
		const [email] = smtp.received;
		expect(email.to).toEqual(['marie@example.org']);
		const unwrapped = email.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
		expect(unwrapped).toContain(`${server.baseURL}${threadUrl}#${anchor}`);
		expect(unwrapped).not.toContain('paul@example.org');
		const head = email.raw.slice(0, email.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
		expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
		const link = /^List-Unsubscribe: <([^>]+)>$/m.exec(head)![1];

		// Opening the link (a mail filter may do it) only asks.
		const opened = await fetch(link);
		expect(opened.status).toBe(200);
		expect(await opened.text()).toContain('Me désabonner');
		// The mail provider's one click: a POST from its servers, no Origin, no cookie.
		const clicked = await fetch(link, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click',
			redirect: 'manual'
		});
		// All a mail provider reads is the status.
		expect(clicked.status).toBe(200);
		await clicked.arrayBuffer();
		const again = new FormData();
		again.set('List-Unsubscribe', 'One-Click');
		expect((await fetch(link, { method: 'POST', body: again })).status).toBe(200);
		// A POST without Origin elsewhere is still refused as cross-site.
		const forged = await fetch(`${server.baseURL}/notifications?/readAll`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: marie },
			body: ''
		});
		expect(forged.status).toBe(403);

		const reread = await openSite(dataDir);
		const settings = await reread.db
			.selectFrom('notification_settings')
			.select('email_mode')
			.where('user_id', '=', ids.marie)
			.executeTakeFirst();
		await reread.close();
		expect(settings?.email_mode).toBe('never');
		const page = await getPage(server.baseURL, '/notifications', marie);
		expect(page.status).toBe(200);
	});
});

describe('reading a thread', () => {
	/** What the header's link to the notifications says on `pathname`, as `cookie`. */
	async function header(baseURL: string, pathname: string, cookie: string) {
		const response = await fetch(baseURL + pathname, { headers: { cookie } });
		expect(response.status).toBe(200);
		// Course pages carry their language in their links (`?lang=fr`).
		return /<a href="\/notifications(?:\?[^"]*)?">([^<]*)<\/a>/.exec(await response.text())?.[1];
	}

	test('marks read what Marie was told of it, in the header of that very page, and nothing else', async () => {
		const dataDir = newDataDir();
		await createLearners(dataDir, ['marie', 'paul'], PASSWORD);
		const server = await start(dataDir);
		const { index } = loadContent(path.join(ROOT, 'courses'));
		const course = index.courses[0];
		const lesson = course.sequences[0].lessons[0];
		const marie = await signIn(server.baseURL, 'marie', PASSWORD);
		const paul = await signIn(server.baseURL, 'paul', PASSWORD);
		const threads: string[] = [];
		for (const title of ['Par où commencer ?', 'Et ensuite ?']) {
			const asked = await postForm(
				server.baseURL,
				`${course.url}/discussions/new`,
				new URLSearchParams({ lessonKey: lesson.key, kind: 'question', title, body: title }),
				marie
			);
			threads.push(asked.location!.split('?')[0]);
			const replied = await postForm(
				server.baseURL,
				`${threads.at(-1)}?/reply`,
				new URLSearchParams({ body: `Pour « ${title} » : par la messagerie.` }),
				paul
			);
			expect(replied.type, replied.text).toBe('redirect');
		}
		expect(await header(server.baseURL, '/', marie)).toBe('Notifications (2 non lues)');
		// Paul, or a reader without an account, reading the thread marks nothing of Marie's.
		await header(server.baseURL, threads[0], paul);
		expect((await fetch(server.baseURL + threads[0])).status).toBe(200);
		expect(await header(server.baseURL, '/', marie)).toBe('Notifications (2 non lues)');

		// Marie opens the first thread from her email's link: that page's header already counts it.
		expect(await header(server.baseURL, threads[0], marie)).toBe('Notifications (1 non lue)');
		// The second by a client-side navigation: its data is asked the same way.
		const data = await fetch(`${server.baseURL}${threads[1]}/__data.json`, {
			headers: { cookie: marie }
		});
		expect(data.status).toBe(200);
		await data.arrayBuffer();
		expect(await header(server.baseURL, '/', marie)).toBe('Notifications');

		const site = await openSite(dataDir);
		const rows = await site.db
			.selectFrom('notifications')
			.innerJoin('users', 'users.id', 'notifications.user_id')
			.select(['users.username', 'notifications.read_at'])
			.execute();
		await site.close();
		expect(rows.filter((row) => row.username === 'marie').map((row) => row.read_at)).toEqual([
			expect.any(Number),
			expect.any(Number)
		]);
	});
});

describe('the outbox under kill -9', () => {
	test(`${KILLS} kills while sending: no message lost, a message sent again keeps its Message-ID`, async () => {
		const dataDir = newDataDir();
		const { db, close } = await openSite(dataDir);
		for (let n = 1; n <= MESSAGES; n++) {
			await enqueueEmail(db, {
				to: `learner-${n}@example.org`,
				subject: `Message ${n}`,
				text: `Le message numéro ${n}.`
			});
		}
		await close();

		let killsAfterAcceptance = 0;
		for (let kill = 1; kill <= KILLS; kill++) {
			// The server starts sending as soon as it is up: its first message waits at the mail
			// server until the plug can be pulled at the right moment.
			smtp.hooks.hold = true;
			const server = await start(dataDir);
			const before = smtp.received.length;
			// Half the kills land after the mail server took a message and before the sender can
			// mark it sent; the other half while a message is in the air, before it was taken.
			const afterAcceptance = kill % 2 === 0;
			let fired = false;
			const pull = () => {
				fired = true;
				smtp.hooks.hold = true;
				smtp.hooks.beforeAccepting = undefined;
				smtp.hooks.afterAccepting = undefined;
				server.child.kill('SIGKILL');
			};
			if (afterAcceptance) {
				smtp.hooks.afterAccepting = () => {
					if (smtp.received.length >= before + 2) pull();
				};
			} else {
				smtp.hooks.beforeAccepting = () => {
					if (smtp.received.length < before + 1) return false;
					pull();
					return true;
				};
			}
			smtp.release();
			const exit = await server.exited;
			smtp.forget();
			expect(fired, `kill ${kill} happened while sending`).toBe(true);
			expect(exit.signal).toBe('SIGKILL');
			if (afterAcceptance) killsAfterAcceptance += 1;
			servers.splice(servers.indexOf(server), 1);
		}

		smtp.release();
		const server = await start(dataDir);
		await until(
			() => new Set(smtp.received.map((email) => email.messageId)).size === MESSAGES,
			'every message'
		);
		for (;;) {
			const health = (await (await fetch(`${server.baseURL}/healthz`)).json()) as {
				outbox: { depth: number; oldestPendingSeconds: number | null };
			};
			if (health.outbox.depth === 0) {
				expect(health.outbox).toMatchObject({ depth: 0, oldestPendingSeconds: null });
				break;
			}
			await pause(50);
		}

		const byMessage = new Map<string, Set<string>>();
		for (const email of smtp.received) {
			const number = /Message (\d+)/.exec(email.raw)![1];
			byMessage.set(number, (byMessage.get(number) ?? new Set()).add(email.messageId));
		}
		// None lost: every message arrived.
		expect([...byMessage.keys()].map(Number).sort((a, b) => a - b)).toEqual(
			Array.from({ length: MESSAGES }, (_, index) => index + 1)
		);
		// Each message under one Message-ID, whatever the number of copies.
		expect([...byMessage.values()].filter((ids) => ids.size !== 1)).toEqual([]);
		// Copies come only from kills between acceptance and the mark: at most one per such kill.
		const copies = smtp.received.length - MESSAGES;
		expect(copies).toBeLessThanOrEqual(killsAfterAcceptance);
		console.info(
			`outbox crash test: ${MESSAGES} messages, ${KILLS} kills, ${copies} sent again (same Message-ID)`
		);
		const site = await openSite(dataDir);
		const unsent = await site.db
			.selectFrom('email_outbox')
			.select('id')
			.where('sent_at', 'is', null)
			.execute();
		await site.close();
		expect(unsent).toEqual([]);
	});
});
