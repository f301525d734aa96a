// A course's glossary (`glossary.md`): read by the content checks, the course index and the mdsvex
// plugin that gives each <Term> its definition. Plain JavaScript for svelte.config.js.
import GithubSlugger from 'github-slugger';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { typeset } from './typography.js';

const markdown = unified().use(remarkParse).use(remarkGfm);
const EXPLICIT_ID = /\s*\{#([^}]*)\}\s*$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * @typedef {{ id: string, term: string, definition: string, html: string, line: number }} GlossaryEntry
 * @typedef {{ line: number, message: string }} GlossaryProblem
 */

/** The id a term gets when the heading gives none, and the one a <Term> looks it up by. */
export function termId(/** @type {string} */ text) {
	return new GithubSlugger().slug(text.trim());
}

/**
 * @param {string} body the Markdown below the frontmatter
 * @param {number} bodyLine the line of the file where the body starts
 * @param {(href: string) => string} resolveHref turns a link to a .md file into its URL
 * @returns {{ entries: GlossaryEntry[], problems: GlossaryProblem[], tree: import('mdast').Root }}
 */
export function parseGlossary(body, bodyLine, resolveHref = (href) => href) {
	const tree = /** @type {import('mdast').Root} */ (markdown.parse(body));
	/** @type {GlossaryEntry[]} */
	const entries = [];
	/** @type {GlossaryProblem[]} */
	const problems = [];
	const lineOf = (/** @type {import('mdast').Nodes} */ node) =>
		(node.position?.start.line ?? 1) + bodyLine - 1;
	/** @type {{ entry: GlossaryEntry, nodes: import('mdast').RootContent[] } | null} */
	let current = null;
	/** @type {Map<string, string>} */
	const seen = new Map();

	const close = () => {
		if (!current) return;
		const { entry, nodes } = current;
		const first = nodes.find((node) => node.type === 'paragraph');
		if (!first) {
			problems.push({
				line: entry.line,
				message: `term "${entry.term}" has no definition: write it in a paragraph under its heading`
			});
		}
		entry.definition = first ? typeset(toString(first).replace(/\s+/g, ' ')) : '';
		const hast = toHast({ type: 'root', children: nodes });
		visitLinks(hast, resolveHref);
		entry.html = toHtml(hast);
		entries.push(entry);
	};

	for (const node of tree.children) {
		if (node.type === 'heading' && node.depth === 2) {
			close();
			const last = node.children.at(-1);
			let id = '';
			if (last?.type === 'text') {
				const match = EXPLICIT_ID.exec(last.value);
				if (match) {
					id = match[1];
					last.value = last.value.slice(0, match.index);
				}
			}
			const term = toString(node).trim();
			const line = lineOf(node);
			if (id && !ID.test(id))
				problems.push({
					line,
					message: `invalid term id "{#${id}}": use lowercase letters, digits and hyphens`
				});
			id ||= termId(term);
			const other = seen.get(id);
			if (other)
				problems.push({ line, message: `duplicate term id "${id}": "${other}" has it too` });
			seen.set(id, term);
			current = { entry: { id, term: typeset(term), definition: '', html: '', line }, nodes: [] };
		} else if (node.type === 'heading') {
			problems.push({
				line: lineOf(node),
				message: 'each term of a glossary is a level-2 heading (## term); no other heading level'
			});
		} else if (current) {
			current.nodes.push(node);
		} else if (node.type !== 'html' || !/^<!--[\s\S]*-->$/.test(node.value.trim())) {
			problems.push({
				line: lineOf(node),
				message: 'text before the first term: a glossary starts with a "## term" heading'
			});
		}
	}
	close();
	if (entries.length === 0 && problems.length === 0)
		problems.push({
			line: bodyLine,
			message: 'the glossary has no term: each term is a "## " heading'
		});
	return { entries, problems, tree };
}

/** @param {any} node @param {(href: string) => string} resolveHref */
function visitLinks(node, resolveHref) {
	if (node.type === 'element' && node.tagName === 'a' && typeof node.properties?.href === 'string')
		node.properties.href = resolveHref(node.properties.href);
	for (const child of node.children ?? []) visitLinks(child, resolveHref);
}
