// Beside every paragraph, list item, table and heading of a lesson, a link to propose a change to
// that passage: the lines of the Markdown file it comes from travel in the link, so the form shows
// the author's source, not a re-rendering. Plain JavaScript: svelte.config.js loads it.
import path from 'node:path';
import { EDIT_LINK_LABEL } from '../i18n/lesson-components/edit-link.js';
import { ORDER_PREFIX, urlOfContentFile } from './paths.js';

/** @typedef {{ type: string, tagName?: string, children?: Node[], [key: string]: any }} Node */

/** The address of the form that proposes a change to lines `from`–`to` of the lesson at `url`. */
export const editUrl = (
	/** @type {string} */ url,
	/** @type {number} */ from,
	/** @type {number} */ to
) => `${url}/edit?lines=${from}-${to}`;

/**
 * The lines a list item's own text spans: from its marker to the end of what precedes a nested
 * list, which has its own links. Same rule as `blockRanges` in passages.ts, on the HTML tree.
 * @param {Node} item
 */
function itemLines(item) {
	let end = item.position.start.line;
	for (const child of item.children ?? []) {
		if (child.type === 'element' && /^(ul|ol)$/.test(child.tagName ?? '')) break;
		if (child.position) end = Math.max(end, child.position.end.line);
	}
	return { from: item.position.start.line, to: end };
}

/**
 * @param {string} href
 * @param {'fr' | 'en'} language
 * @returns {Node}
 */
function link(href, language) {
	const label = EDIT_LINK_LABEL[language];
	return {
		type: 'element',
		tagName: 'a',
		properties: { className: ['edit-passage'], href, title: label },
		children: [
			{
				type: 'element',
				tagName: 'span',
				properties: { ariaHidden: 'true' },
				children: [{ type: 'text', value: '✎' }]
			},
			{
				type: 'element',
				tagName: 'span',
				properties: { className: ['visually-hidden'] },
				children: [{ type: 'text', value: label }]
			}
		]
	};
}

/** @param {{ coursesDir: string, languageOf: (courseDir: string) => 'fr' | 'en' }} options */
export function rehypeEditLinks({ coursesDir, languageOf }) {
	// mdsvex counts lines from the top of the file, front matter included, as authors do.
	return () => (/** @type {Node} */ tree, /** @type {any} */ file) => {
		if (!file.filename || !ORDER_PREFIX.test(path.basename(file.filename))) return;
		const relative = path.relative(coursesDir, file.filename).split(path.sep).join('/');
		const pageUrl = urlOfContentFile(relative);
		if (!pageUrl) return;
		const language = languageOf(path.join(coursesDir, relative.split('/')[0]));

		/** @param {Node} node @param {boolean} inItem */
		const visit = (node, inItem) => {
			const children = node.children ?? [];
			for (let i = 0; i < children.length; i++) {
				const child = children[i];
				if (child.type !== 'element') continue;
				const tag = child.tagName ?? '';
				const at = child.position;
				if (at && /^h[1-6]$/.test(tag)) {
					// After the heading, not in it: the heading's name (and the outline) stay its own.
					children.splice(++i, 0, link(editUrl(pageUrl, at.start.line, at.end.line), language));
					continue;
				}
				if (at && tag === 'table') {
					children.splice(++i, 0, link(editUrl(pageUrl, at.start.line, at.end.line), language));
					continue;
				}
				if (at && tag === 'p' && !inItem) {
					child.children = [
						...(child.children ?? []),
						{ type: 'text', value: ' ' },
						link(editUrl(pageUrl, at.start.line, at.end.line), language)
					];
					continue;
				}
				if (at && tag === 'li') {
					const { from, to } = itemLines(child);
					const anchor = link(editUrl(pageUrl, from, to), language);
					const items = child.children ?? [];
					const nested = items.findIndex(
						(c) => c.type === 'element' && /^(ul|ol)$/.test(c.tagName ?? '')
					);
					const paragraph = items.find((c) => c.type === 'element' && c.tagName === 'p');
					if (paragraph)
						paragraph.children = [
							...(paragraph.children ?? []),
							{ type: 'text', value: ' ' },
							anchor
						];
					else
						items.splice(
							nested < 0 ? items.length : nested,
							0,
							{ type: 'text', value: ' ' },
							anchor
						);
					visit(child, true);
					continue;
				}
				visit(child, inItem);
			}
		};
		visit(tree, false);
	};
}
