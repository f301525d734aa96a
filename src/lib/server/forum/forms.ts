// What a refused forum action means to the person: the HTTP status it calls for and a message in
// the page's language. The routes turn it into a form failure (src/lib/server/forum-pages.ts).
import type { Language } from '../../content/schema.ts';
import { formatLastDay } from '../../format.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { ForumError, ForumFailure } from './schema.ts';

export const FORUM_ERROR_STATUS: Record<ForumError, number> = {
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
	'not-suspended': 400,
	'passage-unknown': 400,
	'proposed-required': 400,
	'proposed-unchanged': 400,
	'proposed-too-long': 400,
	'proposed-invalid': 400,
	'edit-outdated': 409
};

export function forumErrorMessage(result: ForumFailure, lang: Language) {
	const errors = messagesFor(lang).forum.errors;
	switch (result.error) {
		case 'suspended':
			return errors.suspended(formatLastDay(result.until ?? Date.now(), lang));
		case 'throttled':
			return errors.throttled(result.minutes ?? 1);
		case 'too-many-links':
			return errors['too-many-links'](result.max ?? 2);
		case 'proposed-invalid':
			return result.problem
				? errors['proposed-invalid'](result.problem)
				: errors['proposed-required'];
		default:
			return errors[result.error];
	}
}

/** A positive integer id from a form field or route parameter, or null. */
export function parseId(value: string | null | undefined) {
	if (!value || !/^\d{1,15}$/.test(value)) return null;
	const id = Number(value);
	return id > 0 ? id : null;
}
