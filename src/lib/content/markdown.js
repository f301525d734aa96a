// Plugins and highlighter for mdsvex, which compiles lessons at build time. Plain JavaScript
// because svelte.config.js loads them in plain Node. mdsvex runs an older unified, so these
// plugins walk the trees themselves instead of depending on a unified version.
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { escapeSvelte } from 'mdsvex';
import { createHighlighter } from 'shiki';
import { rehypeEditLinks } from './edit-links.js';
import { languageOf, remarkLessonComponents } from './lesson-components.js';
import { isRelative, urlOfContentFile } from './paths.js';

// Named here too, where the content's other link helpers are found.
export { isRelative };
import { typeset } from './typography.js';

/** @typedef {{ type: string, children?: Node[], [key: string]: any }} Node */

/**
 * @param {Node} node
 * @param {(node: Node, parent: Node | null, inCode: boolean) => void} visit
 * @param {Node | null} [parent]
 * @param {boolean} [inCode] whether the node is inside code, which is never retouched
 */
function walk(node, visit, parent = null, inCode = false) {
	visit(node, parent, inCode);
	const code = inCode || (node.type === 'element' && /^(code|pre)$/.test(node.tagName));
	for (const child of node.children ?? []) walk(child, visit, node, code);
}

/** @param {Node} node @returns {string} */
export function textOf(node) {
	if (node.type === 'text' || node.type === 'inlineCode') return node.value;
	return (node.children ?? []).map(textOf).join('');
}

/**
 * Images next to lessons become module imports, so Vite emits them with content-hashed names
 * that adapter-node serves with a year-long cache.
 */
export function remarkAssetImports() {
	return (/** @type {Node} */ tree) => {
		/** @type {Map<string, string>} */
		const imports = new Map();
		walk(tree, (node) => {
			if (node.type !== 'image' || !isRelative(node.url)) return;
			const target = node.url.startsWith('.') ? node.url : `./${node.url}`;
			let name = imports.get(target);
			if (!name) imports.set(target, (name = `__asset${imports.size}`));
			node.url = `{${name}}`;
		});
		if (imports.size === 0) return;
		const lines = [...imports].map(
			([target, name]) => `import ${name} from ${JSON.stringify(target)};`
		);
		tree.children?.push({ type: 'html', value: `<script>\n${lines.join('\n')}\n</script>` });
	};
}

const HTML_ESCAPES = /** @type {Record<string, string>} */ ({
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'{': '&#123;',
	'}': '&#125;'
});

/**
 * Gives headings the ids the table of contents links to, turns links to other lessons' `.md`
 * files into their URLs, and escapes braces so prose is never read as a Svelte expression.
 * @param {{ coursesDir: string }} options
 */
export function rehypeLesson({ coursesDir }) {
	return () => (/** @type {Node} */ tree, /** @type {any} */ file) => {
		const slugger = new GithubSlugger();
		const dir = file.filename ? path.dirname(file.filename) : coursesDir;
		/** @type {string | null} */
		let lastHeadingId = null;
		let tables = 0;
		walk(tree, (node, parent, inCode) => {
			if (node.type === 'text' && !inCode) node.value = typeset(node.value);
			if (node.type === 'text' && /[{}]/.test(node.value) && parent) {
				node.type = 'raw';
				node.value = node.value.replace(/[&<>{}]/g, (/** @type {string} */ c) => HTML_ESCAPES[c]);
				return;
			}
			if (node.type !== 'element') return;
			if (/^h[2-6]$/.test(node.tagName)) {
				node.properties.id ??= slugger.slug(textOf(node));
				lastHeadingId = node.properties.id;
				if (/^(?:Activité|Activity)\s*:/i.test(textOf(node)))
					node.properties.className = ['activity'];
			}
			if (node.tagName === 'table' && parent && !isScrollBox(parent))
				wrapScrollable(node, lastHeadingId, `tableau-${++tables}`);
			if (node.tagName === 'img' && parent) linkToFullSize(node, parent);
			if (node.tagName === 'input' && node.properties.type === 'checkbox') {
				// A checklist in a lesson is something to read, not a form control without a label.
				Object.assign(node, {
					tagName: 'span',
					properties: { className: ['check'], ariaHidden: 'true' },
					children: [{ type: 'text', value: node.properties.checked ? '☑' : '☐' }]
				});
			}
			if (node.tagName === 'a' && typeof node.properties.href === 'string') {
				node.properties.href = resolveContentLink(node.properties.href, dir, coursesDir);
			}
		});
	};
}

/**
 * Wide tables scroll inside a region named after their section, so the page itself never scrolls
 * sideways. The region holds a link to itself (shown on focus): a keyboard user who tabs to it
 * scrolls the table with the arrow keys, in browsers that do not focus scrolling boxes on their
 * own, without making the region a tab stop that is not a control (a11y_no_noninteractive_tabindex).
 * @param {Node} table @param {string | null} headingId @param {string} id
 */
function wrapScrollable(table, headingId, id) {
	const label = headingId ? { ariaLabelledBy: headingId } : {};
	const wrapper = {
		type: 'element',
		tagName: 'div',
		properties: { className: ['table-scroll'], id, role: 'region', ...label },
		children: [
			{
				type: 'element',
				tagName: 'a',
				properties: { className: ['table-anchor'], href: `#${id}`, ...label },
				children: [{ type: 'text', value: '↔' }]
			},
			{ ...table }
		]
	};
	Object.keys(table).forEach((key) => delete table[key]);
	Object.assign(table, wrapper);
}

/** @param {Node} node */
const isScrollBox = (node) =>
	node.type === 'element' && node.properties?.className?.includes('table-scroll');

/**
 * A figure opens full size on tap: its image is a link to the image file, which works without
 * any script and lets a phone zoom into a diagram whose labels are too small in the page.
 * @param {Node} image @param {Node} parent
 */
function linkToFullSize(image, parent) {
	if (parent.type === 'element' && parent.tagName === 'a') return;
	const link = {
		type: 'element',
		tagName: 'a',
		properties: { className: ['full-size'], href: image.properties.src },
		children: [{ ...image }]
	};
	Object.keys(image).forEach((key) => delete image[key]);
	Object.assign(image, link);
}

/**
 * @param {string} href as written by the author
 * @param {string} fromDir absolute folder of the file holding the link
 * @param {string} coursesDir absolute courses folder
 */
export function resolveContentLink(href, fromDir, coursesDir) {
	if (!isRelative(href)) return href;
	const [target, hash] = href.split('#');
	if (!target.endsWith('.md')) return href;
	const relative = path
		.relative(coursesDir, path.resolve(fromDir, target))
		.split(path.sep)
		.join('/');
	const url = urlOfContentFile(relative);
	return url ? url + (hash ? `#${hash}` : '') : href;
}

const LANGUAGES = [
	'bash',
	'shell',
	'ini',
	'toml',
	'yaml',
	'json',
	'javascript',
	'typescript',
	'html',
	'css',
	'markdown',
	'nginx',
	'sql',
	'diff',
	'python',
	'xml',
	'svelte'
];

/** One shiki highlighter for the whole build; its output needs no script in the browser. */
export async function createCodeHighlighter() {
	const shiki = await createHighlighter({
		themes: ['github-light', 'github-dark'],
		langs: LANGUAGES
	});
	const known = new Set(shiki.getLoadedLanguages());
	/** @param {string} code @param {string | null | undefined} lang */
	return async (code, lang) => {
		const html = shiki.codeToHtml(code, {
			lang: lang && known.has(lang) ? lang : 'text',
			themes: { light: 'github-light', dark: 'github-dark' }
		});
		return `{@html \`${escapeSvelte(html)}\`}`;
	};
}

/**
 * The mdsvex settings lessons are compiled with, shared by svelte.config.js and the tests.
 * @param {string} coursesDir absolute path of the courses folder
 */
export async function mdsvexOptions(coursesDir) {
	return {
		extensions: ['.md'],
		// Off so heading ids match the table of contents built from the same Markdown.
		smartypants: false,
		highlight: { highlighter: await createCodeHighlighter() },
		remarkPlugins: [remarkAssetImports, remarkLessonComponents({ coursesDir })],
		// The edit links first, while every block still has its place in the file.
		rehypePlugins: [rehypeEditLinks({ coursesDir, languageOf }), rehypeLesson({ coursesDir })]
	};
}
