// What a first visit to a lesson downloads, found by reading the files: the page, the stylesheets
// and scripts it names (in its HTML and in its `Link` header), plain scripts (`<script src>`) as
// well as modules, the modules those import, and, if the build has one, a chunk of the lesson's
// own text that some module imports by its file name. A page may name no script at all. Each file
// is gzipped at level 9, as a proxy or the precompressed `.gz` files would serve it; and the bodies
// of these files, images included, are also counted as the server sends them to a browser (brotli
// where it can). What a browser really downloads, headers included, is measured in Chromium
// (browser.ts).
import http from 'node:http';
import { gzipSync } from 'node:zlib';

export interface Weight {
	/** Gzipped bytes per kind of file. */
	html: number;
	css: number;
	js: number;
	/** How many files of each kind. */
	files: { css: number; js: number };
	/** The bodies of the page and of the files above, images included, bytes as sent. */
	firstVisit: { bytes: number; files: number };
}

/** The body's length as it crossed the wire, compressed as the server chose for a browser. */
function bytesSent(url: string): Promise<{ bytes: number; stored: boolean }> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
			if (response.statusCode !== 200) reject(new Error(`GET ${url}: ${response.statusCode}`));
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
			response.on('end', () =>
				resolve({ bytes, stored: response.headers['content-length'] !== undefined })
			);
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/** A page read before is sent from its stored compressed copy, made just after the first read. */
async function pageBytesOnceStored(url: string): Promise<number> {
	let sent = await bytesSent(url);
	for (let tries = 0; !sent.stored && tries < 50; tries++) {
		await new Promise((resolve) => setTimeout(resolve, 20));
		sent = await bytesSent(url);
	}
	return sent.bytes;
}

const gzipped = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).byteLength;

/** Static imports of a built module, e.g. `import{a as b}from"./CfuohN4a.js"` or `import"./x.js"`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

/** The value of an attribute of a tag, quoted or not: `src="/a.js"`, `src='/a.js'`, `src=/a.js`. */
function attribute(tag: string, name: string) {
	const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(
		tag
	);
	return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

export async function lessonWeight(baseURL: string, pathname: string, lessonFile: string) {
	const pageURL = new URL(pathname, baseURL);
	const response = await fetch(pageURL);
	if (!response.ok) throw new Error(`GET ${pathname}: ${response.status}`);
	const page = await response.text();

	const css = new Set<string>();
	const js = new Set<string>();
	/** Of the scripts, the modules, whose imports are followed; plain scripts import nothing. */
	const modules = new Set<string>();
	const add = (href: string, kind: 'css' | 'js' | 'module') => {
		const url = new URL(href, pageURL).href;
		if (kind === 'css') css.add(url);
		else js.add(url);
		if (kind === 'module') modules.add(url);
	};

	for (const [tag] of page.matchAll(/<link\b[^>]*>/gi)) {
		const href = attribute(tag, 'href');
		const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
		if (!href) continue;
		if (rel.includes('stylesheet')) add(href, 'css');
		if (rel.includes('modulepreload')) add(href, 'module');
		if (rel.includes('preload') && attribute(tag, 'as')?.toLowerCase() === 'script')
			add(href, 'js');
	}
	for (const [tag] of page.matchAll(/<script\b[^>]*>/gi)) {
		const src = attribute(tag, 'src');
		if (src) add(src, attribute(tag, 'type')?.toLowerCase() === 'module' ? 'module' : 'js');
	}
	const images = new Set<string>();
	for (const [tag] of page.matchAll(/<img\b[^>]*>/gi)) {
		const src = attribute(tag, 'src');
		if (src && !src.startsWith('data:')) images.add(new URL(src, pageURL).href);
	}
	// SvelteKit's inline start-up script: `import("…/entry/start.js")`, `import("…/entry/app.js")`.
	for (const [, src] of page.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) add(src, 'module');
	for (const link of (response.headers.get('link') ?? '').split(/,\s*(?=<)/)) {
		const href = /^<([^>]+)>/.exec(link)?.[1];
		if (!href) continue;
		if (/rel="?modulepreload/.test(link)) add(href, 'module');
		else if (/rel="?preload"?/.test(link) && /as="?style/.test(link)) add(href, 'css');
		else if (/rel="?preload"?/.test(link) && /as="?script/.test(link)) add(href, 'js');
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

	// Scripts, then what modules import, breadth first; a chunk of the lesson's text would be named
	// in a map of lesson bodies (`"/courses/…/01-x.md":()=>…import("./Ab12.js")`) that one holds.
	const queue = [...js];
	const bodyKey = JSON.stringify(`/${lessonFile}`);
	while (queue.length > 0) {
		const url = queue.shift()!;
		if (sizes.has(url)) continue;
		const source = await fetchOnce(url);
		js.add(url);
		if (!modules.has(url)) continue;
		const imports = [...source.matchAll(STATIC_IMPORT)].map(([, href]) => href);
		const at = source.indexOf(bodyKey);
		if (at !== -1) {
			const body = /import\(\s*[`"']([^`"']+)[`"']\s*\)/.exec(source.slice(at, at + 300));
			if (body) imports.push(body[1]);
		}
		for (const href of imports) {
			const imported = new URL(href, url).href;
			modules.add(imported);
			queue.push(imported);
		}
	}
	const sum = (urls: Set<string>) => [...urls].reduce((total, url) => total + sizes.get(url)!, 0);
	const files = [...css, ...js, ...images];
	let sent = await pageBytesOnceStored(pageURL.href);
	for (const url of files) sent += (await bytesSent(url)).bytes;
	const weight: Weight = {
		html: gzipped(new TextEncoder().encode(page)),
		css: sum(css),
		js: sum(js),
		files: { css: css.size, js: js.size },
		firstVisit: { bytes: sent, files: files.length + 1 }
	};
	/** `page`: the HTML as served, uncompressed, which the ceiling serves too. */
	return { weight, page };
}
