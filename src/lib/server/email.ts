// Email goes out over SMTP when SMTP_URL is set. Otherwise each message is written to the outbox
// folder as an .eml file, so a one-machine install needs no mail server. Links are credentials:
// they are printed only when OUTBOX_PRINT_LINKS asks for it, on a machine for development.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from './config.ts';
import { useLogger } from './log.ts';

export interface Email {
	to: string;
	subject: string;
	text: string;
	/** The link the message carries, printed in outbox mode when OUTBOX_PRINT_LINKS is set. */
	link?: string;
}

let transport: { url: string; transporter: Transporter } | undefined;

export async function sendEmail(email: Email) {
	const config = getConfig();
	const message = {
		from: config.MAIL_FROM,
		to: email.to,
		subject: email.subject,
		text: email.text
	};
	if (config.SMTP_URL) {
		if (transport?.url !== config.SMTP_URL) {
			transport = {
				url: config.SMTP_URL,
				transporter: nodemailer.createTransport(config.SMTP_URL)
			};
		}
		await transport.transporter.sendMail(message);
		return;
	}
	const outbox = nodemailer.createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'unix'
	});
	const info = await outbox.sendMail(message);
	mkdirSync(config.outboxDir, { recursive: true });
	const file = path.join(
		config.outboxDir,
		`${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`
	);
	writeFileSync(file, info.message as Buffer);
	useLogger().log('info', {
		message: 'email written to the outbox',
		file,
		...(config.OUTBOX_PRINT_LINKS && email.link ? { link: email.link } : {})
	});
}

const pending = new Set<Promise<void>>();

/**
 * Sends in the background: the request that causes an email neither waits for the mail server
 * nor takes longer when there is someone to write to, so its timing tells nothing. Given a
 * function, the email is also composed there (looking up the account, writing its token).
 */
export function queueEmail(email: Email | (() => Promise<Email | null>)) {
	const compose = typeof email === 'function' ? email : async () => email;
	const delivery: Promise<void> = compose()
		.then((ready) => (ready ? sendEmail(ready) : undefined))
		.catch((failure: unknown) => {
			useLogger().log('error', {
				message: 'could not send an email',
				error: String((failure as Error)?.message ?? failure)
			});
		})
		.finally(() => pending.delete(delivery));
	pending.add(delivery);
}

/** Resolves once every queued email has been handed over (at shutdown, and in tests). */
export async function emailsSent() {
	while (pending.size > 0) await Promise.all([...pending]);
}
