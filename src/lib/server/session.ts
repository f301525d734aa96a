// Sessions after lucia-auth.com's current guide: the token is `<id>.<secret>`, the database keeps
// the id and only the SHA-256 of the secret, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { inGroupCommit } from './db/group-commit.ts';
import type { DB } from './db/index.ts';
import { prepared } from './db/prepared.ts';
import type { Role } from './db/schema.ts';
import type { Language } from '../content/schema.ts';
import { chosenLanguage } from '../i18n/index.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A session unused for this long ends: a forgotten shared computer does not stay signed in. */
export const IDLE_TIMEOUT = 30 * DAY;
/** No session outlives this, however active: stolen tokens eventually die. */
export const ABSOLUTE_LIFETIME = 180 * DAY;
/** Activity is written at most this often, so reading does not turn into a write per request. */
const TOUCH_INTERVAL = 60 * MINUTE;

export interface SessionUser {
	id: number;
	username: string;
	email: string;
	emailVerified: boolean;
	role: Role;
	postingSuspendedUntil: number | null;
	/** Whether the account has turned a second factor on. */
	secondFactor: boolean;
	/** The interface language the learner chose, if any: it comes before a course's own. */
	language: Language | null;
}

export interface Session {
	id: string;
	userId: number;
	createdAt: number;
	lastSeenAt: number;
	expiresAt: number;
	userAgent: string;
}

/** The session and its user, by the session's id: asked on every signed-in request. */
const sessionWithUser = prepared((db, id: string) =>
	db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.leftJoin('second_factors', 'second_factors.user_id', 'sessions.user_id')
		.leftJoin('forum_suspensions', 'forum_suspensions.user_id', 'sessions.user_id')
		.select([
			'second_factors.confirmed_at as second_factor_at',
			'sessions.id',
			'sessions.secret_hash',
			'sessions.created_at',
			'sessions.last_seen_at',
			'sessions.expires_at',
			'sessions.user_agent',
			'users.id as user_id',
			'users.username',
			'users.email',
			'users.email_verified_at',
			'users.role',
			'forum_suspensions.until as posting_suspended_until',
			'users.language'
		])
		.where('sessions.id', '=', id)
);

/** 120 random bits, lowercase base32: readable in logs without being guessable. */
function randomId(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
	const bytes = randomBytes(24);
	let id = '';
	for (const byte of bytes) id += alphabet[byte & 31];
	return id;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

export async function createSession(db: DB, userId: number, userAgent = '', now = Date.now()) {
	const id = randomId();
	const secret = randomId();
	const session: Session = {
		id,
		userId,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: now + ABSOLUTE_LIFETIME,
		userAgent: userAgent.slice(0, 200)
	};
	await db
		.insertInto('sessions')
		.values({
			id,
			secret_hash: sha256(secret),
			user_id: userId,
			created_at: now,
			last_seen_at: now,
			expires_at: session.expiresAt,
			user_agent: session.userAgent
		})
		.execute();
	return { token: `${id}.${secret}`, session };
}

/**
 * The session a token names and its user, read without writing anything: null when the token is
 * unknown, wrong or its session ended. `dueForRenewal` says its last activity is older than the
 * interval at which it is written (validateSessionToken writes it and renews the cookie).
 */
export async function readSession(db: DB, token: string, now = Date.now()) {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
	const [row] = await sessionWithUser(db, id);
	if (!row) return null;
	if (!timingSafeEqual(Buffer.from(row.secret_hash), sha256(secret))) return null;
	const ended = now >= row.expires_at || now - row.last_seen_at >= IDLE_TIMEOUT;
	return {
		ended,
		dueForRenewal: now - row.last_seen_at >= TOUCH_INTERVAL,
		session: {
			id: row.id,
			userId: row.user_id,
			createdAt: row.created_at,
			lastSeenAt: row.last_seen_at,
			expiresAt: row.expires_at,
			userAgent: row.user_agent
		} satisfies Session,
		user: {
			id: row.user_id,
			username: row.username,
			email: row.email,
			emailVerified: row.email_verified_at !== null,
			role: row.role,
			postingSuspendedUntil: row.posting_suspended_until,
			secondFactor: row.second_factor_at !== null && row.second_factor_at !== undefined,
			language: chosenLanguage(row.language)
		} satisfies SessionUser
	};
}

export async function validateSessionToken(
	db: DB,
	token: string,
	now = Date.now()
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
	const found = await readSession(db, token, now);
	if (!found) return null;
	const { session, user } = found;
	if (found.ended) {
		await invalidateSession(db, session.id);
		return null;
	}
	if (found.dueForRenewal) {
		session.lastSeenAt = now;
		// Committed with the other writes of the moment (group commit).
		await inGroupCommit(db, (trx) =>
			trx.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute()
		);
	}
	return { renewed: found.dueForRenewal, session, user };
}

export async function invalidateSession(db: DB, sessionId: string) {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends one session if it is this user's own: nobody ends another person's session by its id. */
export async function invalidateOwnSession(db: DB, userId: number, sessionId: string) {
	const result = await db
		.deleteFrom('sessions')
		.where('id', '=', sessionId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user, but the one given (the current one, when they stay signed in). */
export async function invalidateUserSessions(db: DB, userId: number, exceptSessionId?: string) {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
	const result = await query.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Sessions past their lifetime or idle timeout would be refused anyway: they are deleted. */
export async function purgeExpiredSessions(db: DB, now = Date.now()) {
	const result = await db
		.deleteFrom('sessions')
		.where((eb) =>
			eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - IDLE_TIMEOUT)])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function listSessions(db: DB, userId: number): Promise<Session[]> {
	const rows = await db
		.selectFrom('sessions')
		.select(['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
		.where('user_id', '=', userId)
		.orderBy('last_seen_at', 'desc')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		userId: row.user_id,
		createdAt: row.created_at,
		lastSeenAt: row.last_seen_at,
		expiresAt: row.expires_at,
		userAgent: row.user_agent
	}));
}

export function sessionCookieName(secure: boolean) {
	// __Host- binds the cookie to this exact host over https, with no Domain and Path=/.
	return secure ? '__Host-session' : 'session';
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	session: Session,
	secure: boolean
) {
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: new Date(Math.min(session.expiresAt, session.lastSeenAt + IDLE_TIMEOUT))
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
