// Single-use, expiring tokens sent by email. Only their SHA-256 is stored, so a copy of the
// database gives nobody a usable link.
import { createHash, randomBytes } from 'node:crypto';
import type { DB } from './db/index.ts';
import type { TokenPurpose } from './db/schema.ts';

const HOUR = 60 * 60_000;
export const TOKEN_LIFETIME: Record<TokenPurpose, number> = {
	'verify-email': 48 * HOUR,
	'reset-password': 1 * HOUR,
	'sign-in': 1 * HOUR
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a token and drops any earlier one of the same purpose, so only the newest link works. */
export async function createEmailToken(
	db: DB,
	userId: number,
	purpose: TokenPurpose,
	email: string,
	now = Date.now()
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.transaction().execute(async (trx) => {
		await trx
			.deleteFrom('email_tokens')
			.where('user_id', '=', userId)
			.where('purpose', '=', purpose)
			.execute();
		await trx
			.insertInto('email_tokens')
			.values({
				token_hash: hashToken(token),
				user_id: userId,
				purpose,
				email,
				created_at: now,
				expires_at: now + TOKEN_LIFETIME[purpose]
			})
			.execute();
	});
	return token;
}

/** Looks a token up without using it, to show the right form. */
export async function peekEmailToken(
	db: DB,
	token: string,
	purpose: TokenPurpose,
	now = Date.now()
) {
	const row = await db
		.selectFrom('email_tokens')
		.select(['user_id', 'email', 'expires_at'])
		.where('token_hash', '=', hashToken(token))
		.where('purpose', '=', purpose)
		.executeTakeFirst();
	return row && row.expires_at > now ? { userId: row.user_id, email: row.email } : null;
}

/** Uses a token: it is deleted whether or not it was still valid. */
export async function consumeEmailToken(
	db: DB,
	token: string,
	purpose: TokenPurpose,
	now = Date.now()
) {
	const row = await db
		.deleteFrom('email_tokens')
		.where('token_hash', '=', hashToken(token))
		.where('purpose', '=', purpose)
		.returning(['user_id', 'email', 'expires_at'])
		.executeTakeFirst();
	return row && row.expires_at > now ? { userId: row.user_id, email: row.email } : null;
}

/** Expired tokens can never be used: nothing is kept that does not need to be. */
export async function purgeExpiredTokens(db: DB, now = Date.now()) {
	const result = await db
		.deleteFrom('email_tokens')
		.where('expires_at', '<=', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
