import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's first recommended argon2id setting: 19 MiB of memory, 2 iterations, 1 lane.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
/** Far above the 128 we promise; only there to bound the cost of hashing. Never truncated. */
export const PASSWORD_MAX = 1024;

const COMMON = new Set(
	(dictionary['passwords-common'] as string[]).slice(0, 10_000).map((word) => word.toLowerCase())
);

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common';

export function checkPassword(password: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'too-short';
	if (length > PASSWORD_MAX) return 'too-long';
	if (COMMON.has(password.toLowerCase())) return 'too-common';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
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
