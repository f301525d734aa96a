// What a first visit to a lesson downloads: the page, the stylesheets and scripts it names (in its
// HTML and in its `Link` header), the modules those import, and, if the build has one, a chunk of
// the lesson's own text that some module imports by its file name. Each file is gzipped at level
// 9, as a proxy or the precompressed `.gz` files would serve it.
import { gzipSync } from 'node:zlib';

export interface Weight {
	/** Gzipped bytes per kind of file. */
	html: number;
	css: number;
	js: number;
	/** How many files of each kind. */
	files: { css: number; js: number };
}

const gzipped = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).byteLength;

/** Static imports of a built module, e.g. `import{a as b}from"./CfuohN4a.js"` or `import"./x.js"`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

export async function lessonWeight(baseURL: string, pathname: string, lessonFile: string) {
	const pageURL = new URL(pathname, baseURL);
	const response = await fetch(pageURL);
	if (!response.ok) throw new Error(`GET ${pathname}: ${response.status}`);
	const page = await response.text();

	const css = new Set<string>();
	const js = new Set<string>();
	const add = (href: string, kind: 'css' | 'js') =>
		(kind === 'css' ? css : js).add(new URL(href, pageURL).href);

	for (const [tag] of page.matchAll(/<link\b[^>]*>/g)) {
		const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
		if (!href) continue;
		if (/\brel="stylesheet"/.test(tag)) add(href, 'css');
		if (/\brel="modulepreload"/.test(tag)) add(href, 'js');
	}
	for (const [, src] of page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(src, 'js');
	for (const [, src] of page.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) add(src, 'js');
	for (const link of (response.headers.get('link') ?? '').split(/,\s*(?=<)/)) {
		const href = /^<([^>]+)>/.exec(link)?.[1];
		if (!href) continue;
		if (/rel="?modulepreload/.test(link)) add(href, 'js');
		if (/rel="?preload"?/.test(link) && /as="?style/.test(link)) add(href, 'css');
	}

	const sizes = new Map<string, number>();
	const fetchOnce = async (url: string) => {
		const file = await fetch(url);
		if (!file.ok) throw new Error(`GET ${url}: ${file.status}`);
		const bytes = new Uint8Array(await file.arrayBuffer());
		sizes.set(url, gzipped(bytes));
		return new TextDecoder().decode(bytes);
	};
	for (const url of css) await fetchOnce(url);

	// Modules and what they import, breadth first; a chunk of the lesson's text would be named in a
	// map of lesson bodies (`"/courses/…/01-x.md":()=>…import("./Ab12.js")`) that one of them holds.
	const queue = [...js];
	const bodyKey = JSON.stringify(`/${lessonFile}`);
	while (queue.length > 0) {
		const url = queue.shift()!;
		if (sizes.has(url)) continue;
		const source = await fetchOnce(url);
		js.add(url);
		const imports = [...source.matchAll(STATIC_IMPORT)].map(([, href]) => href);
		const at = source.indexOf(bodyKey);
		if (at !== -1) {
			const body = /import\(\s*[`"']([^`"']+)[`"']\s*\)/.exec(source.slice(at, at + 300));
			if (body) imports.push(body[1]);
		}
		for (const href of imports) queue.push(new URL(href, url).href);
	}
	const sum = (urls: Set<string>) => [...urls].reduce((total, url) => total + sizes.get(url)!, 0);
	const weight: Weight = {
		html: gzipped(new TextEncoder().encode(page)),
		css: sum(css),
		js: sum(js),
		files: { css: css.size, js: js.size }
	};
	/** `page`: the HTML as served, uncompressed, which the ceiling serves too. */
	return { weight, page };
}
