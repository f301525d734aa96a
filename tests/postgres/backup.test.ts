// `npm run backup` on a PostgreSQL site: pg_dump makes the copy, which pg_restore brings back whole,
// the certificate signing key included; without pg_dump, the host is told what to do instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadSigningKey } from '../../src/lib/server/certificates/signing-key.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { createUser } from '../../src/lib/server/user.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';
import { writeEarlierKeyFile } from '../helpers/signing-key.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let url: string;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-pg-backup-'));
	url = await emptyDatabase();
	const { db, close } = await openPostgres(url, { poolSize: 2 });
	for (const name of ['Marie', 'paul'])
		await createUser(db, { username: name, email: `${name}@example.org`, passwordHash: 'x' });
	await close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run backup -- …` as a host runs it, with `PATH` as given. */
function backup(args: string[], PATH = process.env.PATH!) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
		cwd: ROOT,
		env: { PATH, DATABASE_URL: url, DATA_DIR: path.join(dir, 'data') },
		encoding: 'utf8'
	});
}

test('pg_dump makes the copy, and pg_restore brings every row back into an empty database', async () => {
	const file = path.join(dir, 'parcours.dump');
	const result = backup([file]);
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	expect(result.stdout).toMatch(
		/backed up to .*parcours\.dump with pg_dump: .+, pg_restore lists \d+ tables/
	);
	// The address is shown without its password (the test cluster has none; the format is checked).
	expect(result.stdout).toContain(new URL(url).pathname);

	const restored = await emptyDatabase();
	const restore = spawnSync('pg_restore', ['--no-owner', `--dbname=${restored}`, file], {
		encoding: 'utf8'
	});
	expect(restore.stderr).toBe('');
	const { db, close } = await openPostgres(restored, { poolSize: 1 });
	const names = await db.selectFrom('users').select('username').orderBy('username').execute();
	await close();
	expect(names.map((row) => row.username)).toEqual(['Marie', 'paul']);

	// A second backup to the same name keeps the first, unless --force.
	const again = backup([file]);
	expect(again.status).toBe(1);
	expect(again.stderr).toContain('already exists');
	expect(backup([file, '--force']).status).toBe(0);
});

test('without pg_dump, the host is told to install it or use their own backups', () => {
	const bin = path.join(dir, 'bin');
	mkdirSync(bin);
	symlinkSync(process.execPath, path.join(bin, 'node'));
	const file = path.join(dir, 'nowhere.dump');
	const result = backup([file], bin);
	expect(result.status).toBe(1);
	expect(result.stderr).toContain('pg_dump is not installed');
	expect(result.stderr).toContain('postgresql-client');
	expect(existsSync(file)).toBe(false);
});

test('the signing key is in the dump once a server has started; before, the data folder’s key file goes beside it', async () => {
	const keyFile = path.join(dir, 'data', 'certificate-key.jwk');
	mkdirSync(path.dirname(keyFile), { recursive: true });
	const earlier = writeEarlierKeyFile(keyFile);
	for (const folder of ['before', 'after']) mkdirSync(path.join(dir, folder));

	const before = backup([path.join(dir, 'before', 'parcours.dump')]);
	expect(before.status).toBe(0);
	const copied = path.join(dir, 'before', 'certificate-key.jwk');
	expect(before.stdout).toContain(`the file is copied to ${copied}`);
	expect(readFileSync(copied, 'utf8')).toBe(readFileSync(keyFile, 'utf8'));

	const site = await openPostgres(url, { poolSize: 1 });
	await loadSigningKey(site.db, { file: keyFile, log: () => {} });
	await site.close();
	const file = path.join(dir, 'after', 'parcours.dump');
	const after = backup([file]);
	expect(after.status).toBe(0);
	expect(after.stdout).not.toContain('signing key');
	expect(existsSync(path.join(dir, 'after', 'certificate-key.jwk'))).toBe(false);

	// Restored where no key file is, the site signs as it did.
	const restored = await emptyDatabase();
	spawnSync('pg_restore', ['--no-owner', `--dbname=${restored}`, file]);
	const { db, close } = await openPostgres(restored, { poolSize: 1 });
	const key = await loadSigningKey(db, { log: () => {} });
	await close();
	expect(key.publicJwk).toEqual(earlier.publicJwk);
});
