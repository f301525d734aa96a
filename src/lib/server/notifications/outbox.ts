// The durable email outbox. A message is a row, written in the transaction of whatever causes it,
// so it exists exactly when that event does. One sender works through the rows: it claims one,
// hands it to the transport, then marks it sent. Delivery is at least once: a crash between the
// mail server's acceptance and the mark sends that message again on restart, with the same
// Message-ID (and, in outbox mode, to the same file, which is then written again, not twice).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { getConfig } from '../config.ts';
import { dialectOf } from '../db/dialect.ts';
import type { DB } from '../db/index.ts';
import { useLogger } from '../log.ts';
import { stopAddress } from './settings.ts';

/** A message as the transport receives it. */
export interface OutgoingMessage {
	id: number;
	messageId: string;
	to: string;
	subject: string;
	text: string;
	html: string | null;
	headers: Record<string, string>;
	link: string | null;
	createdAt: number;
}

export type Transmit = (message: OutgoingMessage) => Promise<void>;

export interface NewEmail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	headers?: Record<string, string>;
	link?: string;
	/** The account it is for: its rows go with the account, and repeated failures stop it. */
	userId?: number | null;
}

/** Attempts before a message is given up; the last waits about an hour after the first. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY = 30_000;
const LONGEST_RETRY = 6 * 60 * 60_000;
/**
 * How long a claim holds. Longer than any send can take (the SMTP timeouts in email.ts add up to
 * less), so two senders never hold one message at once.
 */
export const CLAIM_LEASE = 2 * 60_000;
/** Sent messages are kept a week (duplicates can be traced), given-up ones a month. */
const KEEP_SENT = 7 * 24 * 60 * 60_000;
const KEEP_FAILED = 30 * 24 * 60 * 60_000;

/**
 * What a message said is dropped once it is sent or given up: account emails carry sign-in and
 * reset links, whose tokens the database otherwise keeps only hashed. Who, when and which
 * Message-ID stay, to trace a delivery.
 */
const FORGET_CONTENT = { text: '', html: null, link: null, headers: null } as const;

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min… never more than 6 hours. */
export const retryDelay = (attempts: number) =>
	Math.min(FIRST_RETRY * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY);

/** A Message-ID under the sender's own domain, made once for the life of the message. */
function newMessageId(from: string) {
	const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
	return `<${randomUUID()}@${domain}>`;
}

/** Writes a message to the outbox; `db` is usually the transaction of the event that causes it. */
export async function enqueueEmail(db: DB, email: NewEmail, now = Date.now()) {
	const { id } = await db
		.insertInto('email_outbox')
		.values({
			message_id: newMessageId(getConfig().MAIL_FROM),
			user_id: email.userId ?? null,
			recipient: email.to,
			subject: email.subject,
			text: email.text,
			html: email.html ?? null,
			headers: email.headers ? JSON.stringify(email.headers) : null,
			link: email.link ?? null,
			created_at: now,
			attempts: 0,
			next_attempt_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	wakeSender();
	return id;
}

/**
 * Takes the next due message for this sender, in one statement: SQLite runs it atomically, and
 * on PostgreSQL `FOR UPDATE SKIP LOCKED` leaves a row another instance is taking to that one, so
 * two senders never take the same message.
 */
async function claimNext(db: DB, now: number) {
	const postgres = dialectOf(db) === 'postgres';
	return db
		.updateTable('email_outbox')
		.set({ claimed_until: now + CLAIM_LEASE, attempts: sql<number>`attempts + 1` })
		.where('id', '=', (eb) =>
			eb
				.selectFrom('email_outbox')
				.select('id')
				.where('sent_at', 'is', null)
				.where('failed_at', 'is', null)
				.where('next_attempt_at', '<=', now)
				.where((inner) =>
					inner.or([inner('claimed_until', 'is', null), inner('claimed_until', '<=', now)])
				)
				.orderBy('next_attempt_at')
				.orderBy('id')
				.limit(1)
				.$if(postgres, (query) => query.forUpdate().skipLocked())
		)
		.returningAll()
		.executeTakeFirst();
}

/** An SMTP refusal that retrying cannot change (5xx: no such mailbox, refused recipient). */
const isPermanent = (failure: unknown) => {
	const code = (failure as { responseCode?: unknown })?.responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends the next due message, if any; returns whether there was one. A failure schedules the next
 * attempt, later each time; after MAX_ATTEMPTS, or a permanent refusal, the message is given up
 * and, when it was for an account, that address gets no more notifications (both logged).
 *
 * On PostgreSQL the claim is also the row's lock, held by a transaction until the send is marked:
 * when the process dies mid-send, the server ends its transaction, and the message is due again at
 * once for whichever instance comes next, rather than at the end of a lease that the other live
 * instances could not tell from a dead one's.
 */
export async function deliverNext(db: DB, transmit: Transmit, now = Date.now()) {
	if (dialectOf(db) === 'postgres')
		return db.transaction().execute((trx) => claimAndSend(trx, transmit, now));
	return claimAndSend(db, transmit, now);
}

async function claimAndSend(db: DB, transmit: Transmit, now: number) {
	const row = await claimNext(db, now);
	if (!row) return false;
	const message: OutgoingMessage = {
		id: row.id,
		messageId: row.message_id,
		to: row.recipient,
		subject: row.subject,
		text: row.text,
		html: row.html,
		headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : {},
		link: row.link,
		createdAt: row.created_at
	};
	try {
		await transmit(message);
	} catch (failure) {
		const error = String((failure as Error)?.message ?? failure).slice(0, 500);
		const givenUp = row.attempts >= MAX_ATTEMPTS || isPermanent(failure);
		const at = Date.now();
		await db
			.updateTable('email_outbox')
			.set({
				claimed_until: null,
				last_error: error,
				...(givenUp
					? { failed_at: at, ...FORGET_CONTENT }
					: { next_attempt_at: at + retryDelay(row.attempts) })
			})
			.where('id', '=', row.id)
			.execute();
		useLogger().log(givenUp ? 'error' : 'warn', {
			message: givenUp ? 'email given up' : 'email not sent, will try again',
			outboxId: row.id,
			messageId: row.message_id,
			attempts: row.attempts,
			error
		});
		if (givenUp && row.user_id !== null) await stopAddress(db, row.user_id, row.recipient, at);
		return true;
	}
	await db
		.updateTable('email_outbox')
		.set({ sent_at: Date.now(), claimed_until: null, last_error: null, ...FORGET_CONTENT })
		.where('id', '=', row.id)
		.execute();
	return true;
}

/**
 * SQLite serves one server process: a claim found when the sender starts was left by a process
 * that died (a crash, a kill -9) while sending. Its message is due again at once. On PostgreSQL
 * other instances may be sending right now; a dead one's claim went with its transaction.
 */
export async function releaseStaleClaims(db: DB) {
	if (dialectOf(db) === 'postgres') return;
	await db
		.updateTable('email_outbox')
		.set({ claimed_until: null })
		.where('sent_at', 'is', null)
		.where('failed_at', 'is', null)
		.where('claimed_until', 'is not', null)
		.execute();
}

/** Sends every message due now, one after the other (tests, and `emailsSent()`). */
export async function drainOutbox(db: DB, transmit: Transmit, now?: number) {
	while (await deliverNext(db, transmit, now)) {
		// one message per round
	}
}

/** For /healthz: messages waiting, how long the oldest has waited, and those given up. */
export async function outboxHealth(db: DB, now = Date.now()) {
	const pending = await db
		.selectFrom('email_outbox')
		.select((eb) => [eb.fn.countAll<number>().as('depth'), eb.fn.min('created_at').as('oldest')])
		.where('sent_at', 'is', null)
		.where('failed_at', 'is', null)
		.executeTakeFirstOrThrow();
	const { failed } = await db
		.selectFrom('email_outbox')
		.select((eb) => eb.fn.countAll<number>().as('failed'))
		.where('failed_at', 'is not', null)
		.executeTakeFirstOrThrow();
	const oldest = pending.oldest === null ? null : Number(pending.oldest);
	return {
		depth: Number(pending.depth),
		oldestPendingSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
		failed: Number(failed)
	};
}

/** Delivered messages are kept a week, given-up ones a month, then deleted (housekeeping). */
export async function purgeOldEmails(db: DB, now = Date.now()) {
	const result = await db
		.deleteFrom('email_outbox')
		.where((eb) =>
			eb.or([eb('sent_at', '<=', now - KEEP_SENT), eb('failed_at', '<=', now - KEEP_FAILED)])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

interface Sender {
	wake(): void;
	stop(): Promise<void>;
}

let active: Sender | undefined;

/** Tells the running sender (if any) that a message is waiting, rather than at its next poll. */
export function wakeSender() {
	active?.wake();
}

/**
 * Starts the process's sender: it sends what is due, then waits for a new message or its next
 * poll (other processes, such as `npm run admin`, can write messages too; retries come due).
 * `periodic` runs before each round (the daily digests). Returns a stop that resolves once the
 * message being sent, if any, is marked.
 */
export function startSender(
	database: () => DB,
	options: {
		transmit: Transmit;
		periodic?: (db: DB, now: number) => Promise<unknown>;
		pollInterval?: number;
	}
): Sender {
	const pollInterval = options.pollInterval ?? 10_000;
	let stopped = false;
	let running: Promise<void> | null = null;
	let again = false;
	let timer: NodeJS.Timeout | undefined;
	const log = useLogger().log;

	let periodicAt = 0;
	const round = async () => {
		const db = database();
		// Every poll at most, not on every new message: digests are daily.
		if (options.periodic && Date.now() - periodicAt >= pollInterval) {
			periodicAt = Date.now();
			await options.periodic(db, periodicAt);
		}
		while (!stopped && (await deliverNext(db, options.transmit))) {
			// one message at a time: a small server's mail relay gets no burst
		}
	};

	const run = () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		clearTimeout(timer);
		running = round()
			.catch((failure: unknown) =>
				log('error', {
					message: 'the email sender failed',
					error: String((failure as Error)?.message ?? failure)
				})
			)
			.finally(() => {
				running = null;
				if (stopped) return;
				if (again) {
					again = false;
					setImmediate(run);
				} else {
					timer = setTimeout(run, pollInterval);
					timer.unref();
				}
			});
	};

	const sender: Sender = {
		wake: () => setImmediate(run),
		async stop() {
			stopped = true;
			clearTimeout(timer);
			if (active === sender) active = undefined;
			await running;
		}
	};
	active = sender;
	void releaseStaleClaims(database())
		.catch(() => undefined)
		.then(run);
	return sender;
}
