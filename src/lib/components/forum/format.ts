import type { Language } from '$lib/content/schema';

/** A moment, as the page's language writes it: « 10 mars 2025 à 13:00 ». */
export function formatMoment(time: number, lang: Language) {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(time);
}

/**
 * The last day of a suspension (which ends at midnight UTC the day after), as people say it:
 * « jusqu'au 12 mars 2025 inclus ».
 */
export function formatLastDay(until: number, lang: Language) {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(until - 1);
}
