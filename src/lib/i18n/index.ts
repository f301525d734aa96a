import { en } from './en';
import { fr, type Messages } from './fr';
import type { Language } from '$lib/content/schema';

export type { Messages };

const catalogues: Record<Language, Messages> = { fr, en };

export function messagesFor(language: Language | undefined): Messages {
	return catalogues[language ?? 'fr'] ?? fr;
}

/** French unless the browser prefers English over French. */
export function negotiateLanguage(acceptLanguage: string | null): Language {
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.find((param) => param.trim().startsWith('q='));
			return { language: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
		})
		.filter((entry) => entry.language === 'fr' || entry.language === 'en')
		.sort((a, b) => b.q - a.q);
	return ranked[0]?.language === 'en' ? 'en' : 'fr';
}

/** A message by a key from the URL: only the map's own keys, never `constructor` and its kin. */
export function ownMessage<T>(map: Record<string, T>, key: string | null | undefined): T | null {
	return key && Object.hasOwn(map, key) ? map[key] : null;
}

/** The language a reader asked for with `?lang=`, when it is one the interface speaks. */
export function chosenLanguage(value: string | null): Language | null {
	return value !== null && Object.hasOwn(catalogues, value) ? (value as Language) : null;
}

/**
 * The interface language of a page: the reader's explicit choice first, then the language of the
 * course whose page it is, then what the browser prefers, French first.
 */
export function pageLanguage(
	courseLanguage: Language | undefined,
	acceptLanguage: string | null,
	chosen: Language | null = null
): Language {
	return chosen ?? courseLanguage ?? negotiateLanguage(acceptLanguage);
}

/**
 * The language that links to pages outside any course must carry for the visit to keep one
 * language: none when the page itself follows the browser, which the next page will follow too.
 * It is carried in the address, never in a cookie: an anonymous reader gets none, and the page
 * cache keys on the address.
 */
export function carriedLanguage(chosen: Language | null, courseLanguage: Language | undefined) {
	return chosen ?? courseLanguage ?? null;
}

const withLang = (href: string, lang: Language) => {
	const [path, hash] = href.split('#');
	const joined = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
	return hash === undefined ? joined : `${joined}#${hash}`;
};

/** A link to a page outside any course (catalog, sign-in, account…), in the visit's language. */
export function outsideLink(href: string, carried: Language | null): string {
	return carried ? withLang(href, carried) : href;
}

/** A link to a course's page: it says which language to use only when not the course's own. */
export function courseLink(href: string, lang: Language, courseLanguage: Language): string {
	return lang === courseLanguage ? href : withLang(href, lang);
}

/**
 * A course text's links to other pages, keeping the visit's language when it is not the course's
 * own: the text is rendered once for every reader, so its links are adjusted as a page uses it.
 */
export function keepLanguageInLinks(html: string, lang: Language, courseLanguage: Language) {
	if (lang === courseLanguage) return html;
	return html.replace(/href="(\/(?!\/|_app\/)[^"#]*)((?:#[^"]*)?)"/g, (_, path: string, hash) => {
		return `href="${path}${path.includes('?') ? '&amp;' : '?'}lang=${lang}${hash}"`;
	});
}
