// The text a reader sees in rendered HTML: a lesson cut into its sections, a post as one text.
import type { Element, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';

export interface Section {
	/** The id of the heading that opens it; null for the text before the first heading. */
	anchor: string | null;
	heading: string;
	text: string;
}

/** Never read as text: code to run, drawings, and what is there for screen readers twice. */
const SKIPPED = new Set(['script', 'style', 'svg', 'template', 'iframe', 'noscript']);
/** Elements after which words must not run into the next ones. */
const BLOCK =
	/^(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|figure|figcaption|blockquote|pre|h[1-6]|br|hr|section|aside|details|summary|caption)$/;

/** The « propose a change » link beside each passage of a lesson is no part of its text. */
const isEditLink = (node: Element) =>
	Array.isArray(node.properties.className) && node.properties.className.includes('edit-passage');

function textOf(node: Nodes, out: string[]) {
	if (node.type === 'text') out.push(node.value);
	if (node.type !== 'element' && node.type !== 'root') return;
	if (node.type === 'element' && SKIPPED.has(node.tagName)) return;
	if (node.type === 'element' && isEditLink(node)) return;
	const block = node.type === 'element' && BLOCK.test(node.tagName);
	if (block) out.push(' ');
	for (const child of node.children) textOf(child as Nodes, out);
	if (block) out.push(' ');
}

const tidy = (parts: string[]) => parts.join('').replace(/\s+/g, ' ').trim();

export function plainText(html: string): string {
	const out: string[] = [];
	textOf(fromHtml(html, { fragment: true }), out);
	return tidy(out);
}

const isSectionHeading = (node: Nodes): boolean =>
	node.type === 'element' &&
	(node.tagName === 'h2' || node.tagName === 'h3') &&
	typeof node.properties.id === 'string';

/**
 * A lesson's text cut at its level-2 and level-3 headings, each section under its heading's id
 * (the one the table of contents links to). Headings nested deeper in the page (a callout's
 * title) stay in their section's text.
 */
export function sectionsOf(html: string): Section[] {
	const sections: Section[] = [];
	let current: Section & { parts: string[] } = { anchor: null, heading: '', text: '', parts: [] };
	const close = () => {
		const text = tidy(current.parts);
		if (text || current.anchor)
			sections.push({ anchor: current.anchor, heading: current.heading, text });
	};
	const visit = (node: Nodes) => {
		if (isSectionHeading(node)) {
			close();
			const heading: string[] = [];
			textOf(node, heading);
			current = {
				anchor: String((node as Element).properties.id),
				heading: tidy(heading),
				text: '',
				parts: []
			};
			return;
		}
		// Headings sit at the top of the text or inside plain wrappers; go down only where one is.
		if (node.type === 'element' && !SKIPPED.has(node.tagName) && containsHeading(node)) {
			for (const child of node.children) visit(child as Nodes);
			return;
		}
		textOf(node, current.parts);
	};
	for (const child of fromHtml(html, { fragment: true }).children) visit(child as Nodes);
	close();
	return sections;
}

function containsHeading(node: Element): boolean {
	return node.children.some(
		(child) =>
			isSectionHeading(child as Nodes) || (child.type === 'element' && containsHeading(child))
	);
}
