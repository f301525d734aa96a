// Every anonymous reader of a lesson gets the same page: it is rendered once, then answered from
// memory until something it shows is written to the database (a thread or a reply under that
// lesson, a moderation decision on one: see page-versions.ts), another process writes to the
// database, the process restarts with a new build, or it is pushed out by pages read more lately.
// What signed-in learners write for themselves (sessions, progress, attempts) renews no page.
// Signed-in readers (any cookie) and client-side navigation (`__data.json`) always get a fresh one.
// A page is also kept compressed (brotli at its best, gzip), made once in the background and then
// sent as it is; until then the server compresses it on the fly, faster but less tightly.
// Once a page is kept, the Node server answers it before SvelteKit sees the request
// (`answerFromMemory`), with the same headers, log line and conditional answers as the hooks give.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Handle } from '@sveltejs/kit';
import fresh from 'fresh';
import Negotiator from 'negotiator';
import { dev } from '$app/environment';
import { otherWrites } from './db/index.ts';
import { NOT_MODIFIED_HEADERS, SECURITY_HEADERS } from './headers.ts';
import { ANONYMOUS, ANONYMOUS_VARY } from './http-cache.ts';
import { requestLanguage } from './language.ts';
import { requestIdFrom, useLogger } from './log.ts';
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
	/** The route's id, for the log line. */
	route: string;
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
	etag: string | undefined;
	/** Its headers as answerFromMemory sends them, made at its first use there. */
	final?: [string, string][];
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
function encodingFor(acceptEncoding: string | undefined): Encoding | 'identity' {
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
	headers.append('vary', ANONYMOUS_VARY);
	const encoding = encodingFor(request.headers.get('accept-encoding') ?? undefined);
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

const keyOf = (lang: string, url: URL) => `${lang} ${url.pathname}${url.search}`;

/** The page kept under `key` if nothing it shows changed since, now the most recently read. */
function currentPage(key: string, writes: number) {
	const page = pages.get(key);
	if (!page || page.otherWrites !== writes || !isCurrent(page.dependencies)) return undefined;
	pages.delete(key);
	pages.set(key, page);
	return page;
}

/**
 * The anonymous page kept for this language and address if nothing it shows changed since: what a
 * signed-in learner's page is made from (learner-pages.ts).
 */
export function keptPage(
	lang: string,
	pathAndSearch: string
): Pick<CachedPage, 'route' | 'headers' | 'body'> | undefined {
	return currentPage(`${lang} ${pathAndSearch}`, otherWrites());
}

/**
 * Answers a request straight from Node's `http` server when a current page is kept for it, as the
 * hooks would (hooks.server.ts: the request id and log line, the security headers, the cache
 * policy, a 304 to a conditional request), without building SvelteKit's `Request` and `Response`
 * nor routing: the cost of a page from memory is then close to Node's own. Says whether it
 * answered; anything else (a page not kept, or not yet compressed as asked) goes on to SvelteKit,
 * which renders, keeps and compresses it.
 */
export function answerFromMemory(req: IncomingMessage, res: ServerResponse): boolean {
	if (req.method !== 'GET' || req.headers.cookie !== undefined) return false;
	const started = performance.now();
	// Made as adapter-node makes SvelteKit's: `//host/…` stays a path, never another host.
	let url: URL;
	try {
		url = new URL(`http://localhost${req.url}`);
	} catch {
		return false;
	}
	const key = keyOf(requestLanguage(url, req.headers['accept-language'] ?? null), url);
	if (!pages.has(key)) return false;
	const acceptEncoding = req.headers['accept-encoding'];
	// Without Accept-Encoding the page goes as it is; an encoding other than these is left to the
	// server's on-the-fly compression, as a page from the hooks would be.
	const encoding = acceptEncoding === undefined ? 'identity' : encodingFor(acceptEncoding);
	if (encoding === 'identity' && acceptEncoding !== undefined) return false;
	const page = currentPage(key, otherWrites());
	const body = page && (encoding === 'identity' ? page.body : page.encoded[encoding]);
	if (!page || !body) return false;

	const id = requestIdFrom(firstValue(req.headers['x-request-id']));
	const headers = page.final ?? (page.final = finalHeaders(page));
	const status = unchanged(req, page.etag) ? 304 : 200;
	if (status === 304) {
		for (const [name, value] of headers) {
			if (NOT_MODIFIED_HEADERS.includes(name)) res.appendHeader(name, value);
		}
		res.setHeader('x-request-id', id);
		res.writeHead(304).end();
	} else {
		for (const [name, value] of headers) res.appendHeader(name, value);
		if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
		res.setHeader('content-length', body.byteLength);
		res.setHeader('x-request-id', id);
		res.writeHead(200).end(body);
	}
	useLogger().log('info', {
		id,
		method: 'GET',
		route: page.route,
		status,
		ms: Math.round((performance.now() - started) * 10) / 10
	});
	return true;
}

/**
 * A conditional request for the page as kept: as http-cache.ts judges it, or as SvelteKit does
 * after the hooks (the same ETag, even when the request also says `no-cache`, as fetch() does).
 */
function unchanged(req: IncomingMessage, etag: string | undefined) {
	if (!etag) return false;
	const ifNoneMatch = req.headers['if-none-match'];
	return fresh(req.headers, { etag }) || ifNoneMatch?.replace(/^W\//, '') === etag;
}

const firstValue = (value: string | string[] | undefined) =>
	(Array.isArray(value) ? value[0] : value) ?? null;

/** The headers the hooks add to a kept page (securityHeaders, setCachePolicy), once per page. */
function finalHeaders(page: CachedPage): [string, string][] {
	const headers = new Headers(page.headers);
	headers.append('vary', ANONYMOUS_VARY);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	if (!headers.has('cache-control')) headers.set('cache-control', ANONYMOUS);
	return [...headers];
}

export const handle: Handle = async ({ event, resolve }) => {
	const cacheable =
		!dev &&
		event.request.method === 'GET' &&
		!event.isDataRequest &&
		CACHED_ROUTES.has(event.route.id ?? '') &&
		!event.request.headers.has('cookie');
	if (!cacheable) return resolve(event);

	const key = keyOf(event.locals.lang, event.url);
	// Taken before rendering: a write during the render leaves the stored page already outdated.
	const writes = otherWrites();
	const cached = currentPage(key, writes);
	if (cached) return answer(key, cached, event.request);

	const [response, dependencies] = await recordShown(() => resolve(event));
	if (response.status !== 200 || response.headers.has('set-cookie')) return response;
	const page: CachedPage = {
		route: event.route.id!,
		otherWrites: writes,
		dependencies,
		headers: [...response.headers],
		body: new Uint8Array(await response.arrayBuffer()),
		encoded: {},
		compressing: new Set(),
		size: 0,
		etag: response.headers.get('etag') ?? undefined
	};
	remember(key, page);
	return answer(key, page, event.request);
};

// server.ts is compiled apart from the app (svelte.config.js), so it finds this function here once
// the app is loaded, rather than through an import that would give it a cache of its own.
(globalThis as Record<symbol, unknown>)[Symbol.for('parcours.answerFromMemory')] = answerFromMemory;
