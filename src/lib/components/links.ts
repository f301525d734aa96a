// Links written by components shared between pages, in the visit's language: the page's data says
// which language the visit uses, which one it carries to pages outside any course, and the language
// of the course the page belongs to (+layout.server.ts).
import { page } from '$app/state';
import { courseLink, outsideLink } from '$lib/i18n';

/** A link to a page of the course this page belongs to (outside any course: as `outside`). */
export function inCourse(href: string): string {
	const { lang, courseLanguage } = page.data;
	return courseLanguage ? courseLink(href, lang, courseLanguage) : outside(href);
}

/** A link to a page outside any course: sign-in, registration, account. */
export function outside(href: string): string {
	return outsideLink(href, page.data.carried ?? null);
}

/** This page's address, to come back to after signing in: with the language it is read in. */
export const here = (hash = '') => page.url.pathname + page.url.search + hash;
