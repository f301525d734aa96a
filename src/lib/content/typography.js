// French typography, applied to every text a reader sees (lessons, quizzes, glossary, titles and
// descriptions), so authors type plain keyboard characters and the page is still set properly:
// - a no-break space keeps « : ; ! ? » and guillemets on the line of the word they belong to, so a
//   phone never starts a line with a lone colon;
// - an apostrophe after a letter is the typographic one (’), as in print;
// - a number stays on the line of its unit or sign (« 40 % », « 310 € », « 40 Go », « 1 h 30 »);
// - groups of three digits are held together by a narrow no-break space (« 109 000 »), the
//   thousands separator of French typography.

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

// Signs and units a number is never parted from; whole words only, so « 3 modules » is left alone.
const UNITS = [
	'%',
	'€',
	'\\$',
	'£',
	'Ko',
	'Mo',
	'Go',
	'To',
	'kB',
	'MB',
	'GB',
	'TB',
	'km',
	'kg',
	'h',
	'min',
	'minutes?',
	'heures?',
	'jours?',
	'semaines?',
	'mois',
	'ans',
	'euros?',
	'dollars?'
].join('|');

const NUMBER_THEN_UNIT = new RegExp(`(\\d) (?=(?:${UNITS})(?![\\p{L}\\p{N}]))`, 'gu');
const NUMBER_THEN_SIGN = /(\d)(?=[%€])/g;
const HOURS_THEN_MINUTES = /(\d\u00a0h) (?=\d)/g;
const THOUSANDS = /(\d) (?=\d{3}(?!\d))/g;
const APOSTROPHE = /(?<=\p{L})'/gu;

/** @param {string} text */
export function typeset(text) {
	return text
		.replace(/ ([:;!?»])/g, `${NBSP}$1`)
		.replace(/« /g, `«${NBSP}`)
		.replace(APOSTROPHE, '’')
		.replace(THOUSANDS, `$1${NARROW_NBSP}`)
		.replace(NUMBER_THEN_UNIT, `$1${NBSP}`)
		.replace(NUMBER_THEN_SIGN, `$1${NBSP}`)
		.replace(HOURS_THEN_MINUTES, `$1${NBSP}`);
}
