// A signed-in learner's lesson page is made from the anonymous page kept in memory, with only the
// parts that show who reads it rendered for them (src/lib/server/learner-pages.ts). Each test here
// compares such a page with the one SvelteKit renders for the same learner in the same state: the
// first signed-in requests for a lesson are rendered by SvelteKit (no anonymous page is kept yet;
// from the second one, it is rendered beside them), the next ones are made from the kept page. SvelteKit's page carries an
// ETag, a made one none: that is how the tests tell them apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { suspendUser } from '../../src/lib/server/forum/moderation.ts';
import { insertNotification } from '../../src/lib/server/notifications/inbox.ts';
import { setLanguage, setRole } from '../../src/lib/server/user.ts';
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
const lessons = course.sequences.flatMap((sequence) => sequence.lessons);

let dir: string;
let server: RunningServer;
let ids: Record<string, number>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-learner-pages-'));
	ids = await createLearners(dir, ['ada', 'basile', 'margot', 'chloe', 'ines'], PASSWORD);
	const { db, close } = await openSite(dir);
	await setRole(db, ids.margot, 'moderator');
	await setLanguage(db, ids.ines, 'en');
	await suspendUser(db, ids.margot, ids.chloe, {
		until: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
		note: 'Pause'
	});
	await close();
	server = await startServer({ dataDir: dir });
	for (const name of Object.keys(ids)) cookies[name] = await signIn(server.baseURL, name, PASSWORD);
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function read(pathname: string, cookie?: string) {
	const response = await fetch(server.baseURL + pathname, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual'
	});
	return { response, html: await response.text() };
}

/** Without the comments Svelte leaves for hydration, which a lesson page (never hydrated) ignores. */
const visible = (html: string) => html.replace(/<!--(\[-?\d*|\]|)-->/g, '');

/** The same learner's page, made from the kept anonymous page (waits for it to be kept). */
async function madePage(pathname: string, cookie: string) {
	for (let attempt = 0; attempt < 100; attempt++) {
		const page = await read(pathname, cookie);
		if (!page.response.headers.has('etag')) return page;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`${pathname} was never made from a kept page`);
}

const perRequest = new Set(['date', 'x-request-id', 'content-length', 'etag']);
const headersOf = (response: Response) =>
	Object.fromEntries([...response.headers].filter(([name]) => !perRequest.has(name)));

async function markDone(pathname: string, cookie: string) {
	const done = await postForm(
		server.baseURL,
		`${pathname}?/done`,
		new URLSearchParams({ done: 'yes' }),
		cookie
	);
	expect(done.type).toBe('redirect');
}

/** SvelteKit's rendering, then the made one, for a lesson not read yet by anyone. */
async function bothPages(pathname: string, cookie: string) {
	const rendered = await read(pathname, cookie);
	expect(rendered.response.status).toBe(200);
	expect(rendered.response.headers.has('etag')).toBe(true);
	const made = await madePage(pathname, cookie);
	expect(made.response.status).toBe(200);
	return { rendered, made };
}

describe("a signed-in learner's page made from the anonymous one", () => {
	test('is the page SvelteKit renders for a learner who has done nothing yet', async () => {
		const { rendered, made } = await bothPages(lessons[0].url, cookies.ada);
		expect(visible(made.html)).toBe(visible(rendered.html));
		expect(headersOf(made.response)).toEqual(headersOf(rendered.response));
		expect(made.response.headers.get('cache-control')).toBe('private, no-store');
		expect(made.html).toContain('Mon compte (ada)');
		expect(made.html).toContain('J’ai terminé cette leçon');
		expect(made.html).toContain('action="/account?/language"');
		expect(made.html).not.toContain('Connectez-vous pour garder votre progression');
	});

	test("shows the learner's own progress, follows and notifications, as SvelteKit does", async () => {
		const lesson = lessons[3];
		await markDone(lesson.url, cookies.basile);
		const follow = await postForm(
			server.baseURL,
			'/notifications?/follow',
			new URLSearchParams({ kind: 'lesson', target: lesson.key, follow: 'yes' }),
			cookies.basile
		);
		expect(follow.type).toBe('redirect');
		const { db, close } = await openSite(dir);
		await insertNotification(db, {
			user_id: ids.basile,
			kind: 'status',
			thread_id: null,
			post_id: null,
			actor_id: ids.margot,
			course: course.slug,
			thread_title: 'Une question',
			detail: 'answered',
			note: null,
			created_at: Date.now(),
			read_at: null,
			email: 'none',
			emailed_at: null
		});
		await close();

		const { rendered, made } = await bothPages(lesson.url, cookies.basile);
		expect(visible(made.html)).toBe(visible(rendered.html));
		expect(made.html).toContain('Marquer comme non terminée');
		expect(made.html).toMatch(/Notifications \(1\)|1 non lue/);
		// The outline ticks the lesson done.
		expect(made.html).toMatch(/class="done-mark[^"]*"[^>]*>✓/);
	});

	test('is the page SvelteKit renders for a moderator, and for a learner who may not post', async () => {
		for (const [name, lesson] of [
			['margot', lessons[4]],
			['chloe', lessons[5]]
		] as const) {
			const { rendered, made } = await bothPages(lesson.url, cookies[name]);
			expect(visible(made.html)).toBe(visible(rendered.html));
			expect(made.html).toContain(`Mon compte (${name})`);
		}
		const moderator = await madePage(lessons[4].url, cookies.margot);
		expect(moderator.html).toContain('href="/moderation');
		const suspended = await madePage(lessons[5].url, cookies.chloe);
		expect(suspended.html).not.toContain('id="new-thread-title"');
	});

	test("never shows one learner another's parts, whatever order they come in", async () => {
		const pathname = lessons[0].url;
		await madePage(pathname, cookies.ada);
		const pages = await Promise.all(
			Array.from({ length: 20 }, (_, i) => (i % 2 ? 'ada' : 'basile')).map(async (name) => ({
				name,
				html: (await read(pathname, cookies[name])).html
			}))
		);
		for (const { name, html } of pages) {
			const other = name === 'ada' ? 'basile' : 'ada';
			expect(html).toContain(`Mon compte (${name})`);
			expect(html).not.toContain(`(${other})`);
		}
	});

	test('keeps the parts shared by learners in the same state apart from those of another state', async () => {
		const lesson = lessons[7];
		await markDone(lesson.url, cookies.ada);
		await madePage(lesson.url, cookies.ada);
		for (let round = 0; round < 3; round++) {
			const [ada, chloe, basile] = await Promise.all(
				['ada', 'chloe', 'basile'].map(async (name) => (await read(lesson.url, cookies[name])).html)
			);
			expect(ada).toContain('Marquer comme non terminée');
			expect(ada).toContain('id="new-thread-title"');
			expect(chloe).toContain('J’ai terminé cette leçon');
			expect(chloe).not.toContain('id="new-thread-title"');
			expect(basile).toContain('J’ai terminé cette leçon');
			expect(basile).toContain('id="new-thread-title"');
		}
	});

	test('follows what is posted under the lesson', async () => {
		const lesson = lessons[0];
		await madePage(lesson.url, cookies.ada);
		const posted = await postForm(
			server.baseURL,
			`/${course.slug}/discussions/new`,
			new URLSearchParams({
				lessonKey: lesson.key,
				kind: 'question',
				title: 'Une question toute neuve',
				body: 'Le texte de la question.'
			}),
			cookies.basile
		);
		expect(posted.type).toBe('redirect');
		const next = await read(lesson.url, cookies.ada);
		expect(next.html).toContain('Une question toute neuve');
		const made = await madePage(lesson.url, cookies.ada);
		expect(made.html).toContain('Une question toute neuve');
		expect(made.html).toContain('Mon compte (ada)');
	});

	test('leaves to SvelteKit a learner whose language is not the page’s, a session to renew, and a bad cookie', async () => {
		const lesson = lessons[6];
		await madePage(lesson.url, cookies.ada);
		// Ines reads in English: every link of her page differs from the anonymous French one.
		const english = await read(lesson.url, cookies.ines);
		expect(english.response.headers.has('etag')).toBe(true);
		expect(english.html).toContain('My account (ines)');

		// A session last seen over an hour ago is written again and its cookie renewed.
		const { db, close } = await openSite(dir);
		const token = cookies.basile.split('=')[1];
		await db
			.updateTable('sessions')
			.set({ last_seen_at: Date.now() - 2 * 3_600_000 })
			.where('id', '=', token.split('.')[0])
			.execute();
		await close();
		const renewed = await read(lesson.url, cookies.basile);
		expect(renewed.response.headers.getSetCookie().join()).toMatch(/^session=/);
		expect(renewed.html).toContain('Mon compte (basile)');

		const unknown = await read(lesson.url, 'session=nope.nope');
		expect(unknown.response.headers.getSetCookie().join()).toMatch(/^session=;/);
		expect(unknown.html).toContain('Créer un compte');
		expect(unknown.html).not.toContain('Mon compte');
	});
});
