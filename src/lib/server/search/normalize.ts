// The one place text becomes search terms, for what is indexed and for what readers type: lower
// case, elided articles removed (« l'association » → « association »), a Snowball stem, then
// accents folded. Stemming comes before folding because the French Snowball rules read accents
// (« données » → « don », but « donnees » → « donne »); readers who type without accents are met
// through the vocabulary of indexed words (see vocabulary.ts), keyed on the folded word.
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';

export type SearchLanguage = 'fr' | 'en';

/**
 * Bumped whenever what a text becomes changes (tokens, stems, folding): the index is then built
 * again at the next start.
 */
export const NORMALIZER_VERSION = 1;

/** Longer runs of letters are addresses, hashes or noise, never a word anyone searches for. */
export const LONGEST_WORD = 40;

const ELISION = /^(?:qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])['’]/i;
const ENGLISH_POSSESSIVE = /['’]s$/i;
/** Letters and digits, with apostrophes inside a word: « l'association », « aujourd'hui ». */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export interface Word {
	/** The word as written, without its elided article. */
	text: string;
	/** Where `text` starts and ends in the source. */
	start: number;
	end: number;
}

/** The words of a text, where they stand in it. */
export function wordsOf(text: string): Word[] {
	const words: Word[] = [];
	for (const match of text.matchAll(WORD)) {
		let word = match[0];
		let start = match.index;
		const elided = ELISION.exec(word);
		if (elided && elided[0].length < word.length) {
			start += elided[0].length;
			word = word.slice(elided[0].length);
		}
		word = word.replace(ENGLISH_POSSESSIVE, '');
		if (word.length === 0 || word.length > LONGEST_WORD) continue;
		words.push({ text: word, start, end: start + word.length });
	}
	return words;
}

/** Whether `text` holds a run of letters too long to be a word (neither indexed nor searched). */
export function hasOverlongWord(text: string): boolean {
	for (const match of text.matchAll(WORD)) if (match[0].length > LONGEST_WORD) return true;
	return false;
}

/** Lower case without accents, ligatures spelt out, apostrophes dropped: what keys words. */
export function fold(word: string): string {
	return word
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/[\p{M}'’]/gu, '');
}

const stemmers: Record<SearchLanguage, (word: string) => string> = {
	fr: frenchStem,
	en: englishStem
};

/** The indexed form of one word in a text of `language`. */
export function termOf(word: string, language: SearchLanguage): string {
	const lower = word.toLowerCase().replace(/['’]/g, '');
	return fold(stemmers[language](lower));
}

/** Every stem a reader's word may stand for, whatever the language of the text it is in. */
export function candidateTerms(word: string): string[] {
	return [...new Set([termOf(word, 'fr'), termOf(word, 'en'), termOf(fold(word), 'fr')])];
}

export interface Indexed {
	/** The terms in order, separated by spaces: what the full-text index reads. */
	terms: string;
	/** Each distinct word: folded form → its term and how it was written. */
	vocabulary: Map<string, { term: string; display: string; count: number }>;
}

/** A text as the index stores it, with the words it adds to the vocabulary. */
export function indexText(
	text: string,
	language: SearchLanguage,
	vocabulary: Indexed['vocabulary'] = new Map()
): Indexed {
	const terms: string[] = [];
	for (const { text: word } of wordsOf(text)) {
		const term = termOf(word, language);
		terms.push(term);
		const key = fold(word);
		const known = vocabulary.get(key);
		if (known) known.count += 1;
		else vocabulary.set(key, { term, display: word.toLowerCase(), count: 1 });
	}
	return { terms: terms.join(' '), vocabulary };
}

/** Words too common to narrow a search; still indexed, so that phrases keep their order. */
export const STOPWORDS = new Set(
	(
		'le la les un une des du de d l au aux et ou mais donc or ni car que qu qui quoi dont ce cet ' +
		'cette ces se sa son ses leur leurs mon ma mes ton ta tes notre nos votre vos en dans par pour ' +
		'sur sous avec sans entre vers chez a à est sont être avoir il elle ils elles on nous vous je ' +
		'tu y ne pas plus comme comment quel quelle quels quelles the a an of to in on for and or is ' +
		'are be with by at from as it this that how what which do does'
	).split(' ')
);

export const isStopword = (word: string) => STOPWORDS.has(fold(word));
