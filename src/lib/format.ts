import type { Language } from '$lib/content/schema';

/**
 * The zone every date is shown in: the site's (TIME_ZONE), the same on the server and in the
 * browser, so that a page and its hydration never say two times for one post. Set from the
 * configuration at the server's start and from the root layout's data in each rendering.
 */
let timeZone = 'Europe/Paris';

// Made once per language and zone: building an Intl.DateTimeFormat costs far more than using one,
// and a list of threads formats a date per row (each new one also holds ICU memory until a full GC).
const formats = new Map<string, Intl.DateTimeFormat>();

export function useTimeZone(zone: string) {
	if (zone === timeZone) return;
	timeZone = zone;
	formats.clear();
}

const STYLES = {
	/** « 10 mars 2025 à 13:00 UTC+1 » */
	moment: {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZoneName: 'short'
	},
	/** « 10 mars 2025, 13:00 UTC+1 », for lists. */
	brief: {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZoneName: 'short'
	},
	/** « 10 mars 2025 » */
	day: { dateStyle: 'long' },
	/** A day of the calendar, kept as its midnight UTC (a suspension's end), in no zone of its own. */
	calendarDay: { dateStyle: 'long', timeZone: 'UTC' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function formatter(style: keyof typeof STYLES, lang: Language) {
	const key = `${style} ${lang}`;
	let format = formats.get(key);
	if (!format) {
		// A style's own zone (the calendar's days) comes before the site's.
		format = new Intl.DateTimeFormat(lang, { timeZone, ...STYLES[style] });
		formats.set(key, format);
	}
	return format;
}

/** A moment, as the page's language writes it, in the site's zone: « 10 mars 2025 à 13:00 UTC+1 ». */
export function formatMoment(time: number, lang: Language) {
	return formatter('moment', lang).format(time);
}

/** A moment in a list: « 10 mars 2025, 13:00 UTC+1 ». */
export function formatBriefMoment(time: number, lang: Language) {
	return formatter('brief', lang).format(time);
}

/** A day in the site's zone: « 10 mars 2025 ». */
export function formatDay(time: number, lang: Language) {
	return formatter('day', lang).format(time);
}

/** A day of the calendar kept as its midnight UTC: « 12 mars 2025 », wherever the site is. */
export function formatCalendarDay(time: number, lang: Language) {
	return formatter('calendarDay', lang).format(time);
}

/**
 * The last day of a suspension (which ends at midnight UTC the day after), as people say it:
 * « jusqu'au 12 mars 2025 inclus ».
 */
export function formatLastDay(until: number, lang: Language) {
	return formatCalendarDay(until - 1, lang);
}
