// Turns a refused forum action into a form failure: the right status, a message in the page's
// language, and everything the person typed, so they can fix it and send it again.
import { fail } from '@sveltejs/kit';
import type { Language } from '../../content/schema.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { ForumError, ForumFailure } from './schema.ts';

const STATUS: Record<ForumError, number> = {
	'sign-in-required': 401,
	'email-unverified': 403,
	suspended: 403,
	forbidden: 403,
	locked: 403,
	'not-found': 404,
	'post-deleted': 404,
	throttled: 429,
	duplicate: 429,
	'already-flagged': 409,
	'lesson-unknown': 400,
	'kind-invalid': 400,
	'title-required': 400,
	'title-too-long': 400,
	'body-required': 400,
	'body-too-long': 400,
	'reason-required': 400,
	'reason-too-long': 400,
	'note-too-long': 400,
	'status-invalid': 400,
	'status-unchanged': 400,
	'date-invalid': 400,
	'too-many-links': 400,
	'own-post': 400,
	'not-suspended': 400
};

/** The last day of a suspension, as people say it: « jusqu'au 12 mars inclus ». */
export function formatSuspensionEnd(until: number, lang: Language) {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(until - 1);
}

export function forumErrorMessage(result: ForumFailure, lang: Language) {
	const errors = messagesFor(lang).forum.errors;
	switch (result.error) {
		case 'suspended':
			return errors.suspended(formatSuspensionEnd(result.until ?? Date.now(), lang));
		case 'throttled':
			return errors.throttled(result.minutes ?? 1);
		case 'too-many-links':
			return errors['too-many-links'](result.max ?? 2);
		default:
			return errors[result.error];
	}
}

export function forumFailure<const Keep extends Record<string, string | number | null>>(
	result: ForumFailure,
	lang: Language,
	keep: Keep = {} as Keep
) {
	return fail(STATUS[result.error], {
		...keep,
		message: forumErrorMessage(result, lang),
		field: result.field ?? null
	});
}

/** A positive integer id from a form field or route parameter, or null. */
export function parseId(value: string | null | undefined) {
	if (!value || !/^\d{1,15}$/.test(value)) return null;
	const id = Number(value);
	return id > 0 ? id : null;
}
