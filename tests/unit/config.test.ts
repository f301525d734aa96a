import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/server/config.ts';

/** The error an administrator would read for this environment. */
function problemWith(env: Record<string, string>): string {
	try {
		parseConfig(env);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`no error for ${JSON.stringify(env)}`);
}

describe('configuration', () => {
	test('a server started with no variables at all uses the documented defaults', () => {
		const config = parseConfig({});
		expect(config).toMatchObject({
			DATA_DIR: './data',
			PORT: 3000,
			HOST: '0.0.0.0',
			MAIL_FROM: 'Parcours <no-reply@localhost>',
			LOG_LEVEL: 'info',
			OUTBOX_PRINT_LINKS: false,
			TOTP_REQUIRED_FOR_STAFF: false
		});
		expect(config.ORIGIN).toBeUndefined();
		expect(config.SMTP_URL).toBeUndefined();
		expect(config.database).toEqual({ kind: 'sqlite', file: path.join('data', 'parcours.db') });
		expect(config.outboxDir).toBe(path.join('data', 'outbox'));
	});

	test('a typical production environment is read as written', () => {
		const config = parseConfig({
			DATA_DIR: '/var/lib/parcours',
			ORIGIN: 'https://cours.example.org',
			PORT: '8080',
			HOST: '127.0.0.1',
			SMTP_URL: 'smtps://parcours:secret@mail.example.org:465',
			MAIL_FROM: 'Parcours <cours@example.org>',
			BODY_SIZE_LIMIT: '1M',
			ADDRESS_HEADER: 'X-Forwarded-For',
			XFF_DEPTH: '1',
			LOG_LEVEL: 'warn'
		});
		expect(config).toMatchObject({
			ORIGIN: 'https://cours.example.org',
			PORT: 8080,
			XFF_DEPTH: 1,
			LOG_LEVEL: 'warn'
		});
		expect(config.database).toEqual({ kind: 'sqlite', file: '/var/lib/parcours/parcours.db' });
	});

	test('the HTTP server reads its own settings here too: shutdown delay and proxy headers', () => {
		expect(parseConfig({}).SHUTDOWN_TIMEOUT).toBe(30);
		const config = parseConfig({
			SHUTDOWN_TIMEOUT: '0',
			PROTOCOL_HEADER: 'X-Forwarded-Proto',
			HOST_HEADER: 'X-Forwarded-Host',
			PORT_HEADER: 'X-Forwarded-Port'
		});
		expect(config).toMatchObject({
			SHUTDOWN_TIMEOUT: 0,
			PROTOCOL_HEADER: 'X-Forwarded-Proto',
			HOST_HEADER: 'X-Forwarded-Host',
			PORT_HEADER: 'X-Forwarded-Port'
		});
	});

	test('DATABASE_URL, as a path or a file:// URL, overrides the file in DATA_DIR', () => {
		expect(parseConfig({ DATA_DIR: '/srv/data' }).database).toEqual({
			kind: 'sqlite',
			file: '/srv/data/parcours.db'
		});
		expect(parseConfig({ DATABASE_URL: '/srv/db/parcours.db' }).database).toEqual({
			kind: 'sqlite',
			file: '/srv/db/parcours.db'
		});
		expect(parseConfig({ DATABASE_URL: 'file:///srv/db/parcours.db' }).database).toEqual({
			kind: 'sqlite',
			file: '/srv/db/parcours.db'
		});
	});

	test('a postgres:// DATABASE_URL runs on PostgreSQL, with a pool of DATABASE_POOL_SIZE', () => {
		const url = 'postgres://parcours:secret@db.example.org:5432/parcours';
		expect(parseConfig({ DATABASE_URL: url }).database).toEqual({
			kind: 'postgres',
			url,
			poolSize: 10
		});
		expect(
			parseConfig({ DATABASE_URL: 'postgresql://db/parcours', DATABASE_POOL_SIZE: '4' }).database
		).toEqual({ kind: 'postgres', url: 'postgresql://db/parcours', poolSize: 4 });
	});

	test('an empty variable, as env files often have, counts as unset', () => {
		const config = parseConfig({ PORT: '', ORIGIN: '', LOG_LEVEL: '', SMTP_URL: '' });
		expect(config.PORT).toBe(3000);
		expect(config.ORIGIN).toBeUndefined();
		expect(config.LOG_LEVEL).toBe('info');
	});

	test.each([
		[{ PORT: 'abc' }, 'PORT'],
		[{ PORT: '70000' }, 'PORT'],
		[{ PORT: '80.5' }, 'PORT'],
		[{ ORIGIN: 'cours.example.org' }, 'ORIGIN'],
		[{ ORIGIN: 'ftp://cours.example.org' }, 'ORIGIN'],
		[{ ORIGIN: 'https://cours.example.org/parcours' }, 'ORIGIN'],
		[{ ORIGIN: 'https://cours.example.org/?x=1' }, 'ORIGIN'],
		[{ DATABASE_URL: 'mysql://db.example.org/parcours' }, 'DATABASE_URL'],
		[{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
		[{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
		[{ SMTP_URL: 'https://mail.example.org' }, 'SMTP_URL'],
		[{ MAIL_FROM: 'x' }, 'MAIL_FROM'],
		[{ BODY_SIZE_LIMIT: 'a lot' }, 'BODY_SIZE_LIMIT'],
		[{ ADDRESS_HEADER: 'X Forwarded For' }, 'ADDRESS_HEADER'],
		[{ XFF_DEPTH: '0' }, 'XFF_DEPTH'],
		[{ PROTOCOL_HEADER: 'x-forwarded-proto: https' }, 'PROTOCOL_HEADER'],
		[{ HOST_HEADER: 'X Forwarded Host' }, 'HOST_HEADER'],
		[{ PORT_HEADER: 'port?' }, 'PORT_HEADER'],
		[{ SHUTDOWN_TIMEOUT: 'soon' }, 'SHUTDOWN_TIMEOUT'],
		[{ SHUTDOWN_TIMEOUT: '2.5' }, 'SHUTDOWN_TIMEOUT'],
		[{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
		[{ TIME_ZONE: 'Paris' }, 'TIME_ZONE'],
		[{ TIME_ZONE: 'UTC+1' }, 'TIME_ZONE'],
		[{ OUTBOX_PRINT_LINKS: 'yes please' }, 'OUTBOX_PRINT_LINKS'],
		[{ TOTP_REQUIRED_FOR_STAFF: 'always' }, 'TOTP_REQUIRED_FOR_STAFF']
	])('a bad value (%o) is refused with a message naming %s', (env, name) => {
		const message = problemWith(env);
		expect(message).toMatch(/^Invalid configuration:/);
		expect(message).toMatch(new RegExp(`^  ${name}: .+`, 'm'));
	});

	test('every bad variable is reported at once, one per line', () => {
		const message = problemWith({ PORT: 'abc', ORIGIN: 'nowhere', LOG_LEVEL: 'loud' });
		const lines = message.split('\n').slice(1);
		expect(lines.map((line) => line.trim().split(':')[0]).sort()).toEqual([
			'LOG_LEVEL',
			'ORIGIN',
			'PORT'
		]);
	});

	test('the messages say what a good value looks like', () => {
		expect(problemWith({ ORIGIN: 'nowhere' })).toContain('https://cours.example.org');
		expect(problemWith({ ORIGIN: 'https://cours.example.org/parcours' })).toContain('no path');
		expect(parseConfig({}).TIME_ZONE).toBe('Europe/Paris');
		expect(parseConfig({ TIME_ZONE: 'America/Montreal' }).TIME_ZONE).toBe('America/Montreal');
		// A slash at the end is no path.
		expect(parseConfig({ ORIGIN: 'https://cours.example.org/' }).ORIGIN).toBe(
			'https://cours.example.org/'
		);
		expect(problemWith({ BODY_SIZE_LIMIT: 'big' })).toContain('512K');
		expect(problemWith({ DATABASE_URL: 'mysql://x/y' })).toContain('file path');
		expect(problemWith({ DATABASE_URL: 'mysql://x/y' })).toContain('postgres://');
	});
});
