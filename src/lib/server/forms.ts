import { error, fail, isHttpError } from '@sveltejs/kit';
import type { Failure } from './auth.ts';
import { messagesFor } from '../i18n/index.ts';
import type { Language } from '../content/schema.ts';

/**
 * The request's form; a body that is not a readable form gets a 400, not a 500, and one over
 * BODY_SIZE_LIMIT keeps its 413.
 */
export async function formOf(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (failure) {
		if (isHttpError(failure)) throw failure;
		const tooLarge = [failure, (failure as Error)?.cause].some(
			(cause) => (cause as { status?: number } | undefined)?.status === 413
		);
		if (tooLarge) error(413, 'The form is too large.');
		error(400, 'The form data could not be read.');
	}
}

/** Reads text fields from a form; a missing or non-text field reads as an empty string. */
export function textFields<const K extends string>(form: FormData, names: readonly K[]) {
	return Object.fromEntries(
		names.map((name) => {
			const value = form.get(name);
			return [name, typeof value === 'string' ? value : ''];
		})
	) as Record<K, string>;
}

/** A 400 (429 when throttled) with the message in the page's language and the fields to keep. */
export function authFailure<const Keep extends Record<string, string>>(
	result: Failure,
	lang: Language,
	keep: Keep = {} as Keep
) {
	const errors = messagesFor(lang).auth.errors;
	const message =
		result.error === 'throttled' || result.error === 'account-guarded'
			? errors[result.error](result.minutes ?? 1)
			: errors[result.error];
	const field: string | null = result.field ?? null;
	const fieldErrors: Record<string, string> = {};
	for (const [name, error] of Object.entries(result.errors ?? {})) {
		if (error && error !== 'throttled' && error !== 'account-guarded')
			fieldErrors[name] = errors[error];
	}
	const status = result.error === 'throttled' || result.error === 'account-guarded' ? 429 : 400;
	return fail(status, { message, field, fieldErrors, error: result.error, ...keep });
}
