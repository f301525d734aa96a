// Learners' Markdown, turned into HTML that can be trusted in a page: raw HTML is never parsed
// (remark-rehype drops it), then rehype-sanitize keeps only a GitHub-like subset, tightened.
// Loaded by markdown.ts when a post is first rendered, with remark, rehype and their plugins.
import { randomBytes } from 'node:crypto';
import type { Element, Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Headings in a post start at this level, below the page's own h1–h3. */
const TOP_HEADING = 4;

const REL = ['nofollow', 'ugc', 'noopener'];

/** No images, no form controls: a post is text and links. */
const REMOVED_TAGS = new Set(['img', 'picture', 'source', 'input', 'video', 'audio']);

const schema: SanitizeSchema = {
	...defaultSchema,
	tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !REMOVED_TAGS.has(tag)),
	attributes: Object.fromEntries(
		Object.entries(defaultSchema.attributes ?? {}).filter(([tag]) => !REMOVED_TAGS.has(tag))
	),
	protocols: {
		href: ['http', 'https', 'mailto'],
		cite: ['http', 'https']
	},
	// Comments and anything unknown go, with what is inside `script` or `style`.
	allowComments: false,
	allowDoctypes: false,
	strip: ['script', 'style'],
	// Only footnotes carry ids; `rehypePostLinks` gives them a prefix of their own per post.
	clobber: [],
	clobberPrefix: ''
};

/** http(s), mailto, a path on this site, or a footnote anchor: nothing else keeps its href. */
function isAllowedHref(href: string) {
	if (/^(https?:\/\/|mailto:)/i.test(href)) return true;
	if (href.startsWith('#')) return true;
	return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\');
}

/**
 * After sanitizing: links get rel, odd hrefs lose theirs, and links that leave the site are
 * counted. Ids (footnotes) and in-post anchors get a prefix of their own, so two posts with
 * footnotes on one page never share an id, and no id can clobber a global of the page.
 */
function rehypePostLinks(counter: { links: number }) {
	const prefix = `note-${randomBytes(4).toString('hex')}-`;
	return () => (tree: Root) => {
		visit(tree, 'element', (node: Element) => {
			const { properties } = node;
			if (typeof properties.id === 'string') properties.id = prefix + properties.id;
			if (Array.isArray(properties.ariaDescribedBy))
				properties.ariaDescribedBy = properties.ariaDescribedBy.map((id) => prefix + id);
			if (node.tagName !== 'a') return;
			const href = typeof properties.href === 'string' ? properties.href.trim() : null;
			if (href === null || !isAllowedHref(href)) {
				delete properties.href;
				return;
			}
			if (href.startsWith('#')) properties.href = `#${prefix}${href.slice(1)}`;
			if (/^(https?:|mailto:)/i.test(href)) counter.links += 1;
			properties.rel = REL;
			delete properties.target;
		});
	};
}

/**
 * Markdown headings become h4–h6, so a post never breaks the page's outline; task-list boxes
 * become plain ☐/☑ text, since the page has no use for unlabelled form controls.
 */
function remarkPostStructure() {
	return (tree: MdastRoot) => {
		visit(tree, 'heading', (node) => {
			node.depth = Math.min(6, node.depth + TOP_HEADING - 1) as 4 | 5 | 6;
		});
		visit(tree, 'listItem', (node) => {
			if (typeof node.checked !== 'boolean') return;
			const mark = node.checked ? '☑ ' : '☐ ';
			node.checked = null;
			const first = node.children[0];
			if (first?.type === 'paragraph') first.children.unshift({ type: 'text', value: mark });
			else node.children.unshift({ type: 'paragraph', children: [{ type: 'text', value: mark }] });
		});
	};
}

export interface RenderedPost {
	html: string;
	/** Links to another site or an address (http, https, mailto). */
	links: number;
}

export function renderMarkdown(markdown: string): RenderedPost {
	const counter = { links: 0 };
	const html = unified()
		.use(remarkParse)
		.use(remarkGfm, { singleTilde: false })
		.use(remarkPostStructure)
		.use(remarkRehype, {
			allowDangerousHtml: false,
			clobberPrefix: '',
			// The label is the same word in French and English, and shown: no hidden heading.
			footnoteLabel: 'Notes',
			footnoteLabelTagName: 'p',
			footnoteLabelProperties: {},
			footnoteBackLabel: (index: number) => `↩ ${index + 1}`
		})
		.use(rehypeSanitize, schema)
		.use(rehypePostLinks(counter))
		.use(rehypeStringify)
		.processSync(markdown)
		.toString();
	return { html, links: counter.links };
}
