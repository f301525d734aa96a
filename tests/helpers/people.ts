// People for browser tests: accounts made with the admin command, as a host would, and signed in
// through the real form.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PASSWORD = 'une longue phrase pour les tests';

export type Role = 'learner' | 'author' | 'moderator' | 'admin';

/** An account with a verified address; returns its username. */
export function createAccount(role: Role = 'learner', prefix: string = role) {
	const username = `${prefix}-${randomBytes(4).toString('hex')}`;
	const result = spawnSync(
		'npm',
		[
			'run',
			'--silent',
			'admin',
			'--',
			'create-user',
			username,
			`${username}@example.org`,
			'--role',
			role
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: path.join(inject('dataDir'), 'parcours.db'),
				PARCOURS_PASSWORD: PASSWORD
			},
			encoding: 'utf8'
		}
	);
	if (result.status !== 0)
		throw new Error(`create-user failed:\n${result.stdout}\n${result.stderr}`);
	return username;
}

/** Signs in through the form, in the given browser; returns the page, wherever it landed. */
export async function signIn(context: BrowserContext, username: string, from = '/login') {
	const page = await context.newPage();
	// Wait for the app to start, as a person would see the page settle, before typing.
	await page.goto(from, { waitUntil: 'networkidle' });
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
