// Every anonymous reader of a lesson gets the same page: it is rendered once, then answered from
// memory until something it shows is written to the database (a thread or a reply under that
// lesson, a moderation decision on one: see page-versions.ts), another process writes to the
// database, the process restarts with a new build, or it is pushed out by pages read more lately.
// What signed-in learners write for themselves (sessions, progress, attempts) renews no page.
// Signed-in readers (any cookie) and client-side navigation (`__data.json`) always get a fresh one.
// A page is also kept compressed (brotli at its best, gzip), made once in the background and then
// sent as it is; until then the server compresses it on the fly, faster but less tightly.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Handle } from '@sveltejs/kit';
import Negotiator from 'negotiator';
import { dev } from '$app/environment';
import { otherWrites } from './db/index.ts';
import { isCurrent, recordShown, type Dependencies } from './page-versions.ts';

/**
 * Pages that show the same thing to every anonymous reader (in one language), whatever the time:
 * they read only the content, compiled into the build, and the database. Search results are left
 * out: each query would be a page of its own, pushing lessons out, and every search must be counted
 * against its address's limit.
 */
const CACHED_ROUTES = new Set([
	'/',
	'/[course]',
	'/[course]/[sequence]',
	'/[course]/[sequence]/[lesson]',
	'/[course]/discussions'
]);

/** A page weighs 10 to 60 KB: a few hundred of them. */
const MAX_BYTES = 8 * 1024 * 1024;

type Encoding = 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const compressors: Record<Encoding, (body: Uint8Array) => Promise<Uint8Array>> = {
	br: (body) =>
		brotli(body, {
			params: {
				[zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
				[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
				[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
			}
		}),
	gzip: (body) => gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION })
};

interface CachedPage {
	/** The database's count of other processes' writes when the page was built. */
	otherWrites: number;
	dependencies: Dependencies;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	/** The page compressed, once ready. */
	encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
	compressing: Set<Encoding>;
	/** Its bytes in memory, all encodings together. */
	size: number;
}

/** In order of last use, oldest first. */
const pages = new Map<string, CachedPage>();
let bytes = 0;

function remember(key: string, page: CachedPage) {
	forget(key);
	pages.set(key, page);
	grow(page, page.body.byteLength);
}

function grow(page: CachedPage, by: number) {
	page.size += by;
	bytes += by;
	for (const [oldest] of pages) {
		if (bytes <= MAX_BYTES) break;
		forget(oldest);
	}
}

function forget(key: string) {
	const page = pages.get(key);
	if (!page) return;
	pages.delete(key);
	bytes -= page.size;
}

/**
 * Brotli when the browser takes it (all current ones do, at the same weight as gzip), else gzip,
 * else the page as it is.
 */
function encodingFor(request: Request): Encoding | 'identity' {
	const acceptEncoding = request.headers.get('accept-encoding') ?? undefined;
	const accepted = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encodings([
		'br',
		'gzip',
		'identity'
	]);
	if (accepted.includes('br')) return 'br';
	return accepted.includes('gzip') ? 'gzip' : 'identity';
}

function compress(key: string, page: CachedPage, encoding: Encoding) {
	if (page.compressing.has(encoding)) return;
	page.compressing.add(encoding);
	compressors[encoding](page.body).then(
		(bytes) => {
			// Nothing is kept for a page pushed out or replaced meanwhile.
			if (pages.get(key) !== page) return;
			page.encoded[encoding] = new Uint8Array(bytes);
			grow(page, bytes.byteLength);
		},
		// The page is still served as it is; a later request tries again.
		() => page.compressing.delete(encoding)
	);
}

function answer(key: string, page: CachedPage, request: Request) {
	const headers = new Headers(page.headers);
	headers.append('vary', 'Accept-Encoding');
	const encoding = encodingFor(request);
	if (encoding === 'identity') return new Response(page.body, { headers });
	const encoded = page.encoded[encoding];
	if (!encoded) {
		compress(key, page, encoding);
		return new Response(page.body, { headers });
	}
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(encoded.byteLength));
	return new Response(encoded, { headers });
}

export const handle: Handle = async ({ event, resolve }) => {
	const cacheable =
		!dev &&
		event.request.method === 'GET' &&
		!event.isDataRequest &&
		CACHED_ROUTES.has(event.route.id ?? '') &&
		!event.request.headers.has('cookie');
	if (!cacheable) return resolve(event);

	const key = `${event.locals.lang} ${event.url.pathname}${event.url.search}`;
	// Taken before rendering: a write during the render leaves the stored page already outdated.
	const writes = otherWrites();
	const cached = pages.get(key);
	if (cached && cached.otherWrites === writes && isCurrent(cached.dependencies)) {
		pages.delete(key);
		pages.set(key, cached);
		return answer(key, cached, event.request);
	}

	const [response, dependencies] = await recordShown(() => resolve(event));
	if (response.status !== 200 || response.headers.has('set-cookie')) return response;
	const page: CachedPage = {
		otherWrites: writes,
		dependencies,
		headers: [...response.headers],
		body: new Uint8Array(await response.arrayBuffer()),
		encoded: {},
		compressing: new Set(),
		size: 0
	};
	remember(key, page);
	return answer(key, page, event.request);
};
