// Every email goes through the durable outbox (notifications/outbox.ts): queued in the database,
// then sent by the process's sender, with retries. The transport is here: SMTP when SMTP_URL is
// set; otherwise each message is written to the outbox folder as an .eml file, so a one-machine
// install needs no mail server. Links are credentials: they are printed only when
// OUTBOX_PRINT_LINKS asks for it, on a machine for development.
import { renameSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { getConfig } from './config.ts';
import type { DB } from './db/index.ts';
import { useLogger } from './log.ts';
import {
	drainOutbox,
	enqueueEmail,
	type NewEmail,
	type OutgoingMessage
} from './notifications/outbox.ts';

export type Email = NewEmail;

let transport: { url: string; transporter: Transporter } | undefined;

/**
 * Below the outbox's claim lease (two minutes) all together, so a stuck server never makes a
 * second sender take the same message while the first still waits for an answer.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** The outbox file of a message: named after its row, so sending it again rewrites the same file. */
export const outboxFileName = (message: Pick<OutgoingMessage, 'id' | 'createdAt'>) =>
	`${new Date(message.createdAt).toISOString().replace(/[:.]/g, '-')}-${String(message.id).padStart(8, '0')}.eml`;

/** Hands one message to the mail server, or writes it to the outbox folder. */
export async function transmit(message: OutgoingMessage) {
	// Loaded with the first message sent: a server that sends none never reads it (once loaded,
	// nodemailer holds about 2.7 MB of memory).
	const { default: nodemailer } = await import('nodemailer');
	const config = getConfig();
	const mail = {
		from: config.MAIL_FROM,
		to: message.to,
		subject: message.subject,
		text: message.text,
		...(message.html ? { html: message.html } : {}),
		headers: message.headers,
		messageId: message.messageId,
		date: new Date(message.createdAt)
	};
	if (config.SMTP_URL) {
		if (transport?.url !== config.SMTP_URL) {
			transport = {
				url: config.SMTP_URL,
				transporter: nodemailer.createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS })
			};
		}
		await transport.transporter.sendMail(mail);
		return;
	}
	const outbox = nodemailer.createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'unix'
	});
	const info = await outbox.sendMail(mail);
	mkdirSync(config.outboxDir, { recursive: true });
	const file = path.join(config.outboxDir, outboxFileName(message));
	// Written whole then renamed: a crash leaves either no file or a complete one.
	writeFileSync(`${file}.part`, info.message as Buffer);
	renameSync(`${file}.part`, file);
	useLogger().log('info', {
		message: 'email written to the outbox',
		file,
		...(config.OUTBOX_PRINT_LINKS && message.link ? { link: message.link } : {})
	});
}

const pending = new Set<Promise<void>>();
/** Databases that got a message since they were last drained by `emailsSent()`. */
const written = new Set<DB>();

/**
 * Queues in the background: the request that causes an email neither waits for the database
 * write nor takes longer when there is someone to write to, so its timing tells nothing. Given a
 * function, the email is also composed there (looking up the account, writing its token).
 */
export function queueEmail(db: DB, email: Email | (() => Promise<Email | null>)) {
	const compose = typeof email === 'function' ? email : async () => email;
	const queued: Promise<void> = compose()
		.then(async (ready) => {
			if (!ready) return;
			await enqueueEmail(db, ready);
			written.add(db);
		})
		.catch((failure: unknown) => {
			useLogger().log('error', {
				message: 'could not queue an email',
				error: String((failure as Error)?.message ?? failure)
			});
		})
		.finally(() => pending.delete(queued));
	pending.add(queued);
}

/** Resolves once every email being composed is in the outbox (at shutdown). */
export async function emailsQueued() {
	while (pending.size > 0) await Promise.all([...pending]);
}

/** Resolves once every queued email due now has been handed over (in tests). */
export async function emailsSent() {
	await emailsQueued();
	for (const db of [...written]) {
		written.delete(db);
		try {
			await drainOutbox(db, transmit);
		} catch (failure) {
			// A database closed since (a finished test's) has nothing left to send here.
			if (!/destroyed/.test(String((failure as Error)?.message))) throw failure;
		}
	}
}
