import { en } from './en';
import { fr, type Messages } from './fr';
import type { Language } from '$lib/content/schema';

export type { Messages };

const catalogues: Record<Language, Messages> = { fr, en };

export function messagesFor(language: Language | undefined): Messages {
	return catalogues[language ?? 'fr'] ?? fr;
}

/** A course's pages speak its language; other pages follow the browser, French first. */
export function pageLanguage(
	courseLanguage: Language | undefined,
	acceptLanguage: string | null
): Language {
	return courseLanguage ?? negotiateLanguage(acceptLanguage);
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
