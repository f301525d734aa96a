// Anonymous readers get lesson, course and discussion pages from memory (src/lib/server/page-cache.ts)
// until anything is written to the database. What they read must still be current: a thread
// posted through the site, or a change made by another process, shows on their next request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import {
	createLearners,
	databaseFileIn,
	postForm,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from './server.ts';

const PASSWORD = 'un mot de passe assez long';
const { index } = loadContent(path.join(ROOT, 'courses'));
const [course] = index.courses;
const [lesson] = course.sequences[0].lessons;

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-cache-'));
	await createLearners(databaseFileIn(dir), ['ada'], PASSWORD);
	server = await startServer({ dataDir: dir });
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function read(pathname: string, cookie?: string) {
	const response = await fetch(server.baseURL + pathname, {
		headers: cookie ? { cookie } : {}
	});
	return { response, html: await response.text() };
}

describe('pages served from memory to anonymous readers', () => {
	test('answer the same page to every anonymous reader, each request with its own id', async () => {
		const first = await read(lesson.url);
		const second = await read(lesson.url);
		expect(first.response.status).toBe(200);
		expect(second.html).toBe(first.html);
		expect(second.html).toContain(lesson.title);
		expect(second.response.headers.get('x-request-id')).not.toBe(
			first.response.headers.get('x-request-id')
		);
		expect(second.response.headers.get('set-cookie')).toBeNull();
		expect(second.response.headers.get('content-security-policy')).toMatch(
			/script-src[^;]*sha256-/
		);
	});

	test('show a thread to anonymous readers as soon as a learner has posted it', async () => {
		expect((await read(lesson.url)).html).not.toContain('Où trouver la grille');
		const cookie = await signIn(server.baseURL, 'ada', PASSWORD);
		const posted = await postForm(
			server.baseURL,
			`${course.url}/discussions/new`,
			new URLSearchParams({
				lessonKey: lesson.key,
				kind: 'question',
				title: 'Où trouver la grille de diagnostic ?',
				body: 'Bonjour, la grille citée dans la leçon est-elle disponible quelque part ?'
			}),
			cookie
		);
		expect(posted.type).toBe('redirect');

		expect((await read(lesson.url)).html).toContain('Où trouver la grille de diagnostic');
		expect((await read(`${course.url}/discussions`)).html).toContain(
			'Où trouver la grille de diagnostic'
		);
	});

	test('show a change made by another process (an admin command, a restore) at once', async () => {
		await read(`${course.url}/discussions`);
		const { db, close } = await openDatabase(databaseFileIn(dir));
		try {
			await db
				.updateTable('forum_threads')
				.set({ title: 'Grille de diagnostic : trouvée' })
				.where('lesson_key', '=', lesson.key)
				.execute();
		} finally {
			await close();
		}
		const { html } = await read(`${course.url}/discussions`);
		expect(html).toContain('Grille de diagnostic : trouvée');
		expect(html).not.toContain('Où trouver la grille de diagnostic');
	});

	test('never answer a signed-in reader with the anonymous page', async () => {
		await read(lesson.url);
		const cookie = await signIn(server.baseURL, 'ada', PASSWORD);
		const { response, html } = await read(lesson.url, cookie);
		expect(html).toContain('(ada)');
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect((await read(lesson.url)).html).not.toContain('(ada)');
	});
});
