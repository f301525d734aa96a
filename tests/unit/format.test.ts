// Dates as pages show them: in the site's time zone (TIME_ZONE), with its offset, whatever the
// clock of the machine that formats them, the server's or the reader's.
import { afterEach, describe, expect, test } from 'vitest';
import {
	formatBriefMoment,
	formatDay,
	formatLastDay,
	formatMoment,
	useTimeZone
} from '../../src/lib/format.ts';

const MOMENT = Date.UTC(2026, 11, 4, 17, 23);

afterEach(() => useTimeZone('Europe/Paris'));

describe('dates', () => {
	test('a moment is shown in the site’s zone, with its offset', () => {
		useTimeZone('Europe/Paris');
		expect(formatMoment(MOMENT, 'fr')).toBe('4 décembre 2026 à 18:23 UTC+1');
		expect(formatBriefMoment(MOMENT, 'fr')).toBe('4 déc. 2026, 18:23 UTC+1');
		expect(formatMoment(MOMENT, 'en')).toBe('December 4, 2026 at 6:23 PM GMT+1');
	});

	test('another zone changes the hour, and the day near midnight', () => {
		useTimeZone('America/Montreal');
		expect(formatMoment(MOMENT, 'fr')).toBe('4 décembre 2026 à 12:23 UTC−5');
		const justAfterMidnightInParis = Date.UTC(2026, 11, 4, 23, 30);
		expect(formatDay(justAfterMidnightInParis, 'fr')).toBe('4 décembre 2026');
		useTimeZone('Europe/Paris');
		expect(formatDay(justAfterMidnightInParis, 'fr')).toBe('5 décembre 2026');
	});

	test('the last day of a suspension stays the UTC day it ends after', () => {
		useTimeZone('America/Montreal');
		expect(formatLastDay(Date.UTC(2026, 2, 13), 'fr')).toBe('12 mars 2026');
	});
});
