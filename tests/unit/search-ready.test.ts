// The lessons are indexed once the server answers, not before: what a search made meanwhile gets,
// and what a stop in the middle leaves.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { contentVersion, findCourse, listCourses } from '../../src/lib/server/content.ts';
import { renderedBody } from '../../src/lib/content/rendered-bodies.ts';
import { loadSearchPage } from '../../src/lib/server/search/page.ts';
import { searchReady, startSearchPreparation } from '../../src/lib/server/search/ready.ts';
import { lessonsAreCurrent } from '../../src/lib/server/search/state.ts';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';

const lessons = listCourses().flatMap(({ slug }) =>
	findCourse(slug)!.sequences.flatMap((sequence) => sequence.lessons)
);
/** The lesson about migrating data, emails among them. */
const migrating = lessons.find((lesson) => /^Migrer/.test(lesson.title))!;

let connection: TestDatabase;
beforeEach(async () => {
	connection = await testDatabase();
});
afterEach(() => connection.close());
const db = () => connection.db;

const lessonPassages = async () =>
	(await db().selectFrom('search_passages').select('id').where('kind', '=', 'lesson').execute())
		.length;

// First: the lessons rendered by the other test stay in memory for the rest of the file.
test('a stop while the lessons are read writes nothing; the next start indexes them all', async () => {
	const first = startSearchPreparation(db());
	// Stopped once the first lesson has been read, with every other one still to go.
	await vi.waitUntil(() => renderedBody(lessons[0].file) !== renderedBody('none'), {
		timeout: 30_000,
		interval: 1
	});
	await first.stop();
	expect(await lessonsAreCurrent(db(), contentVersion)).toBe(false);
	expect(await lessonPassages()).toBe(0);

	const second = startSearchPreparation(db());
	await searchReady();
	expect(await lessonsAreCurrent(db(), contentVersion)).toBe(true);
	expect(await lessonPassages()).toBeGreaterThanOrEqual(lessons.length);
	await second.stop();
});

test('a search made as the server starts waits for the lessons, and finds them', async () => {
	expect(await lessonsAreCurrent(db(), contentVersion)).toBe(false);
	const preparation = startSearchPreparation(db());
	const page = await loadSearchPage(db(), '192.0.2.1', new URLSearchParams({ q: 'courriel' }));
	if (!page.ok) throw new Error(`search refused: ${page.problem}`);
	expect(page.results?.lessons.map((hit) => hit.lessonKey)).toContain(migrating.key);
	expect(await lessonsAreCurrent(db(), contentVersion)).toBe(true);
	await preparation.stop();
});
