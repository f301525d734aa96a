import type { Language } from '$lib/content/schema';

// Made once per language: building an Intl.DateTimeFormat costs far more than using one, and a
// list of threads formats a date per row (each new one also holds ICU memory until a full GC).
const moments = new Map<Language, Intl.DateTimeFormat>();
const days = new Map<Language, Intl.DateTimeFormat>();

function formatter(
	cache: Map<Language, Intl.DateTimeFormat>,
	lang: Language,
	options: Intl.DateTimeFormatOptions
) {
	let format = cache.get(lang);
	if (!format) {
		format = new Intl.DateTimeFormat(lang, options);
		cache.set(lang, format);
	}
	return format;
}

/** A moment, as the page's language writes it: « 10 mars 2025 à 13:00 ». */
export function formatMoment(time: number, lang: Language) {
	return formatter(moments, lang, { dateStyle: 'long', timeStyle: 'short' }).format(time);
}

/**
 * The last day of a suspension (which ends at midnight UTC the day after), as people say it:
 * « jusqu'au 12 mars 2025 inclus ».
 */
export function formatLastDay(until: number, lang: Language) {
	return formatter(days, lang, { dateStyle: 'long', timeZone: 'UTC' }).format(until - 1);
}
