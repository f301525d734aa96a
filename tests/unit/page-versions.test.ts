import { describe, expect, test } from 'vitest';
import {
	changed,
	isCurrent,
	recordShown,
	scopes,
	shown
} from '../../src/lib/server/page-versions.ts';

const lessonA = scopes.lessonDiscussion('cours/sequence/a');
const lessonB = scopes.lessonDiscussion('cours/sequence/b');

describe('what a cached page shows, and when it changed', () => {
	test('a page stays current through changes to what it does not show', async () => {
		const [, page] = await recordShown(async () => shown(lessonA, scopes.authors));
		expect(page.scopes).toEqual([lessonA, scopes.authors]);
		changed(lessonB, scopes.courseDiscussions('cours'));
		expect(isCurrent(page)).toBe(true);
		changed(lessonA);
		expect(isCurrent(page)).toBe(false);
	});

	test('a change made while the page is being built leaves it outdated', async () => {
		const [, page] = await recordShown(async () => {
			shown(lessonA);
			await Promise.resolve();
			changed(lessonA);
		});
		expect(isCurrent(page)).toBe(false);
	});

	test('pages built at the same time note only what each of them shows', async () => {
		const build = (scope: string) =>
			recordShown(async () => {
				await new Promise((resolve) => setTimeout(resolve, 5));
				shown(scope);
			});
		const [[, a], [, b]] = await Promise.all([build(lessonA), build(lessonB)]);
		expect(a.scopes).toEqual([lessonA]);
		expect(b.scopes).toEqual([lessonB]);
	});
});
