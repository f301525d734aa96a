// Measures how close a course's sentences stay to the articles it draws on. Two measures:
// - runs of RUN words found word for word in a source (a copied passage);
// - per sentence, the share of its word 5-grams found in the sources (a close paraphrase keeps
//   most short word groups even when a few words are swapped or moved).
// Quotations and titles between « » are credited where they appear, and a proper name cannot be
// said in other words: neither counts.

export const RUN = 8;
export const GRAM = 5;
/**
 * A sentence is flagged when more than this share of its 5-grams appears in a source. Measured on
 * the shipped course, 98 % of the sentences written from notes share at most a fifth of their
 * 5-grams with the sources: stock groups such as « de la transition numérique » or « les géants
 * du numérique ». A sentence that keeps its source's wording shares far more, since any four
 * consecutive words left untouched make a shared group; 30 % leaves room for stock phrases and
 * catches a sentence one third of whose word groups come straight from an article.
 */
export const THRESHOLD = 0.3;
/** Below this many 5-grams one shared group decides the share, so a short sentence is not scored. */
export const MIN_GRAMS = 4;

const NAME = '\u0000';

export interface Token {
	word: string;
	/** 1-based line of the word in its file. */
	line: number;
}

export interface Sentence {
	line: number;
	text: string;
	grams: number;
	shared: number;
	share: number;
}

export interface Run {
	line: number;
	text: string;
}

// Inclusive endings are written with several dots (participant·es, participant⋅es, participant.es):
// one spelling, without the dot, makes them compare equal.
const normalise = (text: string) =>
	text
		.normalize('NFC')
		.replace(/[’ʼ']/g, "'")
		.replace(/(?<=\p{L})[·⋅•.](?=\p{Ll})/gu, '');

/** Lower-cased words of a source text, apostrophes made straight. */
export function sourceWords(text: string): string[] {
	return normalise(text)
		.toLowerCase()
		.split(/[^\p{L}\p{N}']+/u)
		.filter(Boolean);
}

/** The set of every n-gram of the sources' words. */
export function sourceGrams(texts: string[], n: number): Set<string> {
	const grams = new Set<string>();
	for (const text of texts) {
		const list = sourceWords(text);
		for (let i = 0; i + n <= list.length; i++) grams.add(list.slice(i, i + n).join(' '));
	}
	return grams;
}

/**
 * Turns one line of Markdown into plain prose: link targets, ids, HTML, code and quoted titles
 * are removed; what a reader reads stays.
 */
export function proseOfLine(line: string): string {
	return (
		line
			.replace(/<!--.*?-->/g, ' ')
			.replace(/`[^`]*`/g, ' ')
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/\{#[^}]*\}/g, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/https?:\/\/\S+/g, ' ')
			.replace(/«[^»]*»/g, ' — ')
			// A YAML key (`title:`, `- what:`) is not prose.
			.replace(/^\s*-?\s*[a-zA-Z]+:\s/, ' ')
			.replace(/^\s*(#+|[-*+]|\d+\.|>)\s+(\[[ xX]\]\s+)?/, ' ')
			.replace(/[*_|]/g, ' ')
	);
}

/** Sentences of a line of prose: a stop, then a space and a capital, a digit or an opening mark. */
export function sentencesOf(prose: string): string[] {
	return prose
		.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d«"(—–-])|\s+[—–]\s+(?=[\p{Lu}])/u)
		.map((sentence) => sentence.trim())
		.filter(Boolean);
}

/**
 * Words of a sentence, lower-cased; a capitalised word that does not open the sentence is a name
 * and becomes a marker that matches nothing.
 */
export function sentenceWords(sentence: string): string[] {
	const raw = normalise(sentence)
		.split(/[^\p{L}\p{N}'-]+/u)
		.filter(Boolean);
	return raw.flatMap((word, index) => {
		const parts = word.split('-').filter(Boolean);
		const named = index > 0 && /^\p{Lu}/u.test(word);
		return parts.map((part) => (named ? NAME : part.toLowerCase()));
	});
}

function gramsOf(words: string[], n: number): string[] {
	const grams: string[] = [];
	for (let i = 0; i + n <= words.length; i++) {
		const slice = words.slice(i, i + n);
		if (!slice.includes(NAME)) grams.push(slice.join(' '));
	}
	return grams;
}

export interface FileReport {
	sentences: Sentence[];
	runs: Run[];
}

/**
 * Scores every sentence of a Markdown file against the sources' 5-grams and finds every run of
 * RUN words shared with them.
 */
export function measureFile(
	markdown: string,
	fiveGrams: Set<string>,
	runGrams: Set<string>
): FileReport {
	const sentences: Sentence[] = [];
	const runs: Run[] = [];
	let inCode = false;
	markdown.split('\n').forEach((rawLine, index) => {
		const line = index + 1;
		if (/^\s*```/.test(rawLine)) inCode = !inCode;
		if (inCode || /^\s*---\s*$/.test(rawLine)) return;
		for (const text of sentencesOf(proseOfLine(rawLine))) {
			const words = sentenceWords(text);
			const grams = gramsOf(words, GRAM);
			const shared = grams.filter((gram) => fiveGrams.has(gram)).length;
			if (grams.length > 0)
				sentences.push({ line, text, grams: grams.length, shared, share: shared / grams.length });
			let i = 0;
			while (i + RUN <= words.length) {
				if (!runGrams.has(words.slice(i, i + RUN).join(' '))) {
					i++;
					continue;
				}
				let end = i + RUN;
				while (end < words.length && runGrams.has(words.slice(end - RUN + 1, end + 1).join(' ')))
					end++;
				runs.push({ line, text: words.slice(i, end).join(' ') });
				i = end;
			}
		}
	});
	return { sentences, runs };
}

/** Sentences long enough to be scored whose share of source 5-grams is above the threshold. */
export function flagged(sentences: Sentence[], threshold = THRESHOLD): Sentence[] {
	return sentences.filter((sentence) => sentence.grams >= MIN_GRAMS && sentence.share > threshold);
}
