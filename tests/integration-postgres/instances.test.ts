// Two production servers on one PostgreSQL database, as behind a load balancer, are one site: a
// learner signed in on one is signed in on the other, a limit counts attempts made on both, a quiz
// answered on one is on the other's dashboard, and a post made on one is on the other's page kept
// for anonymous readers at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { setRole } from '../../src/lib/server/user.ts';
import { quizForm } from '../../scripts/bench/fixtures.ts';
import {
	createLearners,
	databaseEnv,
	getPage,
	openSite,
	postForm,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from '../integration/server.ts';

const PASSWORD = 'un mot de passe assez long';
const { index } = loadContent(path.join(ROOT, 'courses'));
const [course] = index.courses;
const [sequence] = course.sequences;
const [lesson] = sequence.lessons;

let dirs: string[];
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
	dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'parcours-instance-')));
	const ids = await createLearners(dirs[0], ['ada', 'margot', 'jules'], PASSWORD);
	const site = await openSite(dirs[0]);
	await setRole(site.db, ids.margot, 'moderator');
	await site.close();
	// Each its own data folder, the same database; started together, as after a deployment.
	const shared = await databaseEnv(dirs[0]);
	[one, two] = await Promise.all(
		dirs.map((dataDir) => startServer({ dataDir, env: { ...shared, ORIGIN: '' } }))
	);
});
afterAll(async () => {
	await Promise.all([one?.stop(), two?.stop()]);
	for (const dir of dirs ?? []) rmSync(dir, { recursive: true, force: true });
});

async function anonymous(server: RunningServer, pathname: string) {
	const response = await fetch(server.baseURL + pathname);
	expect(response.status).toBe(200);
	return response.text();
}

describe('two instances on one PostgreSQL database', () => {
	test('a learner signed in on one is signed in on the other, and signed out of both at once', async () => {
		const cookie = await signIn(one.baseURL, 'ada', PASSWORD);
		const dashboard = await getPage(two.baseURL, '/dashboard', cookie);
		expect(dashboard.status).toBe(200);
		const page = await (await fetch(`${two.baseURL}/dashboard`, { headers: { cookie } })).text();
		expect(page).toContain('ada');

		const out = await postForm(two.baseURL, '/logout', new URLSearchParams(), cookie);
		expect(out.type).toBe('redirect');
		const after = await getPage(one.baseURL, '/dashboard', cookie);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toMatch(/^\/login/);
	});

	test('failed sign-ins count on both: the sixth is refused wherever it is tried', async () => {
		for (const server of [one, two, one, two, one]) {
			const failed = await postForm(
				server.baseURL,
				'/login',
				new URLSearchParams({ login: 'jules', password: 'pas le bon mot de passe' })
			);
			expect(failed.type).toBe('failure');
		}
		// The right password now: the account's counter, kept in the database, says no.
		const refused = await postForm(
			two.baseURL,
			'/login',
			new URLSearchParams({ login: 'jules', password: PASSWORD })
		);
		expect(refused.type).toBe('failure');
		expect(refused.text).toContain('le mot de passe n’est plus vérifié');
	});

	test('a quiz answered on one is on the dashboard the other shows', async () => {
		const cookie = await signIn(two.baseURL, 'ada', PASSWORD);
		// Every question of the pool is answered; `confirm` goes past the ones this seed leaves out.
		const form = new URLSearchParams(quizForm(sequence));
		form.set('confirm', 'yes');
		const answered = await postForm(one.baseURL, sequence.quiz!.url, form, cookie);
		expect(answered.type).toBe('redirect');
		expect(answered.location).toMatch(/\/quiz\/attempts\/\d+$/);
		const site = await openSite(dirs[0]);
		const attempts = await site.db.selectFrom('quiz_attempts').select('quiz_key').execute();
		await site.close();
		expect(attempts).toEqual([{ quiz_key: sequence.key }]);
		const dashboard = await (
			await fetch(`${two.baseURL}/dashboard`, { headers: { cookie } })
		).text();
		expect(dashboard).toContain(sequence.title);
		expect(dashboard).toMatch(/Meilleur score \d+\u00a0%/);
	});

	test('a thread posted on one is on the page the other keeps for anonymous readers, at once', async () => {
		// Both instances keep the lesson's page and the course's discussions in memory.
		for (const server of [one, two]) {
			for (let i = 0; i < 2; i++) {
				expect(await anonymous(server, lesson.url)).not.toContain('Une question posée à côté');
				await anonymous(server, `${course.url}/discussions`);
			}
		}
		const cookie = await signIn(one.baseURL, 'ada', PASSWORD);
		const posted = await postForm(
			one.baseURL,
			`${course.url}/discussions/new`,
			new URLSearchParams({
				lessonKey: lesson.key,
				kind: 'question',
				title: 'Une question posée à côté',
				body: 'Posée sur une instance, lue sur l’autre.'
			}),
			cookie
		);
		expect(posted.type).toBe('redirect');
		// The other instance hears of it over LISTEN/NOTIFY: a few milliseconds at most.
		await expect
			.poll(() => anonymous(two, lesson.url), { timeout: 5_000, interval: 20 })
			.toContain('Une question posée à côté');
		expect(await anonymous(two, `${course.url}/discussions`)).toContain(
			'Une question posée à côté'
		);

		// A moderator on the other instance marks it answered: the first instance's kept page follows.
		expect(await anonymous(one, lesson.url)).toContain('status-open');
		const threadPath = posted.location!.split('?')[0].split('#')[0];
		const moderator = await signIn(two.baseURL, 'margot', PASSWORD);
		const answered = await postForm(
			two.baseURL,
			`${threadPath}?/status`,
			new URLSearchParams({ status: 'answered', note: '' }),
			moderator
		);
		expect(answered.type).toBe('redirect');
		await expect
			.poll(() => anonymous(one, lesson.url), { timeout: 5_000, interval: 20 })
			.toContain('status-answered');
	});

	test('each instance reports the shared database in its health check', async () => {
		for (const server of [one, two]) {
			const health = (await (await fetch(`${server.baseURL}/healthz`)).json()) as {
				database: string;
			};
			expect(health.database).toBe('ok');
		}
	});
});
