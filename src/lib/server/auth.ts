// Account flows: each returns a result the route turns into a page, never throws for bad input.
import { z } from 'zod';
import type { DB } from './db/index.ts';
import { consumeEmailToken, createEmailToken, peekEmailToken } from './email-token.ts';
import { queueEmail } from './email.ts';
import { messagesFor } from '../i18n/index.ts';
import type { Language } from '../content/schema.ts';
import {
	PASSWORD_MAX,
	checkPassword,
	hashPassword,
	verifyAgainstNothing,
	verifyPassword
} from './password.ts';
import { LIMITS, giveBack, minutesToWait, reset, take } from './rate-limit.ts';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	invalidateOwnSession
} from './session.ts';
import * as secondFactor from './second-factor.ts';
import * as users from './user.ts';
import { getConfig } from './config.ts';
import type { Role } from './db/schema.ts';

export type AuthError =
	| 'username-invalid'
	| 'username-taken'
	| 'email-invalid'
	| 'email-taken'
	| 'email-same'
	| 'too-short'
	| 'too-long'
	| 'too-common'
	| 'only-spaces'
	| 'contains-identity'
	| 'password-required'
	| 'login-required'
	| 'invalid'
	| 'wrong-password'
	| 'invalid-token'
	| 'throttled'
	| 'account-guarded'
	| 'invalid-session'
	| 'second-factor-required'
	| 'second-factor-on'
	| 'second-factor-mandatory'
	| 'invalid-code'
	| 'confirm-required';

export type Failure = {
	ok: false;
	error: AuthError;
	field?: string;
	minutes?: number;
	/** Every invalid field, when a form reports them all at once. */
	errors?: Partial<Record<string, AuthError>>;
	/** With `second-factor-required` and `invalid-code`: the step that asks for the code. */
	challenge?: string;
};

/** Where a request comes from and where links in emails should point. */
export interface RequestContext {
	address: string;
	userAgent: string;
	origin: string;
	lang: Language;
	/** The session the browser already has, ended when it signs in again. */
	sessionId?: string | null;
}

/** A new session for whoever just proved who they are; the browser's previous one ends. */
async function openSession(db: DB, userId: number, context: RequestContext) {
	if (context.sessionId) await invalidateSession(db, context.sessionId);
	return createSession(db, userId, context.userAgent);
}

/**
 * A session, or, for an account with a second factor, the challenge that asks for its code: a
 * password or an emailed link alone never opens such an account.
 */
async function sessionOrChallenge<U extends { id: number }>(
	db: DB,
	user: U,
	context: RequestContext
) {
	if (await secondFactor.hasSecondFactor(db, user.id)) {
		const challenge = await secondFactor.createChallenge(db, user.id);
		return { ...fail('second-factor-required', 'code'), challenge };
	}
	const { token, session } = await openSession(db, user.id, context);
	return { ok: true as const, user, token, session };
}

export const usernameSchema = z
	.string()
	.trim()
	.regex(/^[\p{L}\p{N}_.-]{3,32}$/u);
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

const fail = (error: AuthError, field?: string, minutes?: number): Failure => ({
	ok: false,
	error,
	field,
	minutes
});

const registrationSchema = z.object({
	username: z.string().max(1000).pipe(usernameSchema),
	email: z.string().max(1000).pipe(emailSchema),
	password: z.string().max(PASSWORD_MAX * 4)
});

const REGISTRATION_ERRORS: Record<string, AuthError> = {
	username: 'username-invalid',
	email: 'email-invalid',
	password: 'too-long'
};

/**
 * Whether or not the address already has an account, the answer is the same, after the same
 * work (hashing the password, writing a token, queueing an email): the email itself tells the
 * owner. Only usernames, public in the discussions anyway, are said to be taken.
 */
export async function register(
	db: DB,
	input: { username: string; email: string; password: string },
	context: RequestContext
): Promise<Failure | { ok: true; email: string }> {
	const parsed = registrationSchema.safeParse(input);
	const errors: Partial<Record<string, AuthError>> = {};
	for (const issue of parsed.error?.issues ?? []) {
		const field = String(issue.path[0]);
		errors[field] ??= REGISTRATION_ERRORS[field] ?? (issue.message as AuthError);
	}
	const passwordProblem = errors.password ?? checkPassword(input.password, input);
	if (passwordProblem) errors.password = passwordProblem;
	const username = usernameSchema.safeParse(input.username);
	if (!errors.username && username.success && (await users.isUsernameTaken(db, username.data))) {
		errors.username = 'username-taken';
	}
	const first = Object.entries(errors)[0];
	if (first || !parsed.success) {
		return { ...fail(first?.[1] ?? 'username-invalid', first?.[0]), errors };
	}
	const { wait } = await take(db, `register:${context.address}`, LIMITS.registerPerAddress);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));

	const passwordHash = await hashPassword(parsed.data.password);
	const owner = await users.findUserByEmail(db, parsed.data.email);
	if (owner) {
		await tellOwnerOfRegistration(db, owner, context);
		return { ok: true, email: parsed.data.email };
	}
	const user = await users.createUser(db, {
		username: parsed.data.username,
		email: parsed.data.email,
		passwordHash
	});
	await sendVerification(db, user, user.email, context);
	return { ok: true, email: user.email };
}

/** Someone registered with an address that has an account: its owner hears of it, with a way in. */
async function tellOwnerOfRegistration(
	db: DB,
	owner: { id: number; username: string; email: string },
	context: RequestContext
) {
	if ((await take(db, `email:${owner.id}`, LIMITS.emailPerAccount)).wait > 0) return;
	const token = await createEmailToken(db, owner.id, 'reset-password', owner.email);
	const link = `${context.origin}/reset-password?token=${token}`;
	const t = messagesFor(context.lang).emails.alreadyRegistered;
	queueEmail(db, {
		userId: owner.id,
		to: owner.email,
		subject: t.subject,
		text: t.text(owner.username, link),
		link
	});
}

export async function sendVerification(
	db: DB,
	user: { id: number; username: string },
	email: string,
	context: RequestContext
) {
	const token = await createEmailToken(db, user.id, 'verify-email', email);
	const link = `${context.origin}/verify-email?token=${token}`;
	const t = messagesFor(context.lang).emails.verify;
	queueEmail(db, {
		userId: user.id,
		to: email,
		subject: t.subject,
		text: t.text(user.username, link),
		link
	});
}

/** Resending is limited per account, so nobody uses it to flood an inbox. */
export async function resendVerification(
	db: DB,
	user: { id: number; username: string; email: string },
	context: RequestContext
) {
	const { wait } = await take(db, `email:${user.id}`, LIMITS.emailPerAccount);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	await sendVerification(db, user, user.email, context);
	return { ok: true as const };
}

/**
 * Confirms an address. A visitor who is not signed in (a new account opens here) gets a session:
 * whoever reads the mailbox could reset the password anyway.
 */
export async function verifyEmail(db: DB, token: string, signInFrom?: RequestContext) {
	const found = await consumeEmailToken(db, token, 'verify-email');
	if (!found) return fail('invalid-token');
	if (await users.isEmailTaken(db, found.email, found.userId)) return fail('email-taken');
	await users.markEmailVerified(db, found.userId, found.email);
	const started =
		signInFrom && !(await secondFactor.hasSecondFactor(db, found.userId))
			? await openSession(db, found.userId, signInFrom)
			: undefined;
	return { ok: true as const, userId: found.userId, email: found.email, started };
}

/** Longest login worth looking up: an email address (254), so longer input is never stored. */
export const LOGIN_MAX = 254;

const signInSchema = z.object({
	login: z.string().trim().max(LOGIN_MAX),
	password: z.string().max(PASSWORD_MAX * 4)
});

/**
 * Throttled per address and per account, each attempt counted before its password is checked, so
 * parallel guesses get no more checks than the limit. The account is the one the login names,
 * whether typed as a username or an email. Past the account's limit, passwords are no longer
 * checked, but the owner is never locked out: they get an email with a one-time sign-in link.
 * An unknown login costs the same hashing time and gets the same messages as a known one.
 */
export async function signIn(
	db: DB,
	input: { login: string; password: string },
	context: RequestContext
) {
	const parsed = signInSchema.safeParse(input);
	if (!parsed.success) return fail('invalid');
	const { login, password } = parsed.data;
	if (!login) return fail('login-required', 'login');
	if (!password) return fail('password-required', 'password');
	const addressKey = `signin-address:${context.address}`;
	const byAddress = await take(db, addressKey, LIMITS.signInPerAddress);
	if (byAddress.wait > 0) return fail('throttled', undefined, minutesToWait(byAddress.wait));

	const user = login.includes('@')
		? await findByEmailWithHash(db, login)
		: await users.findUserByUsername(db, login);
	const accountKey = user ? `signin-account:${user.id}` : `signin-login:${login.toLowerCase()}`;
	const byAccount = await take(db, accountKey, LIMITS.signInPerAccount);
	if (byAccount.wait > 0) return fail('account-guarded', undefined, minutesToWait(byAccount.wait));

	const valid = user
		? await verifyPassword(user.passwordHash, password)
		: await verifyAgainstNothing(password);
	if (!user || !valid) {
		if (user && byAccount.count === LIMITS.signInPerAccount.max) {
			await warnOwner(db, user, context);
		}
		return fail('invalid');
	}
	await reset(db, accountKey);
	await giveBack(db, addressKey);
	return sessionOrChallenge(db, user, context);
}

/** Tells the owner someone keeps failing to sign in, with a link that lets them in anyway. */
async function warnOwner(
	db: DB,
	user: { id: number; username: string; email: string },
	context: RequestContext
) {
	const warned = await take(db, `signin-warning:${user.id}`, LIMITS.signInWarningPerAccount);
	if (warned.wait > 0) return;
	const token = await createEmailToken(db, user.id, 'sign-in', user.email);
	const link = `${context.origin}/login/link?token=${token}`;
	const t = messagesFor(context.lang).emails.signInFailures;
	queueEmail(db, {
		userId: user.id,
		to: user.email,
		subject: t.subject,
		text: t.text(user.username, link),
		link
	});
}

/** The link from the warning email: the mailbox stands in for the password, once. */
export async function signInWithLink(db: DB, token: string, context: RequestContext) {
	const found = await consumeEmailToken(db, token, 'sign-in');
	if (!found) return fail('invalid-token');
	const user = await users.findUserById(db, found.userId);
	if (!user || user.email !== found.email) return fail('invalid-token');
	await reset(db, `signin-account:${user.id}`);
	return sessionOrChallenge(db, user, context);
}

async function findByEmailWithHash(db: DB, email: string) {
	const user = await users.findUserByEmail(db, email.toLowerCase());
	if (!user) return null;
	const passwordHash = await users.getPasswordHash(db, user.id);
	return passwordHash ? { ...user, passwordHash } : null;
}

/**
 * Always answers the same, after the same work, whether or not the address has an account: the
 * request only counts itself; finding the account, writing its token and sending happen after
 * the answer.
 */
export async function requestPasswordReset(db: DB, rawEmail: string, context: RequestContext) {
	const email = emailSchema.safeParse(rawEmail);
	if (!email.success) return fail('email-invalid', 'email');
	const { wait } = await take(db, `email-address:${context.address}`, LIMITS.emailPerAddress);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	queueEmail(db, async () => {
		const user = await users.findUserByEmail(db, email.data);
		if (!user || (await take(db, `email:${user.id}`, LIMITS.emailPerAccount)).wait > 0) return null;
		const token = await createEmailToken(db, user.id, 'reset-password', user.email);
		const link = `${context.origin}/reset-password?token=${token}`;
		const t = messagesFor(context.lang).emails.reset;
		return {
			userId: user.id,
			to: user.email,
			subject: t.subject,
			text: t.text(user.username, link),
			link
		};
	});
	return { ok: true as const };
}

/** A reset ends every session, then signs the person in afresh. */
export async function resetPassword(
	db: DB,
	token: string,
	password: string,
	context: RequestContext
) {
	const pending = await peekEmailToken(db, token, 'reset-password');
	if (!pending) return fail('invalid-token');
	const owner = await users.findUserById(db, pending.userId);
	const problem = checkPassword(password, owner ?? {});
	if (problem) return fail(problem, 'password');
	const found = await consumeEmailToken(db, token, 'reset-password');
	if (!found) return fail('invalid-token');
	await users.setPasswordHash(db, found.userId, await hashPassword(password));
	await invalidateUserSessions(db, found.userId);
	// Whoever reads the mailbox has proved they own the address.
	const user = await users.findUserById(db, found.userId);
	if (user && user.emailVerifiedAt === null && user.email === found.email) {
		await users.markEmailVerified(db, user.id, user.email);
	}
	// An account with a second factor signs in again, code included.
	if (await secondFactor.hasSecondFactor(db, found.userId)) {
		return { ok: true as const, signedIn: null };
	}
	const signedIn = await createSession(db, found.userId, context.userAgent);
	return { ok: true as const, signedIn };
}

/** The second step of signing in: the code from the app, or a recovery code. */
export async function completeSignIn(
	db: DB,
	input: { challenge: string; code: string },
	context: RequestContext
) {
	const userId = await secondFactor.findChallenge(db, input.challenge);
	if (!userId) return fail('invalid-token');
	const key = `second-factor:${userId}`;
	const { wait } = await take(db, key, LIMITS.secondFactorPerAccount);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	const user = await users.findUserById(db, userId);
	if (!user) return fail('invalid-token');
	if (!(await secondFactor.checkSecondFactor(db, user, input.code.trim()))) {
		return { ...fail('invalid-code', 'code'), challenge: input.challenge };
	}
	if (!(await secondFactor.endChallenge(db, input.challenge))) return fail('invalid-token');
	await reset(db, key);
	const { token, session } = await openSession(db, user.id, context);
	return { ok: true as const, user, token, session };
}

/** Starts setting up a second factor, once the current password is confirmed. */
export async function beginSecondFactor(
	db: DB,
	user: { id: number; username: string },
	currentPassword: string
) {
	const wrong = await checkCurrentPassword(db, user.id, currentPassword);
	if (wrong) return wrong;
	if (await secondFactor.hasSecondFactor(db, user.id)) return fail('second-factor-on');
	await secondFactor.beginSetup(db, user);
	return { ok: true as const };
}

/** Turns the second factor on with a first code; the recovery codes are shown once. */
export async function confirmSecondFactor(
	db: DB,
	user: { id: number; username: string },
	code: string
) {
	const { wait } = await take(db, `second-factor:${user.id}`, LIMITS.secondFactorPerAccount);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	const codes = await secondFactor.confirmSetup(db, user, code.trim());
	if (!codes) return fail('invalid-code', 'code');
	return { ok: true as const, recoveryCodes: codes };
}

/** Turning it off takes the password and a code; staff keep it when the host requires it. */
export async function removeSecondFactor(
	db: DB,
	user: { id: number; username: string; role: Role },
	input: { currentPassword: string; code: string }
) {
	if (secondFactorRequired(user.role)) return fail('second-factor-mandatory');
	const wrong = await checkCurrentPassword(db, user.id, input.currentPassword);
	if (wrong) return wrong;
	const { wait } = await take(db, `second-factor:${user.id}`, LIMITS.secondFactorPerAccount);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	if (!(await secondFactor.checkSecondFactor(db, user, input.code.trim()))) {
		return fail('invalid-code', 'code');
	}
	await secondFactor.removeSecondFactor(db, user.id);
	return { ok: true as const };
}

/** Whether the host requires this role to have a second factor (TOTP_REQUIRED_FOR_STAFF). */
export function secondFactorRequired(role: Role) {
	return getConfig().TOTP_REQUIRED_FOR_STAFF && (role === 'moderator' || role === 'admin');
}

async function checkCurrentPassword(db: DB, userId: number, password: string) {
	if (!password) return fail('password-required', 'currentPassword');
	if (password.length > PASSWORD_MAX * 4) return fail('wrong-password', 'currentPassword');
	const key = `password-check:${userId}`;
	const { wait } = await take(db, key, LIMITS.passwordCheckPerAccount);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	const hash = await users.getPasswordHash(db, userId);
	if (!hash || !(await verifyPassword(hash, password))) {
		return fail('wrong-password', 'currentPassword');
	}
	await giveBack(db, key);
	return null;
}

export async function changePassword(
	db: DB,
	userId: number,
	currentSessionId: string,
	input: { currentPassword: string; newPassword: string }
) {
	const wrong = await checkCurrentPassword(db, userId, input.currentPassword);
	if (wrong) return wrong;
	const problem = checkPassword(input.newPassword, (await users.findUserById(db, userId)) ?? {});
	if (problem) return fail(problem, 'newPassword');
	await users.setPasswordHash(db, userId, await hashPassword(input.newPassword));
	await invalidateUserSessions(db, userId, currentSessionId);
	return { ok: true as const };
}

/** The new address takes effect when its owner opens the link sent to it. */
export async function changeEmail(
	db: DB,
	user: { id: number; username: string; email: string },
	input: { currentPassword: string; email: string },
	context: RequestContext
) {
	const email = emailSchema.safeParse(input.email);
	if (!email.success) return fail('email-invalid', 'email');
	if (email.data === user.email.toLowerCase()) return fail('email-same', 'email');
	const wrong = await checkCurrentPassword(db, user.id, input.currentPassword);
	if (wrong) return wrong;
	if (await users.isEmailTaken(db, email.data, user.id)) return fail('email-taken', 'email');
	const { wait } = await take(db, `email:${user.id}`, LIMITS.emailPerAccount);
	if (wait > 0) return fail('throttled', undefined, minutesToWait(wait));
	await sendVerification(db, user, email.data, context);
	return { ok: true as const, email: email.data };
}

/**
 * Ends one of the account's sessions, or all but the current one, once the current password is
 * confirmed: whoever holds a stolen session cannot shut the owner out of their other devices.
 */
export async function endSessions(
	db: DB,
	userId: number,
	currentSessionId: string,
	input: { currentPassword: string; sessionId: string | 'others' }
) {
	const wrong = await checkCurrentPassword(db, userId, input.currentPassword);
	if (wrong) return wrong;
	if (input.sessionId === 'others') {
		await invalidateUserSessions(db, userId, currentSessionId);
		return { ok: true as const, endedCurrent: false };
	}
	if (!(await invalidateOwnSession(db, userId, input.sessionId))) return fail('invalid-session');
	return { ok: true as const, endedCurrent: input.sessionId === currentSessionId };
}

export async function deleteAccount(
	db: DB,
	userId: number,
	input: { currentPassword: string; confirm: boolean }
) {
	const wrong = await checkCurrentPassword(db, userId, input.currentPassword);
	if (wrong) return wrong;
	if (!input.confirm) return fail('confirm-required', 'confirm');
	await users.deleteUser(db, userId);
	return { ok: true as const };
}

/**
 * Staff whose host requires a second factor reach only their account page (to set it up) and
 * signing out until they have one.
 */
export function mustSetUpSecondFactor(
	user: { role: Role; secondFactor: boolean },
	pathname: string
) {
	if (user.secondFactor || !secondFactorRequired(user.role)) return false;
	return pathname !== '/account' && pathname !== '/logout' && !pathname.startsWith('/_app/');
}
