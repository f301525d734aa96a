// The closed set of components a lesson may use, shared by the content checks (load.ts) and the
// mdsvex plugin that compiles them (lesson-components.js). Plain JavaScript because
// svelte.config.js loads it in plain Node.
import { z } from 'zod';

/** Files a reader may download from a lesson, with their type as the page names it. */
export const DOWNLOAD_TYPES = /** @type {const} */ ({
	ods: { fr: 'Tableur ODS', en: 'ODS spreadsheet' },
	odt: { fr: 'Texte ODT', en: 'ODT document' },
	odp: { fr: 'Présentation ODP', en: 'ODP presentation' },
	odg: { fr: 'Dessin ODG', en: 'ODG drawing' },
	csv: { fr: 'Tableau CSV', en: 'CSV table' },
	pdf: { fr: 'Document PDF', en: 'PDF document' },
	zip: { fr: 'Archive ZIP', en: 'ZIP archive' },
	txt: { fr: 'Texte brut', en: 'Plain text' },
	epub: { fr: 'Livre EPUB', en: 'EPUB book' }
});

export const IMAGE_TYPES = ['png', 'jpg', 'jpeg', 'webp', 'avif', 'gif', 'svg'];
export const TRANSCRIPT_TYPES = ['vtt', 'txt'];

/** @param {string} file */
export const extensionOf = (file) => /\.([a-z0-9]+)$/i.exec(file)?.[1].toLowerCase() ?? '';

const text = (/** @type {string} */ what) =>
	z
		.string({ error: `${what} is required` })
		.trim()
		.min(1, `${what} is empty`);

/** @param {string} what @param {readonly string[]} types */
const file = (what, types) =>
	text(what).refine((value) => types.includes(extensionOf(value)), {
		error: `${what} must be a file of type ${types.join(', ')}`
	});

const minutes = (/** @type {string} */ what) =>
	text(what).regex(/^[1-9]\d{0,2}$/, `${what} is a whole number of minutes, e.g. "20"`);

/**
 * What each component accepts. `children`: whether Markdown goes between its opening and
 * closing tags (`required`), may (`optional`) or may not (`none`, written `<Name … />`).
 * `files` names the attributes that are files next to the lesson.
 * @type {Record<string, { children: 'required' | 'optional' | 'none', files: string[], props: z.ZodType }>}
 */
export const LESSON_COMPONENTS = {
	Callout: {
		children: 'required',
		files: [],
		props: z.strictObject({
			kind: z.enum(['retenir', 'attention', 'exemple'], {
				error: 'kind must be one of: retenir, attention, exemple'
			}),
			title: text('title').optional()
		})
	},
	Activity: {
		children: 'required',
		files: [],
		props: z.strictObject({
			title: text('title'),
			objective: text('objective'),
			duration: minutes('duration'),
			deliverable: text('deliverable')
		})
	},
	Checkpoint: {
		children: 'required',
		files: [],
		props: z.strictObject({ question: text('question') })
	},
	Term: {
		children: 'required',
		files: [],
		props: z.strictObject({
			id: text('id')
				.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id is lowercase letters, digits and hyphens')
				.optional()
		})
	},
	Download: {
		children: 'none',
		files: ['file'],
		props: z.strictObject({
			file: file('file', Object.keys(DOWNLOAD_TYPES)),
			title: text('title')
		})
	},
	Figure: {
		children: 'none',
		files: ['src', 'dark'],
		props: z.strictObject({
			src: file('src', IMAGE_TYPES),
			dark: file('dark', IMAGE_TYPES).optional(),
			alt: text('alt'),
			caption: text('caption'),
			credit: text('credit').optional(),
			license: text('license').optional()
		})
	},
	Video: {
		children: 'optional',
		files: ['poster', 'transcript'],
		props: z.strictObject({
			src: z.url({ protocol: /^https$/, error: 'src must be the https address of the embed' }),
			watch: z.url({ protocol: /^https$/, error: 'watch must be an https address' }).optional(),
			title: text('title'),
			poster: file('poster', IMAGE_TYPES),
			duration: text('duration').regex(
				/^(?:\d+:)?[0-5]?\d:[0-5]\d$/,
				'duration is written minutes:seconds, e.g. "4:32" or "1:02:05"'
			),
			transcript: file('transcript', TRANSCRIPT_TYPES).optional()
		})
	}
};

export const COMPONENT_NAMES = Object.keys(LESSON_COMPONENTS);

/**
 * @typedef {{ kind: 'open' | 'close' | 'comment', name: string, selfClosing: boolean,
 *   attributes: Record<string, string>, problems: string[], offset: number, source: string }} Tag
 */

const TAG =
	/<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w.:-]*)((?:\s+(?:\{[^}]*\}|[^\s=>/"'{]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^}]*\}|[^\s>"'{]+))?))*)\s*(\/?)>/g;
const ATTRIBUTE =
	/\{[^}]*\}|([^\s=>/"'{]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{[^}]*\})|([^\s>"'{]+)))?/g;

/**
 * The tags of a piece of raw HTML as Markdown parsers leave it (a whole block, or one inline tag).
 * @param {string} html
 * @returns {{ tags: Tag[] }}
 */
export function tokenizeTags(html) {
	/** @type {Tag[]} */
	const tags = [];
	for (const match of html.matchAll(TAG)) {
		const at = match.index ?? 0;
		if (match[0].startsWith('<!--')) {
			tags.push({
				kind: 'comment',
				name: '',
				selfClosing: true,
				attributes: {},
				problems: [],
				offset: at,
				source: match[0]
			});
			continue;
		}
		/** @type {Record<string, string>} */
		const attributes = {};
		/** @type {string[]} */
		const problems = [];
		for (const attribute of (match[3] ?? '').matchAll(ATTRIBUTE)) {
			const [whole, name, double, single, expression] = attribute;
			if (!name || expression !== undefined) {
				problems.push(
					`attribute ${name ? `${name}=` : ''}${expression ?? whole} is Svelte code: write attributes as plain text in quotes, name="value"`
				);
			} else if (double === undefined && single === undefined) {
				problems.push(`attribute ${name} needs a value in quotes, ${name}="…"`);
			} else {
				attributes[name] = double ?? single ?? '';
			}
		}
		tags.push({
			kind: match[1] ? 'close' : 'open',
			name: match[2],
			selfClosing: match[4] === '/',
			attributes,
			problems,
			offset: at,
			source: match[0]
		});
	}
	return { tags };
}

/**
 * The tags, among `tags` (tokenizeTags of `html`), of components holding Markdown blocks whose
 * content sits beside them: text after an opening tag or before a closing one in the same piece of
 * raw HTML, or any such tag inside a paragraph (`inline`). mdsvex then takes the content for raw
 * HTML, or the tags for words of the paragraph, and readers see the Markdown as typed, `**` and
 * all. Their tags need lines of their own, with a blank line after the opening one and before the
 * closing one. Term, whose content is words, is not among them.
 * @param {string} html @param {Tag[]} tags @param {boolean} inline
 * @returns {Tag[]}
 */
export function contentBesideTags(html, tags, inline) {
	return tags.filter((tag, index) => {
		if (tag.kind === 'comment' || tag.selfClosing || tag.name === 'Term') return false;
		const component = LESSON_COMPONENTS[/** @type {keyof typeof LESSON_COMPONENTS} */ (tag.name)];
		if (!Object.hasOwn(LESSON_COMPONENTS, tag.name) || component.children === 'none') return false;
		if (inline) return true;
		const next = tags[index + 1];
		const previous = tags[index - 1];
		const beside =
			tag.kind === 'open'
				? html.slice(tag.offset + tag.source.length, next?.offset ?? html.length)
				: html.slice(previous ? previous.offset + previous.source.length : 0, tag.offset);
		return beside.trim() !== '';
	});
}

/**
 * What the content checks say of a component found by contentBesideTags, with how to fix it.
 * @param {string} name
 */
export const contentBesideTagsMessage = (name) =>
	`<${name}>: its content must be apart from its tags: put <${name} …> and </${name}> on lines of their own, with a blank line after the opening tag and before the closing one`;

/** Svelte syntax that mdsvex would run as code rather than show as text. */
export const SVELTE_CODE =
	/\{\s*(?:#(?:if|each|await|key|snippet)|:(?:else|then|catch)|\/(?:if|each|await|key|snippet)|@(?:html|render|const|debug|attach))\b/;

/**
 * The number of bytes as a reader reads it: « 14 Ko », « 1,2 Mo » (French), "14 kB" (English).
 * @param {number} bytes @param {'fr' | 'en'} language
 */
export function formatSize(bytes, language) {
	const units = language === 'fr' ? ['octets', 'Ko', 'Mo', 'Go'] : ['bytes', 'kB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit += 1;
	}
	const digits = unit === 0 || value >= 10 ? 0 : 1;
	const number = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
	return `${number}\u00a0${units[unit]}`;
}
