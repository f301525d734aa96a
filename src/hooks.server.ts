import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { negotiateLanguage } from '$lib/i18n';
import { findCourse } from '$lib/server/content';

/** Pages of a course speak its language; every other page follows the browser, French first. */
const language: Handle = async ({ event, resolve }) => {
	const courseSlug = event.url.pathname.split('/')[1];
	event.locals.lang =
		findCourse(courseSlug)?.language ??
		negotiateLanguage(event.request.headers.get('accept-language'));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	// Pages get their policy from kit.csp; anything else (endpoints, redirects) gets the strictest one.
	if (!headers.has('content-security-policy')) {
		headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	}
	return response;
};

export const handle = sequence(securityHeaders, language);
