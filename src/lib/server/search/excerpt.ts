// The part of a passage a result shows, with the words looked for inside <mark>, as HTML built
// from escaped text only.
import { wordsOf, type SearchLanguage } from './normalize.ts';

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

export function excerpt(
	text: string,
	language: SearchLanguage,
	isMatch: (word: string, language: SearchLanguage) => boolean
): string {
	const words = wordsOf(text);
	if (words.length === 0) return escapeHtml(text);
	const marked = words.map((word) => isMatch(word.text, language));
	const first = Math.max(0, marked.indexOf(true));
	const from = Math.max(0, Math.min(first - WORDS_BEFORE, words.length - WORDS_SHOWN));
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
