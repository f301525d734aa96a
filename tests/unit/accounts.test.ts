import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as auth from '../../src/lib/server/auth.ts';
import { exportAccountData } from '../../src/lib/server/account-data.ts';
import { emailsSent } from '../../src/lib/server/email.ts';
import { checkPassword } from '../../src/lib/server/password.ts';
import {
	ABSOLUTE_LIFETIME,
	IDLE_TIMEOUT,
	createSession,
	listSessions,
	validateSessionToken
} from '../../src/lib/server/session.ts';
import { findUserById } from '../../src/lib/server/user.ts';
import { context, freshAccounts, linkIn, startSmtpServer, tamper } from '../helpers/accounts.ts';

let accounts: Awaited<ReturnType<typeof freshAccounts>>;
beforeEach(async () => {
	accounts = await freshAccounts();
});
afterEach(() => accounts.cleanup());

const alice = { username: 'alice', email: 'Alice@Example.org', password: 'une phrase de passe' };

/** Registers Alice, then signs her in: registration itself opens no session. */
async function registerAlice() {
	const registered = await auth.register(accounts.db, alice, context());
	if (!registered.ok) throw new Error(`registration failed: ${registered.error}`);
	const signedIn = await auth.signIn(
		accounts.db,
		{ login: alice.username, password: alice.password },
		context()
	);
	if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error}`);
	return signedIn;
}

describe('passwords', () => {
	test('short and very common passwords are refused; long ones are accepted whole', () => {
		expect(checkPassword('court')).toBe('too-short');
		expect(checkPassword('password')).toBe('too-common');
		expect(checkPassword('Password1')).toBe('too-common');
		expect(checkPassword('a'.repeat(128))).toBeNull();
		expect(checkPassword('x'.repeat(1025))).toBe('too-long');
	});

	test('a password made of spaces, or holding the username or email, is refused', async () => {
		expect(checkPassword(' '.repeat(12))).toBe('only-spaces');
		const account = { username: 'Alice', email: 'alice.martin@example.org' };
		expect(checkPassword('alice', account)).toBe('too-short');
		expect(checkPassword('ALICE-2024-secret', account)).toBe('contains-identity');
		expect(checkPassword('mon alice.martin@example.org', account)).toBe('contains-identity');
		expect(checkPassword('alice.martin!!', account)).toBe('contains-identity');
		expect(checkPassword('une phrase de passe', account)).toBeNull();
		expect(
			await auth.register(
				accounts.db,
				{ username: 'bernard', email: 'b@example.org', password: 'bernard est là' },
				context()
			)
		).toMatchObject({ ok: false, errors: { password: 'contains-identity' } });
		const { user, session } = await registerAlice();
		expect(
			await auth.changePassword(accounts.db, user.id, session.id, {
				currentPassword: alice.password,
				newPassword: '        '
			})
		).toMatchObject({ ok: false, error: 'only-spaces', field: 'newPassword' });
	});

	test('a 200-character password is never truncated: changing its last character fails sign-in', async () => {
		const long = `${'é'.repeat(199)}a`;
		await auth.register(accounts.db, { ...alice, password: long }, context());
		const wrong = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: `${'é'.repeat(199)}b` },
			context()
		);
		expect(wrong).toMatchObject({ ok: false, error: 'invalid' });
		const right = await auth.signIn(accounts.db, { login: 'alice', password: long }, context());
		expect(right.ok).toBe(true);
	});
});

describe('registration', () => {
	test('creates a learner with an unverified, lowercased email and an argon2id hash', async () => {
		const { user } = await registerAlice();
		const row = await accounts.db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			username: 'alice',
			email: 'alice@example.org',
			role: 'learner',
			email_verified_at: null
		});
		expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	test('a taken username is refused; a taken email gets the same answer as a new one and its owner an email', async () => {
		await registerAlice();
		expect(
			await auth.register(accounts.db, { ...alice, email: 'other@example.org' }, context())
		).toMatchObject({ ok: false, error: 'username-taken', field: 'username' });
		expect(
			await auth.register(
				accounts.db,
				{ ...alice, username: 'Alice', email: 'x@example.org' },
				context()
			)
		).toMatchObject({ error: 'username-taken' });

		const before = (await accounts.outbox()).length;
		const taken = await auth.register(
			accounts.db,
			{ ...alice, username: 'ALICE2', email: 'ALICE@example.org' },
			context()
		);
		const fresh = await auth.register(
			accounts.db,
			{ ...alice, username: 'bob', email: 'Bob@example.org' },
			context()
		);
		expect(taken).toEqual({ ok: true, email: 'alice@example.org' });
		expect(fresh).toEqual({ ok: true, email: 'bob@example.org' });
		const sent = (await accounts.outbox()).slice(before);
		expect(sent).toHaveLength(2);
		const toOwner = sent.find((email) => email.includes('To: alice@example.org'))!;
		expect(toOwner).toContain('d=C3=A9j=C3=A0 un compte');
		expect(linkIn(toOwner, '/reset-password')).toBeInstanceOf(URL);
		expect(
			linkIn(
				sent.find((email) => email.includes('To: bob@example.org'))!,
				'/verify-email'
			)
		).toBeInstanceOf(URL);
		expect(
			(await accounts.db.selectFrom('users').select('username').execute()).map((u) => u.username)
		).toEqual(['alice', 'bob']);
	});

	test('every invalid field is reported at once', async () => {
		const result = await auth.register(
			accounts.db,
			{ username: 'a', email: 'pas-une-adresse', password: 'court' },
			context()
		);
		expect(result).toMatchObject({
			ok: false,
			errors: { username: 'username-invalid', email: 'email-invalid', password: 'too-short' }
		});
	});

	test('confirming the address of a new account signs its owner in', async () => {
		await auth.register(accounts.db, alice, context());
		expect(await accounts.db.selectFrom('sessions').select('id').execute()).toEqual([]);
		const token = linkIn((await accounts.outbox())[0], '/verify-email').searchParams.get('token')!;
		const verified = await auth.verifyEmail(accounts.db, token, context());
		expect(verified).toMatchObject({ ok: true, started: { session: { userId: 1 } } });
		expect(await accounts.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
	});

	test('bad usernames, emails and passwords are refused before anything is stored', async () => {
		for (const [input, error] of [
			[{ ...alice, username: 'a' }, 'username-invalid'],
			[{ ...alice, username: 'with space' }, 'username-invalid'],
			[{ ...alice, email: 'not-an-email' }, 'email-invalid'],
			[{ ...alice, password: '12345678' }, 'too-common']
		] as const) {
			expect(await auth.register(accounts.db, input, context())).toMatchObject({
				ok: false,
				error
			});
		}
		expect(await accounts.db.selectFrom('users').select('id').execute()).toEqual([]);
	});

	test('sends a verification link whose token works once and is stored only as a hash', async () => {
		const { user } = await registerAlice();
		const [email] = await accounts.outbox();
		expect(email).toContain('To: alice@example.org');
		const link = linkIn(email, '/verify-email');
		const token = link.searchParams.get('token')!;
		const stored = await accounts.db.selectFrom('email_tokens').selectAll().execute();
		expect(stored).toHaveLength(1);
		expect(JSON.stringify(stored)).not.toContain(token);

		expect(await auth.verifyEmail(accounts.db, token)).toMatchObject({ ok: true });
		expect((await findUserById(accounts.db, user.id))?.emailVerifiedAt).toBeTypeOf('number');
		expect(await auth.verifyEmail(accounts.db, token)).toMatchObject({
			ok: false,
			error: 'invalid-token'
		});
	});

	test('an expired verification token is refused', async () => {
		await registerAlice();
		const token = linkIn((await accounts.outbox())[0], '/verify-email').searchParams.get('token')!;
		await accounts.db
			.updateTable('email_tokens')
			.set({ expires_at: Date.now() - 1 })
			.execute();
		expect(await auth.verifyEmail(accounts.db, token)).toMatchObject({
			ok: false,
			error: 'invalid-token'
		});
	});

	test('registrations from one address are limited', async () => {
		for (let i = 0; i < 5; i++) {
			const result = await auth.register(
				accounts.db,
				{ username: `user${i}`, email: `user${i}@example.org`, password: alice.password },
				context()
			);
			expect(result.ok).toBe(true);
		}
		const sixth = await auth.register(
			accounts.db,
			{ username: 'user6', email: 'user6@example.org', password: alice.password },
			context()
		);
		expect(sixth).toMatchObject({ ok: false, error: 'throttled' });
	});
	test('fifty registrations sent at once from one address create at most five accounts', async () => {
		await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				auth.register(
					accounts.db,
					{ username: `user${i}`, email: `user${i}@example.org`, password: alice.password },
					context()
				)
			)
		);
		expect(
			(await accounts.db.selectFrom('users').select('id').execute()).length
		).toBeLessThanOrEqual(5);
	});
});

describe('sign-in', () => {
	test('works with the username or the email, whatever their case', async () => {
		await registerAlice();
		for (const login of ['alice', 'ALICE', 'alice@example.org', 'Alice@Example.ORG']) {
			expect(
				(await auth.signIn(accounts.db, { login, password: alice.password }, context())).ok
			).toBe(true);
		}
	});

	test('an unknown account and a wrong password get the same answer', async () => {
		await registerAlice();
		const unknown = await auth.signIn(
			accounts.db,
			{ login: 'bob', password: alice.password },
			context()
		);
		const wrong = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: 'pas le bon mot' },
			context()
		);
		expect(unknown).toEqual(wrong);
		expect(unknown).toEqual({ ok: false, error: 'invalid', field: undefined, minutes: undefined });
	});

	test('five failures, by username or email, stop password checks on the account; its owner gets a link that signs them in', async () => {
		const { user } = await registerAlice();
		for (let i = 0; i < 5; i++) {
			const login = i % 2 === 0 ? 'alice' : 'ALICE@example.org';
			expect(
				await auth.signIn(
					accounts.db,
					{ login, password: `mauvais ${i}` },
					context({ address: `198.51.100.${i}` })
				)
			).toMatchObject({ error: 'invalid' });
		}
		const guarded = await auth.signIn(
			accounts.db,
			{ login: 'alice@example.org', password: alice.password },
			context()
		);
		expect(guarded).toMatchObject({ ok: false, error: 'account-guarded', minutes: 15 });

		const warning = (await accounts.outbox()).at(-1)!;
		expect(warning).toContain('To: alice@example.org');
		expect(warning).toContain('Plusieurs tentatives de connexion');
		const token = linkIn(warning, '/login/link').searchParams.get('token')!;
		const signedIn = await auth.signInWithLink(accounts.db, token, context());
		expect(signedIn).toMatchObject({ ok: true, user: { id: user.id } });
		expect(await auth.signInWithLink(accounts.db, token, context())).toMatchObject({
			error: 'invalid-token'
		});
		expect(
			(await auth.signIn(accounts.db, { login: 'alice', password: alice.password }, context())).ok
		).toBe(true);
	});

	test('an unknown login past the limit gets the same answer as a known one, and nobody gets an email', async () => {
		await registerAlice();
		const before = (await accounts.outbox()).length;
		for (let i = 0; i < 5; i++) {
			await auth.signIn(accounts.db, { login: 'bob', password: `mauvais ${i}` }, context());
		}
		expect(
			await auth.signIn(accounts.db, { login: 'bob', password: 'encore' }, context())
		).toMatchObject({ ok: false, error: 'account-guarded', minutes: 15 });
		expect(await accounts.outbox()).toHaveLength(before);
	});

	test('fifty guesses sent at once get at most five password checks, and the right one among them does not sign in', async () => {
		await registerAlice();
		const guesses = Array.from({ length: 50 }, (_, i) =>
			i === 49 ? alice.password : `mauvais ${i}`
		);
		const results = await Promise.all(
			guesses.map((password, i) =>
				auth.signIn(
					accounts.db,
					{ login: 'alice', password },
					context({ address: `198.51.${Math.floor(i / 10)}.${i}` })
				)
			)
		);
		const checked = results.filter((result) => !result.ok && result.error === 'invalid');
		expect(checked.length).toBeLessThanOrEqual(5);
		expect(results.filter((result) => result.ok)).toEqual([]);
		expect(
			results.filter((result) => !result.ok && result.error === 'account-guarded')
		).toHaveLength(50 - checked.length);
	});

	test('fifty guesses at once from one address get at most twenty password checks', async () => {
		await registerAlice();
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				auth.signIn(accounts.db, { login: `inconnu${i}`, password: 'nimporte quoi' }, context())
			)
		);
		const checked = results.filter((result) => !result.ok && result.error === 'invalid');
		expect(checked.length).toBeLessThanOrEqual(20);
		expect(results.filter((result) => !result.ok && result.error === 'throttled')).toHaveLength(
			50 - checked.length
		);
	});

	test('a login of any length is refused without being stored, and throttle rows have a fixed size', async () => {
		await registerAlice();
		const huge = 'a'.repeat(400_000);
		expect(await auth.signIn(accounts.db, { login: huge, password: 'x' }, context())).toMatchObject(
			{ ok: false, error: 'invalid' }
		);
		await auth.signIn(accounts.db, { login: 'b'.repeat(254), password: 'x' }, context());
		const rows = await accounts.db.selectFrom('throttles').select('key').execute();
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row.key.length).toBe(43);
	});

	// Twenty argon2 checks one after the other: seconds on a busy machine.
	test('twenty failures from one address block that address, for every account', async () => {
		await registerAlice();
		for (let i = 0; i < 20; i++) {
			await auth.signIn(
				accounts.db,
				{ login: `inconnu${i}`, password: 'nimporte quoi' },
				context()
			);
		}
		expect(
			await auth.signIn(accounts.db, { login: 'alice', password: alice.password }, context())
		).toMatchObject({
			error: 'throttled'
		});
		expect(
			(
				await auth.signIn(
					accounts.db,
					{ login: 'alice', password: alice.password },
					context({ address: '192.0.2.1' })
				)
			).ok
		).toBe(true);
	}, 30_000);

	test('every sign-in opens a new session', async () => {
		await registerAlice();
		const first = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: alice.password },
			context()
		);
		const second = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: alice.password },
			context()
		);
		expect(first.ok && second.ok && first.session.id !== second.session.id).toBe(true);
	});
});

describe('sessions', () => {
	test('only the SHA-256 of the secret is stored and a tampered token is refused', async () => {
		const { user, token } = await registerAlice();
		const [, secret] = token.split('.');
		const rows = await accounts.db.selectFrom('sessions').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(secret);
		expect((await validateSessionToken(accounts.db, token))?.user.id).toBe(user.id);
		expect(await validateSessionToken(accounts.db, tamper(token))).toBeNull();
		expect(await validateSessionToken(accounts.db, 'nonsense')).toBeNull();
	});

	test('a session ends after the idle timeout and the absolute lifetime, and is renewed on use', async () => {
		const { user } = await registerAlice();
		const start = Date.now();
		const { token } = await createSession(accounts.db, user.id, '', start);
		expect(await validateSessionToken(accounts.db, token, start + IDLE_TIMEOUT)).toBeNull();

		const active = await createSession(accounts.db, user.id, '', start);
		let now = start;
		while (now + IDLE_TIMEOUT / 2 < start + ABSOLUTE_LIFETIME) {
			now += IDLE_TIMEOUT / 2;
			expect(await validateSessionToken(accounts.db, active.token, now)).not.toBeNull();
		}
		expect(
			await validateSessionToken(accounts.db, active.token, start + ABSOLUTE_LIFETIME)
		).toBeNull();
	});

	test('a session in use is renewed once an hour, not on every request', async () => {
		const { user } = await registerAlice();
		const start = Date.now();
		const { token } = await createSession(accounts.db, user.id, '', start);
		expect((await validateSessionToken(accounts.db, token, start + 60_000))?.renewed).toBe(false);
		const hourLater = start + 60 * 60_000;
		const renewed = await validateSessionToken(accounts.db, token, hourLater);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.lastSeenAt).toBe(hourLater);
		expect((await validateSessionToken(accounts.db, token, hourLater + 60_000))?.renewed).toBe(
			false
		);
	});

	test('signing in again from the same browser ends the session it had', async () => {
		const first = await registerAlice();
		const again = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: alice.password },
			context({ sessionId: first.session.id })
		);
		expect(again.ok).toBe(true);
		expect((await listSessions(accounts.db, first.user.id)).map((s) => s.id)).toEqual([
			again.ok && again.session.id
		]);
	});

	test('ending sessions asks for the current password', async () => {
		const { user, session } = await registerAlice();
		const other = await auth.signIn(
			accounts.db,
			{ login: 'alice', password: alice.password },
			context({ userAgent: 'téléphone' })
		);
		if (!other.ok) throw new Error('sign-in failed');
		expect(
			await auth.endSessions(accounts.db, user.id, session.id, {
				currentPassword: 'faux',
				sessionId: other.session.id
			})
		).toMatchObject({ ok: false, error: 'wrong-password' });
		expect(await listSessions(accounts.db, user.id)).toHaveLength(2);
		expect(
			await auth.endSessions(accounts.db, user.id, session.id, {
				currentPassword: alice.password,
				sessionId: 'others'
			})
		).toEqual({ ok: true, endedCurrent: false });
		expect((await listSessions(accounts.db, user.id)).map((s) => s.id)).toEqual([session.id]);
	});
});

describe('ending one session', () => {
	test('a session of another account cannot be ended by its id; one of mine can', async () => {
		const { user, session } = await registerAlice();
		const bob = { username: 'bob', email: 'bob@example.org', password: 'une autre phrase' };
		if (!(await auth.register(accounts.db, bob, context())).ok) throw new Error('no bob');
		const bobs = await auth.signIn(
			accounts.db,
			{ login: 'bob', password: bob.password },
			context()
		);
		if (!bobs.ok) throw new Error('sign-in failed');
		expect(
			await auth.endSessions(accounts.db, user.id, session.id, {
				currentPassword: alice.password,
				sessionId: bobs.session.id
			})
		).toMatchObject({ ok: false, error: 'invalid-session' });
		expect((await listSessions(accounts.db, bobs.user.id)).map((s) => s.id)).toEqual([
			bobs.session.id
		]);
		expect(
			await auth.endSessions(accounts.db, user.id, session.id, {
				currentPassword: alice.password,
				sessionId: session.id
			})
		).toEqual({ ok: true, endedCurrent: true });
		expect(await listSessions(accounts.db, user.id)).toEqual([]);
	});
});

describe('password reset', () => {
	test('sends a one-hour link that sets the password once and ends every other session', async () => {
		const { user } = await registerAlice();
		await auth.signIn(accounts.db, { login: 'alice', password: alice.password }, context());
		expect(await listSessions(accounts.db, user.id)).toHaveLength(2);

		expect(await auth.requestPasswordReset(accounts.db, 'alice@example.org', context())).toEqual({
			ok: true
		});
		const token = linkIn((await accounts.outbox()).at(-1)!, '/reset-password').searchParams.get(
			'token'
		)!;
		const reset = await auth.resetPassword(accounts.db, token, 'un tout nouveau secret', context());
		expect(reset.ok).toBe(true);
		expect(await listSessions(accounts.db, user.id)).toHaveLength(1);
		expect(
			(await auth.signIn(accounts.db, { login: 'alice', password: alice.password }, context())).ok
		).toBe(false);
		expect(
			(
				await auth.signIn(
					accounts.db,
					{ login: 'alice', password: 'un tout nouveau secret' },
					context()
				)
			).ok
		).toBe(true);
		expect(
			await auth.resetPassword(accounts.db, token, 'encore un autre', context())
		).toMatchObject({ error: 'invalid-token' });
	});

	test('an unknown address gets the same answer and no email', async () => {
		await registerAlice();
		const before = (await accounts.outbox()).length;
		expect(await auth.requestPasswordReset(accounts.db, 'nobody@example.org', context())).toEqual({
			ok: true
		});
		expect(await accounts.outbox()).toHaveLength(before);
	});

	test('the answer does not wait for the mail server, so a known address answers as fast as an unknown one', async () => {
		const sockets: Socket[] = [];
		const silent = createServer((socket) => sockets.push(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = silent.address() as AddressInfo;
			await accounts.cleanup();
			accounts = await freshAccounts({ SMTP_URL: `smtp://127.0.0.1:${port}` });
			await auth.register(accounts.db, alice, context());
			expect(await auth.requestPasswordReset(accounts.db, 'alice@example.org', context())).toEqual({
				ok: true
			});
		} finally {
			for (const socket of sockets) socket.destroy();
			silent.close();
			await emailsSent();
		}
	});
});

describe('account management', () => {
	test('changing the password asks for the current one and ends the other sessions', async () => {
		const { user, session } = await registerAlice();
		await auth.signIn(accounts.db, { login: 'alice', password: alice.password }, context());
		const input = { currentPassword: 'faux mot de passe', newPassword: 'nouvelle phrase secrète' };
		expect(await auth.changePassword(accounts.db, user.id, session.id, input)).toMatchObject({
			error: 'wrong-password'
		});
		expect(
			await auth.changePassword(accounts.db, user.id, session.id, {
				...input,
				currentPassword: alice.password
			})
		).toEqual({ ok: true });
		expect((await listSessions(accounts.db, user.id)).map((s) => s.id)).toEqual([session.id]);
	});

	test('fifty wrong current passwords sent at once get at most five checks', async () => {
		const { user } = await registerAlice();
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				auth.deleteAccount(accounts.db, user.id, { currentPassword: `faux ${i}`, confirm: true })
			)
		);
		const checked = results.filter((result) => !result.ok && result.error === 'wrong-password');
		expect(checked.length).toBeLessThanOrEqual(5);
		expect(results.filter((result) => !result.ok && result.error === 'throttled')).toHaveLength(
			50 - checked.length
		);
	});

	test('a new email takes effect only once verified', async () => {
		const { user } = await registerAlice();
		const result = await auth.changeEmail(
			accounts.db,
			user,
			{ currentPassword: alice.password, email: 'alice@nouveau.example' },
			context()
		);
		expect(result).toEqual({ ok: true, email: 'alice@nouveau.example' });
		expect((await findUserById(accounts.db, user.id))?.email).toBe('alice@example.org');
		const email = (await accounts.outbox()).at(-1)!;
		expect(email).toContain('To: alice@nouveau.example');
		await auth.verifyEmail(accounts.db, linkIn(email, '/verify-email').searchParams.get('token')!);
		expect(await findUserById(accounts.db, user.id)).toMatchObject({
			email: 'alice@nouveau.example'
		});
	});

	test('deleting the account needs the password and removes sessions and tokens', async () => {
		const { user } = await registerAlice();
		expect(
			await auth.deleteAccount(accounts.db, user.id, { currentPassword: 'faux', confirm: true })
		).toMatchObject({
			error: 'wrong-password'
		});
		expect(
			await auth.deleteAccount(accounts.db, user.id, {
				currentPassword: alice.password,
				confirm: false
			})
		).toMatchObject({
			error: 'confirm-required'
		});
		expect(
			await auth.deleteAccount(accounts.db, user.id, {
				currentPassword: alice.password,
				confirm: true
			})
		).toEqual({ ok: true });
		expect(await findUserById(accounts.db, user.id)).toBeNull();
		expect(await accounts.db.selectFrom('sessions').select('id').execute()).toEqual([]);
		expect(await accounts.db.selectFrom('email_tokens').select('token_hash').execute()).toEqual([]);
	});

	test('the data download holds the profile and sessions, never a password hash', async () => {
		const { user } = await registerAlice();
		const data = await exportAccountData(accounts.db, user.id);
		expect(data?.profile).toMatchObject({
			username: 'alice',
			email: 'alice@example.org',
			role: 'learner'
		});
		expect(data?.sessions).toHaveLength(1);
		expect(JSON.stringify(data)).not.toContain('argon2');
	});
});

describe('email delivery', () => {
	test('in outbox mode the log says a message was written, never its link, unless asked to', async () => {
		const printed: string[] = [];
		const spy = vi.spyOn(process.stdout, 'write').mockImplementation((line) => {
			printed.push(String(line));
			return true;
		});
		try {
			await auth.register(accounts.db, alice, context());
			await emailsSent();
			expect(printed.join('\n')).toContain('"message":"email written to the outbox"');
			expect(printed.join('\n')).not.toContain('token=');

			await accounts.cleanup();
			accounts = await freshAccounts({ OUTBOX_PRINT_LINKS: 'true' });
			await auth.requestPasswordReset(accounts.db, 'nobody@example.org', context());
			await auth.register(accounts.db, alice, context());
			await emailsSent();
			expect(printed.join('\n')).toContain('/verify-email?token=');
		} finally {
			spy.mockRestore();
			delete process.env.OUTBOX_PRINT_LINKS;
		}
	});

	test('goes over SMTP when SMTP_URL is set', async () => {
		const smtp = await startSmtpServer();
		try {
			await accounts.cleanup();
			accounts = await freshAccounts({ SMTP_URL: smtp.url });
			await registerAlice();
			await emailsSent();
			expect(smtp.received).toHaveLength(1);
			expect(smtp.received[0].to).toEqual(['alice@example.org']);
			expect(linkIn(smtp.received[0].raw, '/verify-email').origin).toBe('http://parcours.test');
			expect(await accounts.outbox()).toEqual([]);
		} finally {
			await smtp.close();
		}
	});
});
