// Every anonymous reader of a lesson gets the same page: it is rendered once, then answered from
// memory until anything is written to the database (a thread, a reply, a moderation decision, a
// sign-in…), the process restarts with a new build, or it is pushed out by pages read more lately.
// Signed-in readers (any cookie) and client-side navigation (`__data.json`) always get a fresh one.
import type { Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { databaseVersion } from './db/index.ts';

/**
 * Pages that show the same thing to every anonymous reader (in one language), whatever the time:
 * they read only the content, compiled into the build, and the database.
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

interface CachedPage {
	version: string;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
}

/** In order of last use, oldest first. */
const pages = new Map<string, CachedPage>();
let bytes = 0;

function remember(key: string, page: CachedPage) {
	forget(key);
	pages.set(key, page);
	bytes += page.body.byteLength;
	for (const [oldest] of pages) {
		if (bytes <= MAX_BYTES) break;
		forget(oldest);
	}
}

function forget(key: string) {
	const page = pages.get(key);
	if (!page) return;
	pages.delete(key);
	bytes -= page.body.byteLength;
}

const answer = (page: CachedPage) => new Response(page.body, { headers: page.headers });

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
	const version = databaseVersion();
	const cached = pages.get(key);
	if (cached?.version === version) {
		pages.delete(key);
		pages.set(key, cached);
		return answer(cached);
	}

	const response = await resolve(event);
	if (response.status !== 200 || response.headers.has('set-cookie')) return response;
	const page = {
		version,
		headers: [...response.headers],
		body: new Uint8Array(await response.arrayBuffer())
	};
	remember(key, page);
	return answer(page);
};
