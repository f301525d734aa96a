import { z } from 'zod';

/** Letters, marks, digits, punctuation and spaces: no control or formatting characters. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u;

export const claimForm = z.object({
	course: z.string(),
	name: z
		.string()
		.transform((name) => name.normalize('NFC').replace(/\s+/g, ' ').trim())
		.pipe(
			z.string().min(1, 'name-required').max(100, 'name-too-long').regex(PRINTABLE, 'name-invalid')
		)
});

export const revokeForm = z.object({
	reason: z.string().trim().min(1, 'reason-required').max(500, 'reason-too-long')
});

export type ClaimError =
	| 'name-required'
	| 'name-too-long'
	| 'name-invalid'
	| 'unknown-course'
	| 'not-completed'
	| 'already-claimed';

export type RevokeError = 'reason-required' | 'reason-too-long' | 'already-revoked';

/** The first problem zod found, as one of our error codes. */
export function firstError<E extends string>(error: z.ZodError): E {
	return error.issues[0].message as E;
}
