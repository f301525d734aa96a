// People for browser tests: accounts written straight into the database of the file's server, as
// `npm run admin -- create-user` makes them (tests/unit/admin.test.ts runs that command), and
// signed in through the real form.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
	DummyDriver,
	Kysely,
	SqliteAdapter,
	SqliteIntrospector,
	SqliteQueryCompiler
} from 'kysely';
import type { BrowserContext, Page } from 'playwright-core';
import type { Database, Role } from '../../src/lib/server/db/schema.ts';
import { hashPassword } from '../../src/lib/server/password.ts';
import { waitForApp } from './browser.ts';
import { fileServer } from './file-server.ts';

export const PASSWORD = 'une longue phrase pour les tests';
export type { Role };

/** Hashed once: argon2id is slow on purpose, and every account here shares the password. */
const passwordHash = await hashPassword(PASSWORD);

/**
 * Builds the typed query without a connection: accounts are created synchronously, in the
 * database the server has open, through better-sqlite3 (which waits out the server's writes).
 */
const queries = new Kysely<Database>({
	dialect: {
		createAdapter: () => new SqliteAdapter(),
		createDriver: () => new DummyDriver(),
		createIntrospector: (db) => new SqliteIntrospector(db),
		createQueryCompiler: () => new SqliteQueryCompiler()
	}
});

let created = 0;

/**
 * An account with a verified address; returns its username. Names are numbered within the file,
 * whose database is its own, so two are never the same and none contains another.
 */
export function createAccount(role: Role = 'learner', prefix: string = role) {
	created += 1;
	const username = `${prefix}-${String(created).padStart(4, '0')}`;
	const now = Date.now();
	const insert = queries
		.insertInto('users')
		.values({
			username,
			email: `${username}@example.org`,
			password_hash: passwordHash,
			role,
			created_at: now,
			email_verified_at: now
		})
		.compile();
	const database = new SQLite(path.join(fileServer().dataDir, 'parcours.db'), {
		fileMustExist: true
	});
	try {
		database.pragma('busy_timeout = 30000');
		database.prepare(insert.sql).run(...(insert.parameters as unknown[]));
	} finally {
		database.close();
	}
	return username;
}

/** Signs in through the form, in the given browser; returns the page, wherever it landed. */
export async function signIn(context: BrowserContext, username: string, from = '/login') {
	const page = await context.newPage();
	// Wait for the app to start, as a person would see the page settle, before typing.
	await page.goto(from);
	await waitForApp(page);
	await page.getByLabel('Nom d’utilisateur·ice ou adresse e-mail').fill(username);
	await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
	return page;
}

/** Signs out with the button in the site's header. */
export async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await page.waitForURL((url) => url.pathname === '/login');
}
