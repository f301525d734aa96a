// How browsers and proxies may keep what the app answers. Anonymous pages are the same for every
// reader: they may be stored anywhere but are confirmed with the server on each use, cheaply, by
// their ETag (`no-cache`). The server compares that ETag with the page this very request would
// get, so neither a session cookie nor a language can make a cache hand out someone else's page.
// Pages of a signed-in reader, and answers that set a cookie, are never stored (`private, no-store`).
//
// Back and Forward skip that confirmation: browsers show what they kept, as it was. An anonymous
// page therefore says it varies with the cookie (`Vary: Cookie`): once the reader signs in, their
// browser no longer takes the page it kept without a session for theirs, and asks again.
import type { Handle } from '@sveltejs/kit';
import fresh from 'fresh';
import { NOT_MODIFIED_HEADERS } from './headers.ts';

export const ANONYMOUS = 'no-cache';
export const PERSONAL = 'private, no-store';

/** What an anonymous page varies with: the encoding it is sent in, and whether there is a session. */
export const ANONYMOUS_VARY = 'Accept-Encoding, Cookie';

export function setCachePolicy(headers: Headers, signedIn: boolean) {
	if (signedIn || headers.has('set-cookie')) {
		headers.set('cache-control', PERSONAL);
		return;
	}
	if (!headers.has('cache-control')) headers.set('cache-control', ANONYMOUS);
	if (!/\bcookie\b/i.test(headers.get('vary') ?? '')) headers.append('vary', 'Cookie');
}

/**
 * Answers a conditional request for an unchanged page with a bare 304. SvelteKit would do the same
 * after the hooks, but doing it here lets the request log record the 304 really sent, and keeps
 * every header of the 304 to the few that only revalidate the kept page.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const method = event.request.method;
	const etag = response.headers.get('etag');
	if ((method !== 'GET' && method !== 'HEAD') || response.status !== 200 || !etag) return response;
	const request = event.request.headers;
	const unchanged = fresh(
		{
			'if-none-match': request.get('if-none-match') ?? undefined,
			'if-modified-since': request.get('if-modified-since') ?? undefined,
			'cache-control': request.get('cache-control') ?? undefined
		},
		{ etag, 'last-modified': response.headers.get('last-modified') ?? undefined }
	);
	if (!unchanged) return response;
	await response.body?.cancel();
	const headers = new Headers();
	for (const name of NOT_MODIFIED_HEADERS) {
		const value = response.headers.get(name);
		if (value) headers.set(name, value);
	}
	for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
	return new Response(null, { status: 304, headers });
};
