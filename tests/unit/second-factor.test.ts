import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as auth from '../../src/lib/server/auth.ts';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { pendingSetup } from '../../src/lib/server/second-factor.ts';
import { listSessions } from '../../src/lib/server/session.ts';
import { setRole } from '../../src/lib/server/user.ts';
import { context, freshAccounts } from '../helpers/accounts.ts';

let accounts: Awaited<ReturnType<typeof freshAccounts>>;
beforeEach(async () => {
	accounts = await freshAccounts();
});
afterEach(async () => {
	delete process.env.TOTP_REQUIRED_FOR_STAFF;
	reloadConfig();
	await accounts.cleanup();
});

const alice = { username: 'alice', email: 'alice@example.org', password: 'une phrase de passe' };

/** The code Alice's authenticator app shows, from the key the account page gave her. */
const codeFrom = (key: string, timestamp = Date.now()) =>
	TOTP.generate({ secret: Secret.fromBase32(key.replace(/\s/g, '')), timestamp });

/** Registers Alice, signs her in and turns her second factor on; returns the key and codes. */
async function aliceWithSecondFactor() {
	await auth.register(accounts.db, alice, context());
	const signedIn = await auth.signIn(
		accounts.db,
		{ login: 'alice', password: alice.password },
		context()
	);
	if (!signedIn.ok) throw new Error('sign-in failed');
	const user = signedIn.user;
	expect(await auth.beginSecondFactor(accounts.db, user, 'pas le bon')).toMatchObject({
		error: 'wrong-password'
	});
	expect(await auth.beginSecondFactor(accounts.db, user, alice.password)).toEqual({ ok: true });
	const { key } = (await pendingSetup(accounts.db, user))!;
	const confirmed = await auth.confirmSecondFactor(accounts.db, user, codeFrom(key));
	if (!confirmed.ok) throw new Error(`confirmation failed: ${confirmed.error}`);
	return { user, key, recoveryCodes: confirmed.recoveryCodes };
}

describe('second factor', () => {
	test('once on, the password alone opens no session: the code from the app does, once', async () => {
		const { user, key } = await aliceWithSecondFactor();
		const before = (await listSessions(accounts.db, user.id)).length;
		const first = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: alice.password },
			context()
		);
		expect(first).toMatchObject({ ok: false, error: 'second-factor-required' });
		expect(await listSessions(accounts.db, user.id)).toHaveLength(before);
		const challenge = !first.ok ? first.challenge! : '';

		expect(
			await auth.completeSignIn(accounts.db, { challenge, code: '000000' }, context())
		).toMatchObject({ ok: false, error: 'invalid-code', challenge });
		// The code that confirmed the setup was used: it is refused, and the next period's works.
		const next = codeFrom(key, Date.now() + 30_000);
		const done = await auth.completeSignIn(accounts.db, { challenge, code: next }, context());
		expect(done).toMatchObject({ ok: true, user: { id: user.id } });
		expect(
			await auth.completeSignIn(accounts.db, { challenge, code: next }, context())
		).toMatchObject({ ok: false, error: 'invalid-token' });
	});

	test('a recovery code works once in place of the app', async () => {
		const { recoveryCodes } = await aliceWithSecondFactor();
		expect(recoveryCodes).toHaveLength(10);
		const stored = await accounts.db.selectFrom('recovery_codes').select('code_hash').execute();
		expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);
		for (const expected of [true, false]) {
			const first = await auth.signIn(
				accounts.db,
				{ login: 'alice', password: alice.password },
				context()
			);
			const challenge = !first.ok ? first.challenge! : '';
			const result = await auth.completeSignIn(
				accounts.db,
				{ challenge, code: recoveryCodes[0].toLowerCase() },
				context()
			);
			expect(result.ok).toBe(expected);
		}
	});

	test('fifty codes sent at once get at most five checks', async () => {
		const { key } = await aliceWithSecondFactor();
		const first = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: alice.password },
			context()
		);
		const challenge = !first.ok ? first.challenge! : '';
		const right = codeFrom(key, Date.now() + 30_000);
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				auth.completeSignIn(
					accounts.db,
					{ challenge, code: i === 49 ? right : String(100000 + i) },
					context()
				)
			)
		);
		expect(
			results.filter((result) => !result.ok && result.error === 'invalid-code').length
		).toBeLessThanOrEqual(5);
		expect(results.filter((result) => result.ok)).toEqual([]);
	});

	test('a password reset and the emailed sign-in link still ask for the code', async () => {
		const { user } = await aliceWithSecondFactor();
		await auth.requestPasswordReset(accounts.db, alice.email, context());
		const email = (await accounts.outbox()).at(-1)!;
		const token = /token=3D([\w-]+)|token=([\w-]+)/
			.exec(email.replace(/=\r?\n/g, ''))!
			.slice(1)
			.find(Boolean)!;
		const reset = await auth.resetPassword(accounts.db, token, 'un tout nouveau secret', context());
		expect(reset).toEqual({ ok: true, signedIn: null });
		expect(await listSessions(accounts.db, user.id)).toEqual([]);
	});

	test('when the host requires it, a moderator without a second factor reaches only the account page', async () => {
		process.env.TOTP_REQUIRED_FOR_STAFF = 'true';
		reloadConfig();
		const moderator = {
			role: 'moderator' as const,
			secondFactor: false
		};
		expect(auth.mustSetUpSecondFactor(moderator, '/moderation')).toBe(true);
		expect(auth.mustSetUpSecondFactor(moderator, '/account')).toBe(false);
		expect(auth.mustSetUpSecondFactor({ ...moderator, secondFactor: true }, '/moderation')).toBe(
			false
		);
		expect(
			auth.mustSetUpSecondFactor({ role: 'learner', secondFactor: false }, '/moderation')
		).toBe(false);
		const { user } = await aliceWithSecondFactor();
		await setRole(accounts.db, user.id, 'admin');
		expect(
			await auth.removeSecondFactor(
				accounts.db,
				{ ...user, role: 'admin' },
				{ currentPassword: alice.password, code: '123456' }
			)
		).toMatchObject({ ok: false, error: 'second-factor-mandatory' });
	});
});
