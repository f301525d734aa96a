import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';
import { createEmailToken } from '../../src/lib/server/email-token.ts';
import { PURGE_INTERVAL, schedulePurge } from '../../src/lib/server/housekeeping.ts';
import { LIMITS, take } from '../../src/lib/server/rate-limit.ts';
import { IDLE_TIMEOUT, createSession } from '../../src/lib/server/session.ts';
import { createUser } from '../../src/lib/server/user.ts';

let connection: TestDatabase;
beforeEach(async () => {
	connection = await testDatabase();
});
afterEach(async () => {
	vi.useRealTimers();
	await connection.close();
});

test('expired sessions, links and counters are deleted every hour; live ones stay', async () => {
	const db = connection.db;
	const start = Date.UTC(2026, 0, 5, 9);
	vi.useFakeTimers({ now: start, toFake: ['Date', 'setInterval', 'clearInterval'] });
	const user = await createUser(db, {
		username: 'alice',
		email: 'alice@example.org',
		passwordHash: 'x',
		now: start - 60 * IDLE_TIMEOUT
	});
	const idle = await createSession(db, user.id, '', start - IDLE_TIMEOUT - 1);
	const live = await createSession(db, user.id, '', start);
	await createEmailToken(db, user.id, 'reset-password', user.email, start - 2 * PURGE_INTERVAL);
	await createEmailToken(db, user.id, 'verify-email', user.email, start);
	await take(db, 'signin-address:old', LIMITS.signInPerAddress, start - 2 * PURGE_INTERVAL);
	await take(db, 'signin-address:now', LIMITS.signInPerAddress, start);

	const stop = schedulePurge(() => db);
	await vi.waitFor(async () =>
		expect(await db.selectFrom('throttles').select('key').execute()).toHaveLength(1)
	);
	expect((await db.selectFrom('sessions').select('id').execute()).map((row) => row.id)).toEqual([
		live.session.id
	]);
	expect(idle.session.id).not.toBe(live.session.id);
	expect(await db.selectFrom('email_tokens').select('purpose').execute()).toEqual([
		{ purpose: 'verify-email' }
	]);

	// An hour later, what expired in between goes too.
	vi.setSystemTime(start + LIMITS.signInPerAddress.windowMs + PURGE_INTERVAL);
	vi.advanceTimersByTime(PURGE_INTERVAL);
	await vi.waitFor(async () =>
		expect(await db.selectFrom('throttles').select('key').execute()).toEqual([])
	);
	stop();
});
