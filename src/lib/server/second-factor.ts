// A second factor for the accounts that want one (and the staff, when the host requires it):
// time-based one-time codes (RFC 6238, any authenticator app) with single-use recovery codes.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { DB } from './db/index.ts';

const PERIOD = 30;
const RECOVERY_CODES = 10;
/** Long enough to open an authenticator app, short enough that a stolen step is soon useless. */
export const CHALLENGE_LIFETIME = 10 * 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

function totpFor(secret: string, username: string) {
	return new TOTP({
		issuer: 'Parcours',
		label: username,
		algorithm: 'SHA1',
		digits: 6,
		period: PERIOD,
		secret: Secret.fromBase32(secret)
	});
}

export async function hasSecondFactor(db: DB, userId: number) {
	const row = await db
		.selectFrom('second_factors')
		.select('confirmed_at')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.confirmed_at != null;
}

/** A new secret, waiting for a first code before it counts; replaces any earlier pending one. */
export async function beginSetup(db: DB, user: { id: number; username: string }) {
	const secret = new Secret({ size: 20 }).base32;
	await db
		.insertInto('second_factors')
		.values({ user_id: user.id, secret, confirmed_at: null, last_counter: 0 })
		.onConflict((conflict) =>
			conflict
				.column('user_id')
				.doUpdateSet({ secret, confirmed_at: null, last_counter: 0 })
				.where('second_factors.confirmed_at', 'is', null)
		)
		.execute();
	return pendingSetup(db, user);
}

/** The secret being set up, as a key to type and as an `otpauth://` link. */
export async function pendingSetup(db: DB, user: { id: number; username: string }) {
	const row = await db
		.selectFrom('second_factors')
		.select(['secret', 'confirmed_at'])
		.where('user_id', '=', user.id)
		.executeTakeFirst();
	if (!row || row.confirmed_at !== null) return null;
	const key = row.secret.replace(/(.{4})/g, '$1 ').trim();
	return { key, uri: totpFor(row.secret, user.username).toString() };
}

/**
 * Checks a code against the secret and uses it: a code (or an earlier one) that already served
 * is refused, so a code seen over someone's shoulder cannot be replayed.
 */
async function useCode(
	db: DB,
	user: { id: number; username: string },
	code: string,
	confirmed: boolean,
	now: number
) {
	const row = await db
		.selectFrom('second_factors')
		.select(['secret', 'confirmed_at'])
		.where('user_id', '=', user.id)
		.executeTakeFirst();
	if (!row || (row.confirmed_at !== null) !== confirmed) return false;
	const token = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(token)) return false;
	const delta = totpFor(row.secret, user.username).validate({ token, timestamp: now, window: 1 });
	if (delta === null) return false;
	const counter = TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
	const used = await db
		.updateTable('second_factors')
		.set({ last_counter: counter, confirmed_at: row.confirmed_at ?? now })
		.where('user_id', '=', user.id)
		.where('last_counter', '<', counter)
		.executeTakeFirst();
	return Number(used.numUpdatedRows) === 1;
}

/** Turns the second factor on with a first good code; returns the recovery codes, shown once. */
export async function confirmSetup(
	db: DB,
	user: { id: number; username: string },
	code: string,
	now = Date.now()
) {
	if (!(await useCode(db, user, code, false, now))) return null;
	return replaceRecoveryCodes(db, user.id);
}

/** Ten new single-use codes; the earlier ones stop working. Only their hashes are kept. */
export async function replaceRecoveryCodes(db: DB, userId: number) {
	const codes = Array.from({ length: RECOVERY_CODES }, () => {
		const raw = randomBytes(8).toString('hex').toUpperCase();
		return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
	});
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
		await trx
			.insertInto('recovery_codes')
			.values(codes.map((code) => ({ user_id: userId, code_hash: sha256(normalise(code)) })))
			.execute();
	});
	return codes;
}

const normalise = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** A code from the app, or one of the recovery codes (which then stops working). */
export async function checkSecondFactor(
	db: DB,
	user: { id: number; username: string },
	code: string,
	now = Date.now()
) {
	if (code.length > 64) return false;
	if (await useCode(db, user, code, true, now)) return true;
	const used = await db
		.deleteFrom('recovery_codes')
		.where('user_id', '=', user.id)
		.where('code_hash', '=', sha256(normalise(code)))
		.executeTakeFirst();
	return Number(used.numDeletedRows) === 1;
}

export async function removeSecondFactor(db: DB, userId: number) {
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('second_factors').where('user_id', '=', userId).execute();
		await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
		await trx.deleteFrom('sign_in_challenges').where('user_id', '=', userId).execute();
	});
}

/** The step between a proven password (or emailed link) and the code: a single-use token. */
export async function createChallenge(db: DB, userId: number, now = Date.now()) {
	const token = randomBytes(32).toString('base64url');
	await db
		.insertInto('sign_in_challenges')
		.values({ token_hash: sha256(token), user_id: userId, expires_at: now + CHALLENGE_LIFETIME })
		.execute();
	return token;
}

/** Whose challenge this is, while it is valid; it stays usable after a mistyped code. */
export async function findChallenge(db: DB, token: string, now = Date.now()) {
	if (token.length > 64) return null;
	const row = await db
		.selectFrom('sign_in_challenges')
		.select(['user_id', 'expires_at'])
		.where('token_hash', '=', sha256(token))
		.executeTakeFirst();
	return row && row.expires_at > now ? row.user_id : null;
}

export async function endChallenge(db: DB, token: string) {
	const ended = await db
		.deleteFrom('sign_in_challenges')
		.where('token_hash', '=', sha256(token))
		.executeTakeFirst();
	return Number(ended.numDeletedRows) === 1;
}

export async function purgeExpiredChallenges(db: DB, now = Date.now()) {
	const result = await db
		.deleteFrom('sign_in_challenges')
		.where('expires_at', '<=', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
