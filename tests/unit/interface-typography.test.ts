// The interface's French follows the course's typography (src/lib/content/typography.js): a
// no-break space before « : ; ! ? % » and inside « », so that no sign is left alone at the start
// of a line. Every string of the French dictionaries is checked, those made by functions too,
// with sample values.
import { describe, expect, test } from 'vitest';
import { forumFr } from '../../src/lib/i18n/forum/fr.ts';
import { fr } from '../../src/lib/i18n/fr.ts';
import { componentLabelsFr, lessonPagesFr } from '../../src/lib/i18n/lesson-components/fr.ts';
import { notificationsFr } from '../../src/lib/i18n/notifications/fr.ts';

/** Every string a dictionary gives, with where it is: `quiz.passed(…)`. */
function strings(value: unknown, at: string, found: [string, string][] = []): [string, string][] {
	if (typeof value === 'string') found.push([at, value]);
	else if (typeof value === 'function') {
		// Sample values: a name, a number; a function that needs more is tried with what it gets.
		for (const args of [['Titre', 'Nom', 'Statut'], [2, 3, 4], [1]]) {
			try {
				strings(value(...args), `${at}(${args.join(', ')})`, found);
			} catch {
				// It wants an object of its own: its strings are checked where they are written.
			}
		}
	} else if (value && typeof value === 'object') {
		for (const [key, each] of Object.entries(value)) strings(each, `${at}.${key}`, found);
	}
	return found;
}

const ALL = strings({ fr, forumFr, notificationsFr, componentLabelsFr, lessonPagesFr }, 'fr');

describe('French interface typography', () => {
	test('the dictionaries give hundreds of strings to check', () => {
		expect(ALL.length).toBeGreaterThan(400);
	});

	test('no ordinary space before : ; ! ? % » nor after «', () => {
		const wrong = ALL.filter(([, text]) => / [:;!?%»]|« /.test(text)).map(
			([at, text]) => `${at}: ${text}`
		);
		expect(wrong).toEqual([]);
	});

	test('a duration keeps its number and unit together', () => {
		expect(fr.duration(45)).toBe('45\u00a0min');
		expect(fr.duration(90)).toBe('1\u00a0h\u00a030');
	});
});
