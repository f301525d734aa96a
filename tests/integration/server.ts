// Runs the built production server (`node server.js`) on loopback for one test, and speaks to it
// the way a browser without JavaScript would, with SvelteKit's JSON answer to form actions.
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../src/lib/server/config.ts';
import { connect, type Connection } from '../../src/lib/server/db/index.ts';
import { hashPassword } from '../../src/lib/server/password.ts';
import { createUser, markEmailVerified } from '../../src/lib/server/user.ts';
import {
	freePort,
	productionEnv,
	ROOT,
	startProductionServer,
	type Exit,
	type RunningServer,
	type ServerOptions
} from '../../scripts/lib/production.ts';

const REQUEST_TIMEOUT = 30_000;

export { freePort, productionEnv, ROOT, type Exit, type RunningServer };

/** Where the tests run `node server.js`: a snapshot of the build, made by the global setup. */
export const releaseDir = () => inject('releaseDir');

/** Whether the servers run on PostgreSQL: in the `integration-postgres` test project. */
export const onPostgres = process.env.PARCOURS_TEST_DATABASE === 'postgres';

const postgresOfDataDir = new Map<string, Promise<string>>();

/**
 * The database of the site whose data folder is `dataDir`: the SQLite file in it, or on
 * PostgreSQL a database of its own in the test cluster, made at the first call. Servers started on
 * the same folder, one after the other or side by side, share it.
 */
export async function databaseOf(dataDir: string): Promise<DatabaseTarget> {
	if (!onPostgres) return { kind: 'sqlite', file: databaseFileIn(dataDir) };
	const key = path.resolve(dataDir);
	let url = postgresOfDataDir.get(key);
	if (!url) {
		const { emptyDatabase } = await import('../helpers/postgres-database.ts');
		postgresOfDataDir.set(key, (url = emptyDatabase()));
	}
	return { kind: 'postgres', url: await url, poolSize: 2 };
}

/** Opens the database of the site in `dataDir` (see databaseOf), as `npm run admin` would. */
export async function openSite(dataDir: string): Promise<Connection> {
	return connect(await databaseOf(dataDir));
}

/** The variables that point a server at the database of `dataDir`. */
export async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
	const target = await databaseOf(dataDir);
	return target.kind === 'postgres' ? { DATABASE_URL: target.url } : {};
}

/** The production server of a test, on the global setup's build unless given another one. */
export async function startServer(
	options: Omit<ServerOptions, 'releaseDir'> & { releaseDir?: string }
): Promise<RunningServer> {
	return startProductionServer({
		...options,
		env: { ...(await databaseEnv(options.dataDir)), ...options.env },
		releaseDir: options.releaseDir ?? releaseDir()
	});
}

/**
 * Creates learners with verified emails straight in the database of the site in `dataDir`, before
 * the server starts. They joined a week ago, past the tight posting limits of brand-new accounts.
 */
export async function createLearners(dataDir: string, usernames: string[], password: string) {
	const { db, close } = await openSite(dataDir);
	try {
		const passwordHash = await hashPassword(password);
		const ids: Record<string, number> = {};
		for (const username of usernames) {
			const user = await createUser(db, {
				username,
				email: `${username}@example.org`,
				passwordHash,
				now: Date.now() - 7 * 24 * 3600_000
			});
			await markEmailVerified(db, user.id, user.email);
			ids[username] = user.id;
		}
		return ids;
	} finally {
		await close();
	}
}

export interface ActionAnswer {
	status: number;
	/** SvelteKit's answer to `x-sveltekit-action`: `success`, `failure`, `redirect` or `error`. */
	type: string;
	/** Where a `redirect` answer sends the browser. */
	location?: string;
	/** The raw answer, to show when something unexpected happened. */
	text: string;
	headers: Headers;
}

/** Posts a form the way `use:enhance` does, and reads SvelteKit's JSON answer. */
export async function postForm(
	baseURL: string,
	pathname: string,
	fields: URLSearchParams,
	cookie?: string
): Promise<ActionAnswer> {
	const response = await fetch(baseURL + pathname, {
		method: 'POST',
		headers: {
			origin: baseURL,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			accept: 'application/json',
			...(cookie ? { cookie } : {})
		},
		body: fields.toString(),
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT)
	});
	const text = await response.text();
	try {
		const { type, location } = JSON.parse(text) as { type: string; location?: string };
		return { status: response.status, type, location, text, headers: response.headers };
	} catch {
		// Not SvelteKit's JSON (an error page from elsewhere).
		return { status: response.status, type: 'unreadable', text, headers: response.headers };
	}
}

export async function getPage(baseURL: string, pathname: string, cookie?: string) {
	const response = await fetch(baseURL + pathname, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT)
	});
	await response.arrayBuffer();
	return response;
}

/** Signs in over HTTP and returns the `Cookie` header value that carries the session. */
export async function signIn(baseURL: string, login: string, password: string): Promise<string> {
	const answer = await postForm(baseURL, '/login', new URLSearchParams({ login, password }));
	const cookie = answer.headers.getSetCookie().find((value) => value.startsWith('session='));
	if (answer.type !== 'redirect' || !cookie) {
		throw new Error(`${login} could not sign in: ${answer.status} ${answer.type}`);
	}
	return cookie.split(';')[0];
}

export const databaseFileIn = (dataDir: string) => path.join(dataDir, 'parcours.db');
