// `npm run admin`: the command a host runs to create the first accounts and give roles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/lib/server/password.ts';
import { createUser, findUserByUsername } from '../../src/lib/server/user.ts';
import { databaseEnv, openSite } from './server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'une phrase de passe pour l’administration';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-admin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs scripts/admin.ts as `npm run admin -- …` does, on the test's own database. */
async function admin(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
		cwd: ROOT,
		env: {
			...process.env,
			DATA_DIR: dir,
			DATABASE_URL: '',
			PARCOURS_PASSWORD: PASSWORD,
			...(await databaseEnv(dir))
		},
		encoding: 'utf8',
		timeout: 60_000
	});
}

async function account(username: string) {
	const { db, close } = await openSite(dir);
	try {
		return await findUserByUsername(db, username);
	} finally {
		await close();
	}
}

describe('npm run admin', () => {
	test('create-user makes an account with a verified address, the role asked and the password given', async () => {
		const created = await admin('create-user', 'alice', 'Alice@Example.org', '--role', 'moderator');
		expect(created.stderr).toBe('');
		expect(created.status).toBe(0);
		expect(created.stdout).toContain('created alice (alice@example.org) with role moderator');

		const alice = await account('alice');
		expect(alice).toMatchObject({ email: 'alice@example.org', role: 'moderator' });
		expect(alice?.emailVerifiedAt).toBeTypeOf('number');
		expect(await verifyPassword(alice!.passwordHash, PASSWORD)).toBe(true);

		const promoted = await admin('set-role', 'alice', 'admin');
		expect(promoted.status).toBe(0);
		expect((await account('alice'))?.role).toBe('admin');
		expect((await admin('list-users')).stdout).toBe('alice\talice@example.org\tadmin\n');
	});

	test('a taken name or an unknown role is refused with a message, and nothing is created', async () => {
		const { db, close } = await openSite(dir);
		await createUser(db, { username: 'alice', email: 'alice@example.org', passwordHash: 'x' });
		await close();
		const taken = await admin('create-user', 'Alice', 'autre@example.org');
		expect(taken.status).toBe(1);
		expect(taken.stderr).toContain('username "Alice" is taken');
		const role = await admin('create-user', 'bob', 'bob@example.org', '--role', 'king');
		expect(role.status).toBe(1);
		expect(role.stderr).toContain('role must be one of: learner, author, moderator, admin');
		expect(await account('bob')).toBeNull();
	});

	test('an option or an argument written wrong is refused with the usage, and nothing is created', async () => {
		const equals = await admin('create-user', 'carol', 'carol@example.org', '--role=admin');
		expect(equals.status).toBe(0);
		expect((await account('carol'))?.role).toBe('admin');
		for (const args of [
			['create-user', 'dave', 'dave@example.org', '--rol', 'admin'],
			['create-user', 'dave', 'dave@example.org', 'admin'],
			['create-user', 'dave'],
			['set-role', 'carol'],
			['list-users', 'everyone']
		]) {
			const refused = await admin(...args);
			expect(refused.status, args.join(' ')).toBe(2);
			expect(refused.stderr).toContain(`error: ${args[0]}`);
			expect(refused.stderr).toContain('Usage: npm run admin');
		}
		expect(await account('dave')).toBeNull();
		expect((await account('carol'))?.role).toBe('admin');
	});
});
