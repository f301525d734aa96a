import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';
import {
	changed,
	isCurrent,
	recordShown,
	rememberedReads,
	scopes,
	shown
} from '../../src/lib/server/page-versions.ts';

const lessonA = scopes.lessonDiscussion('cours/sequence/a');
const lessonB = scopes.lessonDiscussion('cours/sequence/b');

let connection: TestDatabase;
beforeAll(async () => {
	connection = await testDatabase();
});
afterAll(() => connection.close());

describe('what a cached page shows, and when it changed', () => {
	test('a page stays current through changes to what it does not show', async () => {
		const [, page] = await recordShown(async () => shown(lessonA, scopes.authors));
		expect(page.scopes).toEqual([lessonA, scopes.authors]);
		await changed(connection.db, lessonB, scopes.courseDiscussions('cours'));
		expect(isCurrent(page)).toBe(true);
		await changed(connection.db, lessonA);
		expect(isCurrent(page)).toBe(false);
	});

	test('a change made while the page is being built leaves it outdated', async () => {
		const [, page] = await recordShown(async () => {
			shown(lessonA);
			await Promise.resolve();
			await changed(connection.db, lessonA);
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

	test('a part read the same for every reader is read again only once what it shows changed', async () => {
		const { db } = connection;
		const remembered = rememberedReads<number>();
		let reads = 0;
		const read = () =>
			remembered(db, 'a', async () => {
				shown(lessonA);
				return ++reads;
			});
		expect(await read()).toBe(1);
		expect(await read()).toBe(1);
		await changed(connection.db, lessonB);
		expect(await read()).toBe(1);
		// A page built from the kept part shows its scope as well.
		const [, page] = await recordShown(read);
		expect(page.scopes).toEqual([lessonA]);
		await changed(connection.db, lessonA);
		expect(await read()).toBe(2);
	});
});
