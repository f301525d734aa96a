// Compiles the lesson components an author writes as tags (`<Callout kind="retenir">`): imports
// them, turns their files into module imports (content-hashed names, a year of cache), and gives
// them what is known at build time (file sizes, glossary definitions, heading levels, language).
// The content checks (check-components.ts) have already refused anything else.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { IMAGE_TYPES, LESSON_COMPONENTS, extensionOf, tokenizeTags } from './components.js';
import { parseGlossary, termId } from './glossary.js';
import { isRelative, urlOfContentFile } from './paths.js';
import { typeset } from './typography.js';

/** @typedef {{ type: string, children?: Node[], [key: string]: any }} Node */

const WITH_HEADING = new Set(['Callout', 'Activity', 'Checkpoint']);
/** Attributes that are not prose, which French typography must leave as they are. */
const VERBATIM = new Set(['kind', 'id', 'src', 'watch', 'duration']);

/** @type {Map<string, { mtime: number, value: any }>} */
const cache = new Map();

/** @template T @param {string} file @param {(source: string) => T} read @returns {T | null} */
function readCached(file, read) {
	let mtime;
	try {
		mtime = statSync(file).mtimeMs;
	} catch {
		return null;
	}
	const cached = cache.get(file);
	if (cached?.mtime === mtime) return cached.value;
	const value = read(readFileSync(file, 'utf8'));
	cache.set(file, { mtime, value });
	return value;
}

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

/** @param {string} courseDir @returns {'fr' | 'en'} */
export function languageOf(courseDir) {
	const language = readCached(path.join(courseDir, 'course.md'), (source) => {
		const yaml = FRONTMATTER.exec(source)?.[0] ?? '';
		return /^language:\s*["']?(en)\b/m.test(yaml) ? 'en' : 'fr';
	});
	return language ?? 'fr';
}

/** @param {string} courseDir @returns {Map<string, string>} term id → definition */
function glossaryOf(courseDir) {
	const terms = readCached(path.join(courseDir, 'glossary.md'), (source) => {
		const body = source.replace(FRONTMATTER, '');
		return new Map(parseGlossary(body, 1).entries.map((entry) => [entry.id, entry.definition]));
	});
	return terms ?? new Map();
}

/** @param {string} file @returns {{ width?: number, height?: number }} */
function dimensionsOf(file) {
	try {
		return imageSize(readFileSync(file));
	} catch {
		// A format image-size cannot read: the image then takes its place when it loads.
		return {};
	}
}

/** @param {Node} node @returns {string} */
const textOf = (node) =>
	node.type === 'text' ? node.value : (node.children ?? []).map(textOf).join('');

/** @param {{ coursesDir: string }} options */
export function remarkLessonComponents({ coursesDir }) {
	return () => (/** @type {Node} */ tree, /** @type {any} */ file) => {
		if (!file.filename) return;
		const relative = path.relative(coursesDir, file.filename).split(path.sep).join('/');
		const courseSlug = relative.split('/')[0];
		const courseDir = path.join(coursesDir, courseSlug);
		const pageUrl = urlOfContentFile(relative);
		const language = languageOf(courseDir);
		const dir = path.dirname(file.filename);
		/** @type {Set<string>} */
		const components = new Set();
		/** @type {Map<string, string>} */
		const imports = new Map();
		let headingDepth = 1;
		let videos = 0;

		/** @param {string} target @param {string} query */
		const importOf = (target, query) => {
			const specifier = (target.startsWith('.') ? target : `./${target}`) + query;
			let name = imports.get(specifier);
			if (!name) imports.set(specifier, (name = `__component_asset${imports.size}`));
			return name;
		};

		/**
		 * @param {string} name @param {Record<string, string>} attributes
		 * @param {string} termText the text a <Term> wraps
		 */
		const propsOf = (name, attributes, termText) => {
			/** @type {Record<string, unknown>} */
			const props = Object.fromEntries(
				Object.entries(attributes).map(([key, value]) => [
					key,
					VERBATIM.has(key) ? value : typeset(value)
				])
			);
			props.lang = language;
			/** @type {Record<string, string>} expressions */
			const code = {};
			for (const attribute of LESSON_COMPONENTS[name].files) {
				const value = attributes[attribute];
				if (!value || !isRelative(value)) continue;
				delete props[attribute];
				const type = extensionOf(value);
				const query = IMAGE_TYPES.includes(type)
					? ''
					: attribute === 'transcript'
						? '?raw'
						: '?url';
				code[attribute] = importOf(value, query);
				if (attribute === 'file') {
					props.size = statSync(path.resolve(dir, decodeURI(value))).size;
					props.name = path.basename(value);
				}
				if (attribute === 'transcript') props.transcriptType = type;
				if (attribute === 'src' || attribute === 'poster') {
					// Its size reserves the image's place, so the text does not jump when it arrives.
					const { width, height } = dimensionsOf(path.resolve(dir, decodeURI(value)));
					if (width && height) Object.assign(props, { width, height });
				}
			}
			if (WITH_HEADING.has(name)) props.level = Math.min(headingDepth + 1, 6);
			if (name === 'Term') {
				const id = attributes.id ?? termId(termText);
				props.href = `/${courseSlug}/glossary#${id}`;
				props.definition = glossaryOf(courseDir).get(id) ?? '';
				delete props.id;
			}
			if (name === 'Video' && pageUrl) props.page = `${pageUrl}/video/${++videos}`;
			const written = Object.entries(props).map(
				([key, value]) => `${key}={${JSON.stringify(value)}}`
			);
			return [...written, ...Object.entries(code).map(([key, value]) => `${key}={${value}}`)];
		};

		/** @param {Node} node @param {Node[]} siblings @param {number} index */
		const rewrite = (node, siblings, index) => {
			const { tags } = tokenizeTags(node.value);
			let value = node.value;
			for (const tag of [...tags].reverse()) {
				if (tag.kind !== 'open' || !LESSON_COMPONENTS[tag.name]) continue;
				components.add(tag.name);
				let termText = '';
				if (tag.name === 'Term') {
					for (const sibling of siblings.slice(index + 1)) {
						if (sibling.type === 'html' && /^<\/Term\s*>/.test(sibling.value)) break;
						termText += textOf(sibling);
					}
				}
				const props = propsOf(tag.name, tag.attributes, termText).join(' ');
				const replacement = `<${tag.name} ${props}${tag.selfClosing ? ' /' : ''}>`;
				value =
					value.slice(0, tag.offset) + replacement + value.slice(tag.offset + tag.source.length);
			}
			node.value = value;
		};

		/** @param {Node} node */
		const visit = (node) => {
			if (node.type === 'heading') headingDepth = node.depth;
			const children = node.children ?? [];
			children.forEach((child, index) => {
				if (child.type === 'html') rewrite(child, children, index);
				else visit(child);
			});
		};
		visit(tree);
		if (components.size === 0) return;

		const lines = [
			...[...components].map(
				(name) => `import ${name} from '$lib/components/lesson/${name}.svelte';`
			),
			...[...imports].map(
				([specifier, name]) => `import ${name} from ${JSON.stringify(specifier)};`
			)
		];
		// One instance script per component: join the one that image imports may have added.
		const script = tree.children?.find(
			(child) => child.type === 'html' && child.value.startsWith('<script>\n')
		);
		if (script)
			script.value = script.value.replace('<script>\n', `<script>\n${lines.join('\n')}\n`);
		else tree.children?.push({ type: 'html', value: `<script>\n${lines.join('\n')}\n</script>` });
	};
}
