// Email goes out over SMTP when SMTP_URL is set. Otherwise each message is written to the outbox
// folder as an .eml file and its link printed, so a one-machine install needs no mail server.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from './config.ts';

export interface Email {
	to: string;
	subject: string;
	text: string;
	/** The link the message carries, printed in outbox mode. */
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
	console.log(
		`[outbox] "${email.subject}" for ${email.to} written to ${file}${email.link ? `\n[outbox] link: ${email.link}` : ''}`
	);
}
