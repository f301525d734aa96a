// The house style of the courses, checked where a machine can check it (docs/authoring.md,
// « House style »): one spelling per name, one form of inclusive writing, one citation format in
// « Pour aller plus loin », one layout for activities, and a warning on very long sentences.
// Typography (apostrophes, no-break spaces) is not checked here: typography.js sets it on render.
import type { List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Language } from './schema.ts';

/**
 * Names as the courses write them. Any other spelling of the same letters (another case, a
 * missing accent, a space, dot or hyphen more or less) is reported: « Rocketchat », « Peertube »,
 * « Fediverse », « Framaspace ». Addresses (emancipasso.org) and ids ({#chatons}) are left alone.
 */
export const HOUSE_NAMES = [
	'BigBlueButton',
	'CHATONS',
	'Cloud Girofle',
	'Contre-Voie',
	'CryptPad',
	'Discourse',
	"Emancip'Asso",
	'Établi numérique',
	'Fédiverse',
	'Frama.space',
	'Framacalc',
	'Framadate',
	'Framaforms',
	'Framalibre',
	'Framapad',
	'Framasoft',
	'Framatube',
	'Garradin',
	'Gmail',
	'GoGoCarto',
	'Google Drive',
	'HelloAsso',
	'Keycloak',
	'LibreOffice',
	'Mastodon',
	'Matomo',
	'Mattermost',
	'Mobilizon',
	'Nextcloud',
	'OnlyOffice',
	'OpenID Connect',
	'Paheko',
	'PeerTube',
	'PiNG',
	'Rocket.Chat',
	'Roundcube',
	'Thunderbird',
	'WhatsApp',
	'WordPress',
	'YunoHost'
] as const;

const ACCENTS: Record<string, string> = {
	e: '[eéèêë]',
	é: '[eéèêë]',
	è: '[eéèêë]',
	ê: '[eéèêë]',
	a: '[aàâ]',
	à: '[aàâ]',
	i: '[iîï]',
	o: '[oô]',
	u: '[uùû]',
	É: '[eéèêë]'
};
const SEPARATOR = "[.\\s'’-]?";

function namePattern(name: string) {
	const letters = [...name].filter((char) => /[\p{L}\p{N}]/u.test(char));
	const body = letters
		.map((char) => {
			const lower = char.toLowerCase();
			return ACCENTS[lower] ?? ACCENTS[char] ?? char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join(SEPARATOR);
	return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

const NAME_PATTERNS = HOUSE_NAMES.map((name) => ({ name, pattern: namePattern(name) }));
const normalize = (text: string) => text.replace(/’/g, "'").replace(/\s+/g, ' ');

/** Part of an address, a file name or an id rather than prose. */
function inIdentifier(text: string, start: number, end: number) {
	const before = text[start - 1] ?? '';
	const after = text.slice(end, end + 2);
	return /[./@#:_\\-]/.test(before) || /^[-_/@]/.test(after) || /^\.[\p{L}\p{N}]/u.test(after);
}

export interface StyleIssue {
	/** Offset in the text where the problem starts, to compute its line. */
	index: number;
	message: string;
}

export function misspelledNames(text: string): StyleIssue[] {
	const issues: StyleIssue[] = [];
	const scanned = text.replace(/\{#[^}]*\}/g, (id) => ' '.repeat(id.length));
	for (const { name, pattern } of NAME_PATTERNS) {
		for (const match of scanned.matchAll(pattern)) {
			const found = match[0];
			if (normalize(found) === normalize(name)) continue;
			if (inIdentifier(scanned, match.index, match.index + found.length)) continue;
			issues.push({
				index: match.index,
				message: `write "${name}", not "${normalize(found)}": one spelling per name (docs/authoring.md, House style)`
			});
		}
	}
	return issues;
}

const ENDINGS = 'e|es|ne|nes|le|les|se|ses|euse|euses|rice|rices|ice|ices|trice|trices';
// Not -le, -les, -ne, -se after a hyphen: « prévoyez-le » is a pronoun, not inclusive writing.
const HYPHEN_ENDINGS = 'e|es|euse|euses|rice|rices|ice|ices|trice|trices';
const INCLUSIVE_RULES: { pattern: RegExp; message: string }[] = [
	{
		pattern: /\p{L}[⋅•∙・]\p{L}/gu,
		message: 'inclusive writing: use the middle dot « · » (salarié·es), not another dot'
	},
	{
		pattern: new RegExp(`(?<=\\p{Ll})\\.(?:${ENDINGS})(?:\\.s)?(?![\\p{L}\\p{N}.])`, 'gu'),
		message: 'inclusive writing: use the middle dot « · » (salarié·es), not a full stop'
	},
	{
		pattern: new RegExp(`(?<=\\p{Ll})-(?:${HYPHEN_ENDINGS})(?:-s)?(?![\\p{L}\\p{N}])`, 'gu'),
		message: 'inclusive writing: use the middle dot « · » (utilisateur·ices), not a hyphen'
	},
	{
		pattern: new RegExp(`(?<=\\p{Ll})\\((?:${ENDINGS})\\)`, 'gu'),
		message: 'inclusive writing: use the middle dot « · » (adhérent·es), not brackets'
	},
	{
		pattern: /(?<=\p{L})·\p{Ll}+·s(?![\p{L}])/gu,
		message: 'inclusive writing: one middle dot, « salarié·es », not « salarié·e·s »'
	}
];

const UNGROUPED_NUMBER = /(?<![\p{L}\p{N}.,/#:_-])\d{5,}(?![\p{L}\p{N}])/gu;

/** « 109000 »: French groups digits by three; typography.js then holds the groups together. */
export function ungroupedNumbers(text: string): StyleIssue[] {
	return [...text.matchAll(UNGROUPED_NUMBER)].map((match) => ({
		index: match.index,
		message: `write ${match[0].replace(/\B(?=(\d{3})+$)/g, ' ')} with a space between groups of three digits, not ${match[0]}`
	}));
}

export function inclusiveWritingIssues(text: string): StyleIssue[] {
	return INCLUSIVE_RULES.flatMap(({ pattern, message }) =>
		[...text.matchAll(pattern)].map((match) => ({ index: match.index, message }))
	);
}

const MONTHS =
	'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
// A day and month, a month, a year, or « s. d. » (undated), with an optional remark in brackets.
const DATE = `(?:(?:(?:1er|[1-9]|[12]\\d|3[01]) )?(?:${MONTHS}) \\d{4}|\\d{4}|s\\. d\\.)(?: \\([^)]*\\))?`;
const AFTER_TITLE = new RegExp(
	`^, (?<by>\\S.*?), (?<date>${DATE})(?<where>, en ligne sur \\S.*?)?(?<licence>, licence \\S.*?)? — (?<note>\\S.*)$`,
	's'
);
const TITLE = /^«\s(?<title>\S.*?\S)\s»/s;

/** What is wrong with one entry of « Pour aller plus loin », or null when it follows the format. */
export function citationIssue(item: ListItem): string | null {
	const paragraph = item.children[0];
	if (paragraph?.type !== 'paragraph')
		return 'reading list: each entry is one paragraph starting with the title between guillemets, « Titre »';
	const first = paragraph.children[0];
	const text = (nodes: Paragraph['children']) =>
		nodes
			.map((node) => toString(node))
			.join('')
			.replace(/[\u00a0\u202f]/g, ' ');
	let title: string;
	let rest: string;
	let address: string | null = null;
	// A link to another page of the course, with what to find there, is a cross-reference, not a source.
	if (first?.type === 'link' && !/^[a-z][a-z\d+.-]*:/i.test(first.url)) {
		return /^ : \S/.test(text(paragraph.children.slice(1)))
			? null
			: `reading list: a link to a page of the course is followed by « : » and what the learner finds there`;
	}
	if (first?.type === 'link') {
		const linked = text([first]).trim();
		const match = TITLE.exec(linked);
		if (!match || match[0].length !== linked.length)
			return `reading list: the linked text is the title between guillemets, [« Titre »](${first.url})`;
		title = match.groups!.title;
		address = first.url;
		rest = text(paragraph.children.slice(1));
	} else {
		const whole = text(paragraph.children);
		const match = TITLE.exec(whole);
		if (!match)
			return 'reading list: each entry starts with the title between guillemets, « Titre », linked to its address when it has one';
		title = match.groups!.title;
		rest = whole.slice(match[0].length);
	}
	const parts = AFTER_TITLE.exec(rest.trimEnd());
	if (!parts)
		return `reading list: after « ${title} » come the author or publisher, the date and « — » with what the source brings: « Titre », Auteur, 5 mars 2024 — …`;
	if (address !== null && !address.startsWith('https://'))
		return `reading list: the address of « ${title} » must start with https://`;
	if (address === null && !parts.groups!.where)
		return `reading list: « ${title} » has no address: link its title to an address you checked, or say where to find it with ", en ligne sur <site>"`;
	return null;
}

const LABELS = ['Objectif', 'Durée', 'Étapes', 'À produire'] as const;
type Label = (typeof LABELS)[number];

function labelOf(node: RootContent): Label | null {
	if (node.type !== 'paragraph') return null;
	const [first, second] = node.children;
	if (first?.type !== 'strong') return null;
	const label = toString(first).trim() as Label;
	if (!LABELS.includes(label)) return null;
	return second?.type === 'text' && /^[\s\u00a0]*:/.test(second.value) ? label : null;
}

/** What is wrong with an « Activité : » section, or null when it has the four parts in order. */
export function activityIssue(heading: string, nodes: RootContent[]): string | null {
	if (nodes.some((node) => node.type === 'html' && /^<Activity[\s>]/.test(node.value))) return null;
	const found: { label: Label; at: number }[] = [];
	nodes.forEach((node, at) => {
		const label = labelOf(node);
		if (label) found.push({ label, at });
	});
	const missing = LABELS.filter((label) => !found.some((part) => part.label === label));
	const layout =
		'start with **Objectif** : …, then **Durée** : … minutes, **Étapes** : and a numbered list, and end with **À produire** : …';
	if (missing.length > 0) return `activity "${heading}": ${layout}; missing: ${missing.join(', ')}`;
	const order = found.map((part) => part.label);
	if (order.join() !== LABELS.join()) return `activity "${heading}": ${layout}`;
	const duration = nodes[found[1].at];
	if (!/\d+[\s\u00a0]*(?:min|minutes|h)\b/.test(toString(duration)))
		return `activity "${heading}": **Durée** gives a number of minutes, e.g. « **Durée** : 30 minutes »`;
	const steps = nodes.slice(found[2].at + 1, found[3].at);
	if (!steps.some((node) => node.type === 'list' && (node as List).ordered))
		return `activity "${heading}": **Étapes** is followed by a numbered list (1. …)`;
	return null;
}

export const LONG_SENTENCE = 40;
const SENTENCE_END = /(?<=[.!?…])\s+(?=[«"“(]?\s?[\p{Lu}\d])/u;
const words = (sentence: string) =>
	sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/** Sentences of a paragraph longer than the house limit, with their offset in its text. */
export function longSentences(text: string): { index: number; words: number }[] {
	const found: { index: number; words: number }[] = [];
	let offset = 0;
	for (const sentence of text.split(SENTENCE_END)) {
		const start = text.indexOf(sentence, offset);
		offset = start + sentence.length;
		const count = words(sentence);
		if (count > LONG_SENTENCE) found.push({ index: start, words: count });
	}
	return found;
}

export interface StylePage {
	tree: Root;
	kind: 'course' | 'sequence' | 'lesson' | 'quiz' | 'glossary';
	language: Language;
	/** The line a node of the body starts on, in the file. */
	lineOf(node: Nodes): number;
	/** Frontmatter texts a reader sees, with their lines. */
	fields: { text: string; line: number }[];
}

const FURTHER_READING = 'Pour aller plus loin';

/** Every house-style problem of a page, and the long sentences as warnings. */
export function checkHouseStyle(page: StylePage) {
	const problems: { line: number; message: string }[] = [];
	const warnings: { line: number; message: string }[] = [];
	const french = page.language === 'fr';
	const lineIn = (text: string, index: number, line: number) =>
		line + (text.slice(0, index).match(/\n/g)?.length ?? 0);

	const checkText = (text: string, line: number) => {
		const issues = [
			...misspelledNames(text),
			...(french ? [...inclusiveWritingIssues(text), ...ungroupedNumbers(text)] : [])
		];
		for (const issue of issues)
			problems.push({ line: lineIn(text, issue.index, line), message: issue.message });
	};
	for (const field of page.fields) checkText(field.text, field.line);

	const visit = (node: Nodes) => {
		if (node.type === 'text') checkText(node.value, page.lineOf(node));
		if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return;
		if ('children' in node) node.children.forEach(visit);
	};
	visit(page.tree);

	if (!french || (page.kind !== 'lesson' && page.kind !== 'course' && page.kind !== 'sequence'))
		return { problems, warnings };

	const sections = sectionsOf(page.tree);
	for (const section of sections) {
		if (page.kind === 'lesson' && section.title === FURTHER_READING) {
			for (const node of section.nodes) {
				if (node.type !== 'list') continue;
				for (const item of node.children) {
					const issue = citationIssue(item);
					if (issue) problems.push({ line: page.lineOf(item), message: issue });
				}
			}
			continue;
		}
		if (/^Activité\s*:/.test(section.title) && section.heading) {
			const issue = activityIssue(section.title, section.nodes);
			if (issue) problems.push({ line: page.lineOf(section.heading), message: issue });
		}
		const paragraphs = (node: Nodes): Paragraph[] =>
			node.type === 'paragraph'
				? [node]
				: node.type === 'table' || node.type === 'code' || node.type === 'html'
					? []
					: 'children' in node
						? (node.children as Nodes[]).flatMap(paragraphs)
						: [];
		for (const paragraph of section.nodes.flatMap(paragraphs)) {
			// An image's alt text describes a picture; it is not a sentence of the lesson.
			const text = paragraph.children
				.filter((child) => child.type !== 'image')
				.map((child) => toString(child))
				.join('');
			for (const sentence of longSentences(text))
				warnings.push({
					line: lineIn(text, sentence.index, page.lineOf(paragraph)),
					message: `a sentence of ${sentence.words} words: split it (house style: about ${LONG_SENTENCE} words at most)`
				});
		}
	}
	return { problems, warnings };
}

/** The body cut at its `##` headings; what comes before the first one has no heading. */
function sectionsOf(tree: Root) {
	const sections: { title: string; heading: Nodes | null; nodes: RootContent[] }[] = [
		{ title: '', heading: null, nodes: [] }
	];
	for (const node of tree.children) {
		if (node.type === 'heading' && node.depth === 2)
			sections.push({ title: toString(node).trim(), heading: node, nodes: [] });
		else sections.at(-1)!.nodes.push(node);
	}
	return sections;
}
