import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, test } from 'vitest';
import { createLogger, redact, requestIdFrom, type LogLevel } from '../../src/lib/server/log.ts';

const TOKEN = 'Zq3xT0k3nV4lu3fr0mAnEm4il';
const SESSION = 'abcdefghijkmnpqrstuvwxyz.23456789abcdefghijkmnpq';

function capture(level: LogLevel = 'info') {
	const lines: string[] = [];
	const logger = createLogger({
		level,
		write: (line) => lines.push(line),
		now: () => new Date('2025-03-01T10:00:00.000Z')
	});
	return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line)) };
}

/** What SvelteKit hands the hooks for a reader following a password-reset link, signed in. */
function resetPasswordVisit(headers: Record<string, string> = {}) {
	const request = new Request(`http://cours.test/reset-password?token=${TOKEN}`, {
		headers: { cookie: `session=${SESSION}`, ...headers }
	});
	return {
		request,
		url: new URL(request.url),
		route: { id: '/reset-password' }
	} as unknown as RequestEvent;
}

describe('request log', () => {
	test('each request gives one line with its time, id, method, route, status and duration', async () => {
		const { logger, lines, parsed } = capture();
		const event = resetPasswordVisit();
		const response = await logger.handle({
			event,
			resolve: async () => new Response('<h1>Nouveau mot de passe</h1>', { status: 200 })
		});
		expect(lines).toHaveLength(1);
		const [line] = parsed();
		expect(Object.keys(line).sort()).toEqual(
			['id', 'level', 'method', 'ms', 'route', 'status', 'time'].sort()
		);
		expect(line).toMatchObject({
			time: '2025-03-01T10:00:00.000Z',
			level: 'info',
			method: 'GET',
			route: '/reset-password',
			status: 200
		});
		expect(line.ms).toBeGreaterThanOrEqual(0);
		expect(response.headers.get('x-request-id')).toBe(line.id);
	});

	test('a hook that throws error(404) or redirect() is logged with the status the visitor gets', async () => {
		const { logger, parsed } = capture();
		const thrown = async (fail: () => never) => {
			await Promise.resolve()
				.then(() => logger.handle({ event: resetPasswordVisit(), resolve: async () => fail() }))
				.catch(() => undefined);
		};
		await thrown(() => error(404, 'Not Found'));
		await thrown(() => redirect(303, '/login'));
		await thrown(() => {
			throw new Error('boom');
		});
		expect(parsed().map((line) => line.status)).toEqual([404, 303, 500]);
	});

	test('the line never carries the query string, the token or the session cookie', async () => {
		const { logger, lines } = capture();
		await logger.handle({
			event: resetPasswordVisit(),
			resolve: async () => new Response(null, { status: 303, headers: { location: '/login' } })
		});
		expect(lines[0]).not.toContain('?');
		expect(lines[0]).not.toContain('token');
		expect(lines[0]).not.toContain(TOKEN);
		expect(lines[0]).not.toContain(SESSION);
		expect(lines[0]).not.toContain('cookie');
	});

	test("a proxy's request id is kept when it is safe, replaced when it is not", async () => {
		const { logger, parsed } = capture();
		const fromProxy = '7f9c2ba4e88f827d616045507605853e';
		const answer = () => async () => new Response('ok');
		await logger.handle({
			event: resetPasswordVisit({ 'x-request-id': fromProxy }),
			resolve: answer()
		});
		await logger.handle({
			event: resetPasswordVisit({ 'x-request-id': 'evil" {"level":"error"}' }),
			resolve: answer()
		});
		const [kept, replaced] = parsed();
		expect(kept.id).toBe(fromProxy);
		expect(replaced.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(requestIdFrom('short')).not.toBe('short');
	});

	test('LOG_LEVEL=silent (or warn) writes no request line, but the id is still sent back', async () => {
		for (const level of ['silent', 'warn'] as const) {
			const { logger, lines } = capture(level);
			const response = await logger.handle({
				event: resetPasswordVisit(),
				resolve: async () => new Response('ok')
			});
			expect(lines).toEqual([]);
			expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		}
	});
});

describe('error log', () => {
	test('an unexpected error is logged with its request id and stack; the visitor sees neither', async () => {
		const { logger, parsed } = capture();
		const event = resetPasswordVisit();
		const failure = new Error(`cannot read http://cours.test/reset-password?token=${TOKEN}`);
		const shown = await logger.handleError({ error: failure, event, status: 500, message: 'x' });
		const response = await logger.handle({
			event,
			resolve: async () => new Response('', { status: 500 })
		});
		const [errorLine, requestLine] = parsed();
		expect(errorLine).toMatchObject({ level: 'error', status: 500, route: '/reset-password' });
		expect(errorLine.stack).toContain('log.test.ts');
		expect(errorLine.id).toBe(requestLine.id);
		expect(response.headers.get('x-request-id')).toBe(errorLine.id);
		expect(shown).toEqual({ message: 'Internal Error', id: errorLine.id });
		expect(JSON.stringify(errorLine)).not.toContain(TOKEN);
	});

	test('a page not found is not logged as an error (its request line is enough)', async () => {
		const { logger, lines } = capture();
		const shown = await logger.handleError({
			error: new Error('Not found: /nulle-part'),
			event: resetPasswordVisit(),
			status: 404,
			message: 'Not Found'
		});
		expect(lines).toEqual([]);
		// Nothing to quote in a report: the visitor is shown no reference. The message is
		// SvelteKit's, in English: the error page words the status itself.
		expect(shown).toEqual({ message: 'Not Found', untranslated: true });
	});

	test('query strings quoted in messages are cut off', () => {
		expect(redact(`GET /verify-email?token=${TOKEN}&lang=fr failed`)).toBe(
			'GET /verify-email?[redacted] failed'
		);
		expect(redact('no query here')).toBe('no query here');
	});
});
