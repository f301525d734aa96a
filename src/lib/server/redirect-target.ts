// Where to send someone after they sign in or register: a path of this site, or home.

/** Anything a browser could read as a way off the path: controls, spaces of any script, `\`. */
const SUSPICIOUS = /[\p{Cc}\p{Cf}\p{Z}\\]/u;
/** What a `Location` header can carry as it is: visible ASCII. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const PLACEHOLDER_ORIGIN = 'https://parcours.invalid';

/**
 * Parses the target against the site's origin and keeps it only when it stays there. A target
 * that is not plainly a path (control characters, U+3000 and other spaces, backslashes,
 * `//host`) goes home: it never reaches a `Location` header that could fail or mislead.
 */
export function safeRedirectTarget(
	value: string | null | undefined,
	origin: string = PLACEHOLDER_ORIGIN
): string {
	if (!value || value.length > 2048 || !value.startsWith('/') || SUSPICIOUS.test(value)) return '/';
	let url: URL;
	try {
		url = new URL(value, origin);
	} catch {
		return '/';
	}
	if (url.origin !== new URL(origin).origin) return '/';
	const target = url.pathname + url.search + url.hash;
	if (!HEADER_SAFE.test(target) || target.startsWith('//')) return '/';
	return target;
}
