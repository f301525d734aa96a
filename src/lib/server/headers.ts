// The headers every answer carries, whoever writes it: a page rendered by the app (hooks.server.ts),
// or a file, a missing asset or a refused cross-site form, which the Node server or SvelteKit itself
// answer before any hook runs (`fillHeaders`, used by server.ts and by `vite dev`/`vite preview`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()'
};

/**
 * Pages replace it with their own (kit.csp). Anything else runs nothing: an SVG image may style
 * itself, and no answer may be framed.
 */
export const STRICT_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/**
 * What may be sent with a 304. The browser merges these into the page it kept, so nothing that
 * changes how that page runs (a policy, a type) may be among them: only what revalidates it.
 */
export const NOT_MODIFIED_HEADERS = [
	'cache-control',
	'content-location',
	'date',
	'etag',
	'expires',
	'vary',
	'x-request-id'
];

/** Files and errors that say nothing of caching are revalidated on each use, never kept blindly. */
const DEFAULT_CACHE_CONTROL = 'no-cache';

type HeaderTarget = Pick<ServerResponse, 'statusCode' | 'hasHeader' | 'setHeader'>;

/** Adds whatever security or caching header the answer lacks; a 304 gets none. */
export function completeHeaders(res: HeaderTarget) {
	if (res.statusCode === 304) return;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!res.hasHeader(name)) res.setHeader(name, value);
	}
	if (!res.hasHeader('content-security-policy')) {
		res.setHeader('content-security-policy', STRICT_POLICY);
	}
	if (!res.hasHeader('cache-control')) res.setHeader('cache-control', DEFAULT_CACHE_CONTROL);
}

/** Node middleware: completes the headers of whatever answers this request, when it is sent. */
export function fillHeaders(_req: IncomingMessage, res: ServerResponse, next?: () => void) {
	onHeaders(res, function (this: ServerResponse) {
		completeHeaders(this);
	});
	next?.();
}
