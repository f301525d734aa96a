import { describe, expect, test } from 'vitest';
import { safeRedirectTarget } from '../../src/lib/server/redirect-target.ts';

const ORIGIN = 'https://cours.example.org';

describe('where sign-in and registration send people back to', () => {
	test('a path of the site is kept, with its query and fragment', () => {
		expect(safeRedirectTarget('/demo/premiers-pas/bienvenue?x=1#suite', ORIGIN)).toBe(
			'/demo/premiers-pas/bienvenue?x=1#suite'
		);
		expect(safeRedirectTarget('/cours/%C3%A9t%C3%A9', ORIGIN)).toBe('/cours/%C3%A9t%C3%A9');
		expect(safeRedirectTarget('/cours/été', ORIGIN)).toBe('/cours/%C3%A9t%C3%A9');
	});

	test('anything that could leave the site, or break the Location header, goes home', () => {
		for (const target of [
			'/\t/evil.example/',
			'/\n/evil.example/',
			'/\r\nSet-Cookie: x=1',
			'/%0A',
			'\u3000/evil.example',
			'/\u3000/evil.example',
			'/\u2028/evil.example',
			'/\u200b/evil.example',
			'//evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'evil.example',
			' /x',
			'',
			null,
			undefined,
			`/${'a'.repeat(5000)}`
		]) {
			const result = safeRedirectTarget(target, ORIGIN);
			expect(result === '/' || result === '/%0A', JSON.stringify(target)).toBe(true);
			expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
			expect(result).toMatch(/^[\x21-\x7e]+$/);
		}
	});
});
