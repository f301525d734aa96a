// The part of a passage a result shows, with the words looked for inside <mark>, as HTML built
// from escaped text only.
import { fold, wordsOf, type SearchLanguage, type Word } from './normalize.ts';

/** Words shown around the first match. */
const WORDS_BEFORE = 12;
const WORDS_SHOWN = 40;

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Where to start so that the shown words hold the most different words looked for (« migrer »
 * and « courriels » rather than « courriels » twice), the earliest such place.
 */
function bestStart(words: Word[], marked: boolean[]) {
	let best = { start: 0, found: -1 };
	for (const [index, isMarked] of marked.entries()) {
		if (!isMarked) continue;
		const start = Math.max(0, Math.min(index - WORDS_BEFORE, words.length - WORDS_SHOWN));
		const found = new Set<string>();
		for (let i = start; i < Math.min(words.length, start + WORDS_SHOWN); i++)
			if (marked[i]) found.add(fold(words[i].text));
		if (found.size > best.found) best = { start, found: found.size };
	}
	return best.start;
}

export function excerpt(
	text: string,
	language: SearchLanguage,
	isMatch: (word: string, language: SearchLanguage) => boolean
): string {
	const words = wordsOf(text);
	if (words.length === 0) return escapeHtml(text);
	const marked = words.map((word) => isMatch(word.text, language));
	const from = bestStart(words, marked);
	const to = Math.min(words.length, from + WORDS_SHOWN);
	let html = from > 0 ? '… ' : '';
	let position = from > 0 ? words[from].start : 0;
	for (let i = from; i < to; i++) {
		const word = words[i];
		html += escapeHtml(text.slice(position, word.start));
		const shown = escapeHtml(text.slice(word.start, word.end));
		html += marked[i] ? `<mark>${shown}</mark>` : shown;
		position = word.end;
	}
	html +=
		to < words.length
			? escapeHtml(text.slice(position, words[to].start)).trimEnd() + ' …'
			: escapeHtml(text.slice(position));
	return html;
}
