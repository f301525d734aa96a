import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { exportAccountData } from '../../src/lib/server/account-data.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';
import { transmit } from '../../src/lib/server/email.ts';
import { flagPost } from '../../src/lib/server/forum/flags.ts';
import { setPostHidden } from '../../src/lib/server/forum/moderation.ts';
import { createReply } from '../../src/lib/server/forum/posts.ts';
import { createThread, setThreadStatus } from '../../src/lib/server/forum/threads.ts';
import { createLogger } from '../../src/lib/server/log.ts';
import {
	countUnread,
	follow,
	listNotifications,
	markAllRead,
	markRead,
	markThreadRead,
	openNotification,
	queueDigests,
	setEmailMode,
	unfollow,
	unsubscribe
} from '../../src/lib/server/notifications/index.ts';
import {
	MAX_ATTEMPTS,
	deliverNext,
	drainOutbox,
	outboxHealth
} from '../../src/lib/server/notifications/outbox.ts';
import {
	createUser,
	deleteUser,
	findUserById,
	markEmailVerified
} from '../../src/lib/server/user.ts';
import { freshAccounts, startSmtpServer } from '../helpers/accounts.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const LESSON = 'demo/premiers-pas/bienvenue';
const ORIGIN = 'http://parcours.test';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let accounts: Awaited<ReturnType<typeof freshAccounts>>;
let now: number;

beforeAll(async () => {
	smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(async () => {
	accounts = await freshAccounts({
		SMTP_URL: smtp.url,
		ORIGIN,
		MAIL_FROM: 'Parcours <parcours@example.org>'
	});
	smtp.received.length = 0;
	now = Date.now();
});
afterEach(() => accounts.cleanup());

const db = () => accounts.db;

async function person(
	username: string,
	{ role = 'learner', verified = true }: { role?: Role; verified?: boolean } = {}
) {
	const user = await createUser(db(), {
		username,
		email: `${username}@example.org`,
		passwordHash: 'not-a-real-hash',
		role,
		now: now - 7 * DAY
	});
	if (verified) await markEmailVerified(db(), user.id, user.email, now - 7 * DAY);
	return (await findUserById(db(), user.id))!;
}

async function ask(authorId: number, title = 'Comment exporter mes contacts ?', kind = 'question') {
	const result = await createThread(
		db(),
		authorId,
		{ lessonKey: LESSON, kind, title, body: `Je ne trouve pas comment faire : ${title}` },
		now
	);
	if (!result.ok) throw new Error(`could not start a thread: ${result.error}`);
	return result.threadId;
}

async function answer(authorId: number, threadId: number, body: string, at = now) {
	const result = await createReply(db(), authorId, threadId, { body }, at);
	if (!result.ok) throw new Error(`could not reply: ${result.error}`);
	return result.postId;
}

/** Quoted-printable (RFC 2045) text as it reads. */
const decodeQuotedPrintable = (text: string) =>
	Buffer.from(
		text
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
		'latin1'
	).toString('utf8');

/** A header as it reads: unfolded, its encoded words (RFC 2047) decoded. */
const decodeHeader = (value: string) =>
	value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) =>
			decodeQuotedPrintable(word.replace(/_/g, ' '))
		);

/** What the mail server received (sending what is due at `at`), decoded. */
async function mailbox(at = Date.now()) {
	await drainOutbox(db(), transmit, at);
	return smtp.received.map(({ to, raw }) => {
		const split = raw.search(/\r?\n\r?\n/);
		const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
		const header = (name: string) => {
			const value = new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
			return value === undefined ? null : decodeHeader(value);
		};
		return { to, raw: `${head}\n\n${decodeQuotedPrintable(raw.slice(split))}`, header };
	});
}

describe('Marie asks a question, Paul answers', () => {
	test('Marie gets an email with a link to the answer, and unsubscribes in one click', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		await setEmailMode(db(), marie.id, 'each');
		const threadId = await ask(marie.id);
		const postId = await answer(paul.id, threadId, 'Dans les réglages, menu « Exporter ».');

		const [email, ...others] = await mailbox();
		expect(others).toEqual([]);
		expect(email.to).toEqual(['marie@example.org']);
		expect(email.header('Subject')).toContain('paul');
		expect(email.raw).toContain('Content-Type: text/plain');
		expect(email.raw).toContain('Content-Type: text/html');
		expect(email.raw).toContain(`${ORIGIN}/demo/discussions/${threadId}#post-${postId}`);
		expect(email.header('Message-ID')).toMatch(/^<[\w-]+@example\.org>$/);
		// Paul is named by his username only: his address never reaches Marie.
		expect(email.raw).not.toContain('paul@example.org');
		expect(email.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		const link = /^<(https?:\/\/[^>]+)>$/.exec(email.header('List-Unsubscribe') ?? '')?.[1];
		expect(link).toMatch(new RegExp(`^${ORIGIN}/unsubscribe\\?token=`));
		expect(email.raw).toContain(link);

		// The mail provider's one click: the token alone, no session.
		const token = new URL(link!).searchParams.get('token')!;
		expect(await unsubscribe(db(), token)).toMatchObject({ username: 'marie' });
		await answer(paul.id, threadId, 'Et pour les agendas, c’est le même menu.', now + 2 * HOUR);
		expect(await mailbox(now + 3 * HOUR)).toHaveLength(1);
		// The site still tells her.
		const list = await listNotifications(db(), marie.id);
		expect(list.map((item) => item.kind)).toEqual(['reply', 'reply']);
		expect(await countUnread(db(), marie.id)).toBe(2);
	});

	test('a forged or altered unsubscribe token changes nothing', async () => {
		const marie = await person('marie');
		await setEmailMode(db(), marie.id, 'each');
		expect(await unsubscribe(db(), `${marie.id}.${'a'.repeat(43)}`)).toBeNull();
		expect(await unsubscribe(db(), 'nonsense')).toBeNull();
		const paul = await person('paul');
		await answer(paul.id, await ask(marie.id), 'Une réponse.');
		expect(await mailbox()).toHaveLength(1);
	});

	test('nobody is notified of their own reply, and the one who replies follows the thread', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		const threadId = await ask(marie.id);
		await answer(marie.id, threadId, 'Je précise ma question.');
		expect(await listNotifications(db(), marie.id)).toEqual([]);
		await answer(paul.id, threadId, 'Voici la réponse.');
		await answer(marie.id, threadId, 'Merci !', now + 1);
		expect((await listNotifications(db(), paul.id)).map((item) => item.kind)).toEqual(['reply']);
	});

	test('opening a notification marks it read and gives where it points; only its owner may', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		await answer(paul.id, await ask(marie.id), 'Voici la réponse.');
		const [reply] = await listNotifications(db(), marie.id);
		expect(reply.readAt).toBeNull();

		expect(await openNotification(db(), paul.id, reply.id, now + 5)).toBeNull();
		expect(await openNotification(db(), marie.id, reply.id + 1000, now + 5)).toBeNull();
		expect(await countUnread(db(), marie.id)).toBe(1);

		expect(await openNotification(db(), marie.id, reply.id, now + 5)).toBe(reply.url);
		expect(reply.url).toMatch(/\/discussions\/\d+#post-\d+$/);
		expect(await countUnread(db(), marie.id)).toBe(0);
		// Opened again later, it keeps the moment it was first read.
		expect(await openNotification(db(), marie.id, reply.id, now + 50)).toBe(reply.url);
		expect((await listNotifications(db(), marie.id))[0].readAt).toBe(now + 5);
	});

	test('reading a thread marks read what Marie was told of it, and nothing else', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		const read = await ask(marie.id, 'Première question');
		const other = await ask(marie.id, 'Deuxième question');
		await answer(paul.id, read, 'Une réponse.');
		await answer(paul.id, read, 'Un complément.', now + 1);
		await answer(paul.id, other, 'Une réponse ailleurs.', now + 2);
		// Paul follows the thread he answered; Marie's replies there notify him.
		await answer(marie.id, read, 'Merci !', now + 3);
		expect(await countUnread(db(), marie.id)).toBe(3);
		expect(await countUnread(db(), paul.id)).toBe(1);

		expect(await markThreadRead(db(), marie.id, read, now + 10)).toBe(2);
		const list = await listNotifications(db(), marie.id);
		expect(list.map((item) => [item.threadId, item.readAt])).toEqual([
			[other, null],
			[read, now + 10],
			[read, now + 10]
		]);
		// Paul's notification of the same thread is his to read.
		expect(await countUnread(db(), paul.id)).toBe(1);
		// Read again, nothing is left to mark, and the moment it was read stays.
		expect(await markThreadRead(db(), marie.id, read, now + 50)).toBe(0);
		expect((await listNotifications(db(), marie.id))[1].readAt).toBe(now + 10);
		expect(await markThreadRead(db(), marie.id, other + 1000, now + 50)).toBe(0);
		expect(await countUnread(db(), marie.id)).toBe(1);
	});

	test('by default Marie gets one digest a day, only of what she has not read on the site', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		const first = await ask(marie.id, 'Première question');
		const second = await ask(marie.id, 'Deuxième question');
		await answer(paul.id, first, 'Réponse à la première.');
		await answer(paul.id, second, 'Réponse à la seconde.', now + 1);
		await answer(paul.id, second, 'Et un complément.', now + 2);
		expect(await mailbox()).toEqual([]);
		expect(await queueDigests(db(), now + HOUR)).toBe(0);

		const [latest] = await listNotifications(db(), marie.id);
		await markRead(db(), marie.id, latest.id);
		expect(await queueDigests(db(), now + DAY)).toBe(1);
		const [digest, ...others] = await mailbox(now + DAY);
		expect(others).toEqual([]);
		expect(digest.header('Subject')).toContain('2 notifications');
		expect(digest.raw).toContain('Première question');
		expect(digest.raw).not.toContain(`#post-${latest.postId}`);
		expect(await queueDigests(db(), now + DAY + HOUR)).toBe(0);
	});

	test('in « each event » mode a thread sends at most one email an hour; the rest waits for the digest', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		await setEmailMode(db(), marie.id, 'each');
		const threadId = await ask(marie.id);
		const first = await answer(paul.id, threadId, 'Première réponse.');
		const held = await answer(paul.id, threadId, 'Deuxième réponse.', now + 10 * 60_000);
		expect(await mailbox()).toHaveLength(1);
		const third = await answer(paul.id, threadId, 'Troisième réponse.', now + 2 * HOUR);
		const emails = await mailbox(now + 2 * HOUR);
		expect(emails.map((email) => /#post-(\d+)/.exec(email.raw)?.[1])).toEqual([
			String(first),
			String(third)
		]);
		expect(await queueDigests(db(), now + DAY + HOUR)).toBe(1);
		const digest = (await mailbox(now + DAY + HOUR))[2];
		expect(digest.raw).toContain(`#post-${held}`);
		expect(digest.raw).not.toContain(`#post-${third}`);
	});

	test('no email goes to an unconfirmed address, though the site shows the notification', async () => {
		const marie = await person('marie', { verified: false });
		const paul = await person('paul');
		await setEmailMode(db(), marie.id, 'each');
		const threadId = await ask(paul.id);
		await follow(db(), marie.id, 'thread', String(threadId), now);
		await answer(paul.id, threadId, 'Une précision.');
		expect(await mailbox()).toEqual([]);
		expect(await countUnread(db(), marie.id)).toBe(1);
	});

	test('emails are in the learner’s language', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		await db().updateTable('users').set({ language: 'en' }).where('id', '=', marie.id).execute();
		await setEmailMode(db(), marie.id, 'each');
		await answer(paul.id, await ask(marie.id), 'Voilà.');
		const [email] = await mailbox();
		expect(email.raw).toContain('Hello marie,');
		expect(email.header('Subject')).toContain('paul replied in');
	});
});

describe('what is notified', () => {
	test('a decision on a suggestion reaches its author with the moderator’s note', async () => {
		const marie = await person('marie');
		const alice = await person('alice', { role: 'author' });
		await setEmailMode(db(), marie.id, 'each');
		const threadId = await ask(marie.id, 'Ajouter un schéma', 'suggestion');
		const result = await setThreadStatus(
			db(),
			alice.id,
			threadId,
			{ status: 'accepted', note: 'Bonne idée, pour la prochaine version.' },
			now
		);
		expect(result.ok).toBe(true);
		const [notification] = await listNotifications(db(), marie.id);
		expect(notification).toMatchObject({
			kind: 'status',
			detail: 'accepted',
			note: 'Bonne idée, pour la prochaine version.'
		});
		expect(await listNotifications(db(), alice.id)).toEqual([]);
		const [email] = await mailbox();
		expect(email.raw).toContain('Bonne idée, pour la prochaine version.');
		expect(email.header('Subject')).toContain('Accepté');
	});

	test('a hidden post, then restored, tells its author why; moderators follow every suggestion', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		const mo = await person('mo', { role: 'moderator' });
		await follow(db(), mo.id, 'suggestions', 'demo', now);
		const threadId = await ask(marie.id);
		const postId = await answer(paul.id, threadId, 'Un message limite.');
		await setPostHidden(db(), mo.id, postId, true, { note: 'Hors sujet' }, now);
		await setPostHidden(db(), mo.id, postId, false, { note: 'Après relecture' }, now + 1);
		const list = await listNotifications(db(), paul.id);
		expect(list.map((item) => [item.kind, item.note])).toEqual([
			['restored', 'Après relecture'],
			['hidden', 'Hors sujet']
		]);
		expect(await listNotifications(db(), mo.id)).toEqual([]);
		await ask(paul.id, 'Corriger une coquille', 'suggestion');
		expect((await listNotifications(db(), mo.id)).map((item) => item.kind)).toEqual(['thread']);
	});

	test('an @mention reaches the person named, once, and a flag reaches the moderators', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		const mo = await person('modo', { role: 'moderator' });
		const threadId = await ask(marie.id);
		const postId = await answer(
			paul.id,
			threadId,
			'Je pense que @marie et @Modo. sauront, @inconnu non.'
		);
		expect((await listNotifications(db(), marie.id)).map((item) => item.kind)).toEqual(['mention']);
		expect((await listNotifications(db(), mo.id)).map((item) => item.kind)).toEqual(['mention']);
		expect((await flagPost(db(), marie.id, postId, { reason: 'Ton agressif' }, now)).ok).toBe(true);
		const [flag] = await listNotifications(db(), mo.id);
		expect(flag).toMatchObject({ kind: 'flag', note: 'Ton agressif', postId });
		expect((await listNotifications(db(), marie.id)).map((item) => item.kind)).toEqual(['mention']);
	});

	test('following a lesson brings its new threads; leaving a thread mutes it', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		await follow(db(), marie.id, 'lesson', LESSON, now);
		const threadId = await ask(paul.id);
		await answer(paul.id, threadId, 'Je complète.');
		expect((await listNotifications(db(), marie.id)).map((item) => item.kind)).toEqual([
			'reply',
			'thread'
		]);
		await unfollow(db(), marie.id, 'thread', String(threadId), now);
		await answer(paul.id, threadId, 'Encore un mot.', now + 1);
		expect(await listNotifications(db(), marie.id)).toHaveLength(2);
		await markAllRead(db(), marie.id);
		expect(await countUnread(db(), marie.id)).toBe(0);
	});
});

describe('the outbox', () => {
	test('a failed send is tried again later, then given up, and the address stopped, all logged', async () => {
		const lines: Record<string, unknown>[] = [];
		const { useLogger } = await import('../../src/lib/server/log.ts');
		const logger = createLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line)) });
		const original = useLogger().log;
		Object.assign(useLogger(), { log: logger.log });
		const marie = await person('marie');
		const paul = await person('paul');
		await setEmailMode(db(), marie.id, 'each');
		await answer(paul.id, await ask(marie.id), 'Une réponse.');
		const refuse = async () => {
			throw new Error('connection refused');
		};
		expect(await deliverNext(db(), refuse)).toBe(true);
		const row = await db().selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
		expect(row.next_attempt_at).toBeGreaterThan(Date.now() + 20_000);
		expect(await deliverNext(db(), refuse)).toBe(false);
		expect(await outboxHealth(db(), Date.now() + 90_000)).toMatchObject({ depth: 1, failed: 0 });
		expect(
			(await outboxHealth(db(), Date.now() + 90_000)).oldestPendingSeconds
		).toBeGreaterThanOrEqual(90);

		for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
			await db().updateTable('email_outbox').set({ next_attempt_at: 0 }).execute();
			await deliverNext(db(), refuse);
		}
		const given = await db().selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
		expect(given.failed_at).not.toBeNull();
		expect(given.attempts).toBe(MAX_ATTEMPTS);
		expect(await outboxHealth(db())).toMatchObject({ depth: 0, failed: 1 });
		expect(lines.map((line) => line.message)).toEqual([
			...Array(MAX_ATTEMPTS - 1).fill('email not sent, will try again'),
			'email given up',
			'notification emails stopped for an address after repeated failures'
		]);
		await answer(
			paul.id,
			(await listNotifications(db(), marie.id))[0].threadId!,
			'Et encore.',
			now + 2 * HOUR
		);
		expect(await db().selectFrom('email_outbox').select('id').execute()).toHaveLength(1);
		// Saving her preferences again starts emails again.
		await setEmailMode(db(), marie.id, 'each');
		await answer(
			paul.id,
			(await listNotifications(db(), marie.id))[0].threadId!,
			'Dernier mot.',
			now + 4 * HOUR
		);
		expect(await db().selectFrom('email_outbox').select('id').execute()).toHaveLength(2);
		Object.assign(useLogger(), { log: original });
	});

	test('account emails go through the outbox too, and each keeps one Message-ID', async () => {
		const { requestPasswordReset } = await import('../../src/lib/server/auth.ts');
		await person('marie');
		const { context } = await import('../helpers/accounts.ts');
		expect((await requestPasswordReset(db(), 'marie@example.org', context())).ok).toBe(true);
		const { emailsSent } = await import('../../src/lib/server/email.ts');
		await emailsSent();
		const rows = await db().selectFrom('email_outbox').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].sent_at).not.toBeNull();
		// Its reset link is not kept once sent: the database holds tokens only hashed.
		expect(rows[0]).toMatchObject({ text: '', html: null, link: null });
		expect(smtp.received[0].raw).toContain('/reset-password?token=');
		expect(smtp.received[0].raw).toContain(`Message-ID: ${rows[0].message_id}`);
	});
});

describe('privacy', () => {
	test('the export holds follows and notifications; deleting the account deletes them', async () => {
		const marie = await person('marie');
		const paul = await person('paul');
		await setEmailMode(db(), marie.id, 'each');
		const threadId = await ask(marie.id);
		await answer(paul.id, threadId, 'Réponse.');
		const data = await exportAccountData(db(), marie.id);
		expect(data?.notifications).toMatchObject({
			emailMode: 'each',
			follows: [{ kind: 'thread', target: String(threadId), state: 'following' }],
			received: [{ kind: 'reply', by: 'paul', thread: 'Comment exporter mes contacts ?' }]
		});
		await deleteUser(db(), marie.id);
		for (const table of ['notifications', 'follows', 'notification_settings'] as const) {
			const rows = await db().selectFrom(table).select('user_id').execute();
			expect(rows.filter((row) => row.user_id === marie.id)).toEqual([]);
		}
		const outbox = await db().selectFrom('email_outbox').select('recipient').execute();
		expect(outbox.map((row) => row.recipient)).not.toContain('marie@example.org');
	});
});
