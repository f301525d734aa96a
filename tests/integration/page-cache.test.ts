// Anonymous readers get lesson, course and discussion pages from memory (src/lib/server/page-cache.ts)
// until something they show is written to the database. What they read must still be current: a
// thread posted, retitled or hidden through the site, or a change made by another process, shows
// on their next request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { retitleThread } from '../../src/lib/server/forum/thread-store.ts';
import { setRole } from '../../src/lib/server/user.ts';
import {
	createLearners,
	openSite,
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
	const ids = await createLearners(dir, ['ada', 'margot'], PASSWORD);
	const { db, close } = await openSite(dir);
	await setRole(db, ids.margot, 'moderator');
	await close();
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
		// No nonce, which would be replayed to every reader: a lesson runs no inline script at all,
		// and the pages that do (the course page) name theirs by its hash.
		const lessonPolicy = second.response.headers.get('content-security-policy');
		expect(lessonPolicy).toMatch(/script-src 'self'(;|$)/);
		expect(lessonPolicy).not.toMatch(/nonce-/);
		const coursePage = await read(course.url);
		expect(coursePage.html).toMatch(/<script>/);
		const coursePolicy = coursePage.response.headers.get('content-security-policy');
		expect(coursePolicy).toMatch(/script-src[^;]*sha256-/);
		expect(coursePolicy).not.toMatch(/nonce-/);
	});

	test('answer from memory with the headers of a rendered page, compressed or not, and 304 when unchanged', async () => {
		const pathname = course.sequences[0].lessons[2].url;
		const perRequest = new Set(['date', 'x-request-id', 'content-length', 'transfer-encoding']);
		const headersOf = (response: Response) =>
			Object.fromEntries([...response.headers].filter(([name]) => !perRequest.has(name)));
		const rendered = await read(pathname);
		// Compressed in the background after the first request that asks for it (fetch asks gzip).
		await new Promise((resolve) => setTimeout(resolve, 500));
		const fromMemory = await read(pathname);
		expect(fromMemory.response.headers.get('content-length')).not.toBeNull();
		expect(headersOf(fromMemory.response)).toEqual(headersOf(rendered.response));
		expect(fromMemory.html).toBe(rendered.html);
		expect(fromMemory.response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(fromMemory.response.headers.get('cache-control')).toBe('no-cache');

		const compressed = () =>
			fetch(server.baseURL + pathname, { headers: { 'accept-encoding': 'br' } });
		await compressed();
		await new Promise((resolve) => setTimeout(resolve, 500));
		const brotli = await compressed();
		expect(brotli.headers.get('content-encoding')).toBe('br');
		expect(await brotli.text()).toBe(rendered.html);

		const etag = rendered.response.headers.get('etag')!;
		const unchanged = await fetch(server.baseURL + pathname, {
			headers: { 'if-none-match': etag, 'x-request-id': 'proxy-id-0123456789' }
		});
		expect(unchanged.status).toBe(304);
		expect(unchanged.headers.get('etag')).toBe(etag);
		expect(unchanged.headers.get('x-request-id')).toBe('proxy-id-0123456789');
		expect(unchanged.headers.get('content-security-policy')).toBeNull();
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

	test('show a change made by another process (an admin command) at once', async () => {
		await read(`${course.url}/discussions`);
		// Through the module that owns the table, as `npm run admin` writes: on SQLite the server
		// sees the file's commit count move, on PostgreSQL it hears what the module publishes.
		const { db, close } = await openSite(dir);
		try {
			const { id } = await db
				.selectFrom('forum_threads')
				.select('id')
				.where('lesson_key', '=', lesson.key)
				.executeTakeFirstOrThrow();
			await retitleThread(db, id, 'Grille de diagnostic : trouvée');
		} finally {
			await close();
		}
		// SQLite's count is read with the next request; PostgreSQL's message arrives on its own
		// connection, within a few milliseconds of the commit.
		await expect
			.poll(async () => (await read(`${course.url}/discussions`)).html, { interval: 10 })
			.toContain('Grille de diagnostic : trouvée');
		const { html } = await read(`${course.url}/discussions`);
		expect(html).not.toContain('Où trouver la grille de diagnostic');
	});

	test('show a thread’s new title in its lesson’s page and its course’s list at once', async () => {
		const { db, close } = await openSite(dir);
		const thread = await db
			.selectFrom('forum_threads')
			.innerJoin('forum_posts', 'forum_posts.thread_id', 'forum_threads.id')
			.select(['forum_threads.id as threadId', 'forum_posts.id as postId'])
			.where('forum_threads.lesson_key', '=', lesson.key)
			.orderBy('forum_posts.id')
			.executeTakeFirstOrThrow();
		await close();
		const other = course.sequences[0].lessons[1];
		await read(lesson.url);
		await read(other.url);
		await read(`${course.url}/discussions`);

		const cookie = await signIn(server.baseURL, 'ada', PASSWORD);
		const edited = await postForm(
			server.baseURL,
			`${course.url}/discussions/${thread.threadId}?/edit`,
			new URLSearchParams({
				postId: String(thread.postId),
				title: 'La grille de diagnostic, en PDF ?',
				body: 'Bonjour, la grille citée dans la leçon existe-t-elle en PDF ?'
			}),
			cookie
		);
		expect(edited.type).toBe('redirect');

		expect((await read(lesson.url)).html).toContain('La grille de diagnostic, en PDF ?');
		expect((await read(`${course.url}/discussions`)).html).toContain(
			'La grille de diagnostic, en PDF ?'
		);
		expect((await read(other.url)).html).toContain(other.title);
	});

	test('stop showing a hidden reply to anonymous readers at once', async () => {
		const { db, close } = await openSite(dir);
		const { threadId } = await db
			.selectFrom('forum_threads')
			.select('id as threadId')
			.where('lesson_key', '=', lesson.key)
			.executeTakeFirstOrThrow();
		await close();
		const threadPath = `${course.url}/discussions/${threadId}`;
		const ada = await signIn(server.baseURL, 'ada', PASSWORD);
		const replied = await postForm(
			server.baseURL,
			`${threadPath}?/reply`,
			new URLSearchParams({ body: 'Une réponse qui sera bientôt masquée, hors sujet.' }),
			ada
		);
		expect(replied.type).toBe('redirect');
		expect((await read(threadPath)).html).toContain('bientôt masquée');
		await read(lesson.url);

		const postId = /#post-(\d+)/.exec(replied.location ?? '')?.[1];
		expect(postId).toBeDefined();
		const margot = await signIn(server.baseURL, 'margot', PASSWORD);
		const hidden = await postForm(
			server.baseURL,
			`${threadPath}?/hide`,
			new URLSearchParams({ postId: postId!, note: 'hors sujet' }),
			margot
		);
		expect(hidden.type).toBe('redirect');
		expect((await read(threadPath)).html).not.toContain('bientôt masquée');
		expect((await read(lesson.url)).html).toContain('La grille de diagnostic, en PDF ?');
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
