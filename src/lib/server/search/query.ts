// What a reader types, read as words and quoted phrases, never as full-text syntax: every term
// handed to FTS5 is built here from folded letters and digits, inside double quotes.
import { fold, isStopword, termOf, wordsOf, type SearchLanguage } from './normalize.ts';

/** More words than this narrow nothing further; the rest are left out, and the reader told. */
export const MOST_WORDS = 10;
/** A word typed in part is looked up as a prefix from this many letters on. */
const SHORTEST_PREFIX = 3;

export interface QueryWord {
	text: string;
	/** Typed with a `*` right after it. */
	prefix: boolean;
}

export interface ParsedQuery {
	/** Words outside quotes: each must be found, in any form (AND). */
	words: QueryWord[];
	/** Quoted phrases of two words or more: found as written, in order. */
	phrases: string[][];
	/** Whether words past MOST_WORDS were left out. */
	truncated: boolean;
}

const QUOTES = /["“”„«»]/g;

export function parseQuery(input: string): ParsedQuery {
	const parts = input.replace(QUOTES, '"').split('"');
	const words: QueryWord[] = [];
	const phrases: string[][] = [];
	let count = 0;
	let truncated = false;
	const room = (n: number) => {
		if (count + n > MOST_WORDS) truncated = true;
		return count + n <= MOST_WORDS;
	};
	// Odd parts were between quotes; an unclosed quote runs to the end.
	parts.forEach((part, index) => {
		const found = wordsOf(part);
		if (index % 2 === 1 && found.length > 1) {
			if (room(found.length)) {
				phrases.push(found.map((word) => word.text));
				count += found.length;
			}
			return;
		}
		for (const word of found) {
			if (!room(1)) break;
			words.push({ text: word.text, prefix: index % 2 === 0 && part[word.end] === '*' });
			count += 1;
		}
	});
	// Words like « le » or « comment » narrow nothing, unless they are all there is.
	const meaningful = words.filter((word) => !isStopword(word.text));
	return {
		words: meaningful.length > 0 || phrases.length > 0 ? meaningful : words,
		phrases,
		truncated
	};
}

export const isEmpty = (query: ParsedQuery) => query.words.length + query.phrases.length === 0;

/** What one word of the query may match in the index. */
export interface WordTerms {
	exact: string[];
	prefixes: string[];
}

/**
 * How each word is matched: the terms it stands for (`known`: those the vocabulary gives for the
 * word as folded, i.e. what the same word, accents and all, was indexed as) and, for a word the
 * index has never seen (« héberg »), the beginning of longer ones.
 */
export function termsOfWord(word: QueryWord, known: string[], candidates: string[]): WordTerms {
	const folded = fold(word.text);
	const exact = [...new Set([...known, ...candidates])];
	const asPrefix = word.prefix
		? folded.length >= 1
		: known.length === 0 && folded.length >= SHORTEST_PREFIX;
	return {
		exact: word.prefix ? [] : exact,
		prefixes: asPrefix ? [...new Set([folded, ...candidates.filter((t) => t.length >= 2)])] : []
	};
}

/** A term as an FTS5 string: only letters and digits ever reach here, quoted all the same. */
const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** The MATCH expression: every word (in one of its forms) and every phrase. */
export function matchExpression(words: WordTerms[], phrases: string[][]): string {
	const clauses = words.map(({ exact, prefixes }) => {
		const forms = [...exact.map(quoted), ...prefixes.map((prefix) => `${quoted(prefix)}*`)];
		return `(${forms.join(' OR ')})`;
	});
	for (const phrase of phrases) clauses.push(quoted(phrase.join(' ')));
	return clauses.join(' AND ');
}

/** A term as a PostgreSQL lexeme: only letters and digits ever reach here, quoted all the same. */
const lexeme = (term: string) => `'${term.replace(/'/g, "''")}'`;

/** The same query for PostgreSQL's `to_tsquery('simple', …)`: `|` for forms, `<->` in phrases. */
export function tsqueryExpression(words: WordTerms[], phrases: string[][]): string {
	const clauses = words.map(({ exact, prefixes }) => {
		const forms = [...exact.map(lexeme), ...prefixes.map((prefix) => `${lexeme(prefix)}:*`)];
		return `(${forms.join(' | ')})`;
	});
	for (const phrase of phrases) clauses.push(`(${phrase.map(lexeme).join(' <-> ')})`);
	return clauses.join(' & ');
}

/** Whether a word of a passage is one the reader looked for, to mark it. */
export function highlighter(words: WordTerms[], phrases: string[][]) {
	const exact = new Set(words.flatMap((word) => word.exact));
	for (const phrase of phrases) for (const term of phrase) exact.add(term);
	const prefixes = words.flatMap((word) => word.prefixes);
	// Passages repeat their words: each is stemmed once per search.
	const seen = new Map<string, boolean>();
	return (word: string, language: SearchLanguage) => {
		const key = `${language}:${word}`;
		let found = seen.get(key);
		if (found === undefined) {
			const term = termOf(word, language);
			const folded = fold(word);
			found =
				exact.has(term) ||
				prefixes.some((prefix) => folded.startsWith(prefix) || term.startsWith(prefix));
			seen.set(key, found);
		}
		return found;
	};
}
