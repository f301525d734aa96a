import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { testDatabase } from './database.ts';
import { emailsQueued, emailsSent } from '../../src/lib/server/email.ts';
import type { RequestContext } from '../../src/lib/server/auth.ts';

/** A fresh database (tests/helpers/database.ts) and a data folder whose outbox collects emails. */
export async function freshAccounts(env: Record<string, string> = {}) {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-data-'));
	for (const key of ['SMTP_URL', 'DATABASE_URL', 'ORIGIN']) delete process.env[key];
	Object.assign(process.env, { DATA_DIR: dataDir, ...env });
	const config = reloadConfig();
	const connection = await testDatabase();
	return {
		...connection,
		config,
		/** Emails written to the outbox, oldest first, once those on their way are written. */
		outbox: async () => {
			await emailsSent();
			try {
				return readdirSync(config.outboxDir)
					.sort()
					.map((name) => readFileSync(path.join(config.outboxDir, name), 'utf8'));
			} catch {
				return [];
			}
		},
		cleanup: async () => {
			// An email still being queued in the background needs its database: let it land first.
			await emailsQueued();
			await connection.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export const context = (overrides: Partial<RequestContext> = {}): RequestContext => ({
	address: '203.0.113.7',
	userAgent: 'test-browser',
	origin: 'http://parcours.test',
	lang: 'fr',
	...overrides
});

/**
 * The token with its last character replaced by another one of the same alphabet: always a
 * different token (replacing it by a fixed character gives the real one back when it ends so).
 */
export function tamper(token: string): string {
	const replacement = token.endsWith('a') ? 'b' : 'a';
	return `${token.slice(0, -1)}${replacement}`;
}

/** The link an email carries, decoded from quoted-printable line wrapping. */
export function linkIn(email: string, pathname: string): URL {
	const unwrapped = email.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
	const match = new RegExp(`https?://[^\\s]+${pathname}\\?token=[\\w-]+`).exec(unwrapped);
	if (!match) throw new Error(`no ${pathname} link in:\n${email}`);
	return new URL(match[0]);
}

/** A real SMTP server in this process that keeps what it receives. */
export async function startSmtpServer() {
	const received: { to: string[]; raw: string }[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
