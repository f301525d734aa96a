import { describe, expect, test } from 'vitest';
import {
	carriedLanguage,
	chosenLanguage,
	courseLink,
	keepLanguageInLinks,
	negotiateLanguage,
	outsideLink,
	pageLanguage
} from '../../src/lib/i18n/index.ts';

describe('the language of a page', () => {
	test('the reader’s choice comes first, then the course’s language, then the browser’s', () => {
		expect(pageLanguage('fr', 'en-US,en', 'en')).toBe('en');
		expect(pageLanguage('fr', 'en-US,en', null)).toBe('fr');
		expect(pageLanguage(undefined, 'en-US,en', null)).toBe('en');
		expect(pageLanguage(undefined, 'en-US,en', 'fr')).toBe('fr');
	});

	test('the browser’s preference is read with its weights, French otherwise', () => {
		expect(negotiateLanguage('en-GB')).toBe('en');
		expect(negotiateLanguage('de-DE,de')).toBe('fr');
		expect(negotiateLanguage('en;q=0.5,fr;q=0.8')).toBe('fr');
		expect(negotiateLanguage('de,en;q=0.3')).toBe('en');
		expect(negotiateLanguage(null)).toBe('fr');
	});

	test('only a language the interface speaks counts as a choice', () => {
		expect(chosenLanguage('en')).toBe('en');
		expect(chosenLanguage('fr')).toBe('fr');
		expect(chosenLanguage('de')).toBeNull();
		expect(chosenLanguage('__proto__')).toBeNull();
		expect(chosenLanguage('')).toBeNull();
		expect(chosenLanguage(null)).toBeNull();
	});
});

describe('links keep the language of the visit', () => {
	test('a page that follows the browser carries nothing; a choice or a course’s language is carried', () => {
		expect(carriedLanguage(null, undefined)).toBeNull();
		expect(carriedLanguage(null, 'fr')).toBe('fr');
		expect(carriedLanguage('en', 'fr')).toBe('en');
		expect(outsideLink('/login?redirectTo=%2Fcours', 'fr')).toBe(
			'/login?redirectTo=%2Fcours&lang=fr'
		);
		expect(outsideLink('/', null)).toBe('/');
	});

	test('a link into a course says the language only when it is not the course’s own', () => {
		expect(courseLink('/cours/sequence', 'fr', 'fr')).toBe('/cours/sequence');
		expect(courseLink('/cours/sequence#quiz', 'en', 'fr')).toBe('/cours/sequence?lang=en#quiz');
	});

	test('links in a course’s text keep a language other than the course’s', () => {
		const html =
			'<a href="/cours/suite#plan">suite</a> <a href="/_app/immutable/assets/schema.svg">schéma</a> <a href="https://exemple.org/">site</a> <a href="#plan">plan</a>';
		expect(keepLanguageInLinks(html, 'fr', 'fr')).toBe(html);
		expect(keepLanguageInLinks(html, 'en', 'fr')).toBe(
			'<a href="/cours/suite?lang=en#plan">suite</a> <a href="/_app/immutable/assets/schema.svg">schéma</a> <a href="https://exemple.org/">site</a> <a href="#plan">plan</a>'
		);
	});
});
