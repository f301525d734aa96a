import { createRequire } from 'node:module';

// OWASP's first recommended argon2id setting: 19 MiB of memory, 2 iterations, 1 lane.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
/** Far above the 128 we promise; only there to bound the cost of hashing. Never truncated. */
export const PASSWORD_MAX = 1024;

const require = createRequire(import.meta.url);
let common: Set<string> | undefined;

/**
 * The 10,000 most common passwords, read at the first password checked: decompressing the
 * dictionary costs tens of milliseconds and megabytes that a server start and a reader never need.
 */
function commonPasswords(): Set<string> {
	if (!common) {
		const { dictionary } = require('@zxcvbn-ts/language-common') as {
			dictionary: Record<string, string[]>;
		};
		common = new Set(
			dictionary['passwords-common'].slice(0, 10_000).map((word) => word.toLowerCase())
		);
	}
	return common;
}

export type PasswordProblem =
	'too-short' | 'too-long' | 'too-common' | 'only-spaces' | 'contains-identity';

/**
 * Length, the most common passwords, and what anyone guessing tries first: the account's own
 * username or email address (or its part before the @), whole or inside the password.
 */
export function checkPassword(
	password: string,
	account: { username?: string; email?: string } = {}
): PasswordProblem | null {
	if (password.length > PASSWORD_MAX * 4) return 'too-long';
	const length = [...password].length;
	if (length > 0 && password.trim() === '') return 'only-spaces';
	if (length < PASSWORD_MIN) return 'too-short';
	if (length > PASSWORD_MAX) return 'too-long';
	const lowered = password.toLowerCase();
	if (commonPasswords().has(lowered)) return 'too-common';
	const email = account.email?.toLowerCase();
	const identities = [account.username?.toLowerCase(), email, email?.split('@')[0]];
	if (identities.some((value) => value && value.length >= 3 && lowered.includes(value))) {
		return 'contains-identity';
	}
	return null;
}

/** The native argon2 library, loaded at the first password hashed or checked, not at start. */
const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
	return (await argon2()).hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	const { verify } = await argon2();
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Spends the time a real check would, so an unknown account answers as slowly as a known one. */
export async function verifyAgainstNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword('parcours-timing-equaliser');
	await verifyPassword(await dummyHash, password);
	return false;
}
