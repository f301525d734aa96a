// A consistent copy of the live database, safe to take while the server runs:
//   npm run backup -- /var/backups/parcours/parcours-2025-01-31.db [--force]
// SQLite's online backup API reads one snapshot (WAL lets the server keep writing meanwhile); the
// copy is checked with `PRAGMA integrity_check` before it takes the file's name. On PostgreSQL,
// its own `pg_dump` takes the snapshot (custom format, for `pg_restore`), when it is installed. The key that signs
// certificates is in the database, so in the copy. A database no server of this release has started
// on yet still has it only in DATA_DIR/certificate-key.jwk: that file is then copied beside the copy,
// since without it a restored site could no longer sign as the one whose credentials learners hold.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { getConfig } from '../src/lib/server/config.ts';

const USAGE = `Usage: npm run backup -- <file> [--force]

  Copies the database (DATABASE_URL, or DATA_DIR/parcours.db) to <file> while the server
  keeps running, then checks the copy. An existing <file> is kept unless --force is given.
  On PostgreSQL, pg_dump makes the copy (format custom: restore it with pg_restore).
  The certificate signing key is in the database, so in the copy. When it is not there yet (no
  server of this release has started on it), DATA_DIR/certificate-key.jwk is copied beside it.
  To restore: see docs/deploy.md.`;

/** Copying every page in one step keeps the copy a single snapshot, even under steady writes. */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
	file: string;
	bytes: number;
	integrity: string;
	/** Whether the copy holds the certificate signing key: once a server of this release has started. */
	keyInCopy: boolean;
	/** Where the key file was copied, for a copy without the key; null when none was. */
	key: string | null;
}

/** The key's name in the backup folder: it never changes, so one copy serves every backup. */
export const KEY_BACKUP_NAME = 'certificate-key.jwk';

export async function backupDatabase(
	source: string,
	target: string,
	{ force = false, keyFile }: { force?: boolean; keyFile?: string } = {}
): Promise<BackupResult> {
	if (!existsSync(source)) throw new Error(`no database at ${source}`);
	const partial = prepareTarget(target, force);
	const database = new SQLite(source, { readonly: true, fileMustExist: true });
	try {
		database.pragma('busy_timeout = 5000');
		await database.backup(partial, { progress: () => ALL_PAGES });
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	} finally {
		database.close();
	}
	const { integrity, keyInCopy } = finishCopy(partial);
	if (integrity !== 'ok') {
		rmSync(partial, { force: true });
		throw new Error(`the copy failed its integrity check: ${integrity}`);
	}
	const key = keyInCopy ? null : keyFileToCopy(partial, target, { force, keyFile });
	renameSync(partial, target);
	if (key) copyKey(key.from, key.to);
	return { file: target, bytes: statSync(target).size, integrity, keyInCopy, key: key?.to ?? null };
}

/**
 * Checks, before copying anything, that `target` may be written, and where the copy is made first:
 * under a temporary name, so that an interrupted backup never leaves a half copy to restore.
 */
function prepareTarget(target: string, force: boolean) {
	if (existsSync(target) && !force) {
		throw new Error(`${target} already exists: choose another name, or add --force to replace it`);
	}
	const directory = path.dirname(path.resolve(target));
	if (!existsSync(directory)) throw new Error(`the folder ${directory} does not exist`);
	return path.join(directory, `.${path.basename(target)}.${process.pid}.partial`);
}

/**
 * For a copy without the signing key: the site's key file and where to copy it, or null when the
 * site has none. Checked before the copy takes its name, which is removed if the check fails.
 */
function keyFileToCopy(
	partial: string,
	target: string,
	{ force, keyFile }: { force: boolean; keyFile?: string }
) {
	if (!keyFile || !existsSync(keyFile)) return null;
	const to = path.join(path.dirname(path.resolve(target)), KEY_BACKUP_NAME);
	// A folder holding another site's key is a mistake of paths.
	if (existsSync(to) && !readFileSync(to).equals(readFileSync(keyFile)) && !force) {
		rmSync(partial, { force: true });
		throw new Error(
			`${to} is another certificate key than ${keyFile}: back up into another folder, or add --force to replace it`
		);
	}
	return { from: keyFile, to };
}

/** What a host without pg_dump is told. */
export const PG_DUMP_MISSING =
	'pg_dump is not installed: PostgreSQL is backed up with its own tools. Install them (Debian: apt install postgresql-client) and run this again, or run pg_dump --format=custom --file=<file> "$DATABASE_URL" yourself, or use your provider\'s backups';

/**
 * `pg_dump` of the database at `url` into `target`, custom format (compressed, restored with
 * `pg_restore`, table by table if need be), then read back by `pg_restore --list` as a check. The
 * password, if the address holds one, reaches pg_dump in its environment, not its arguments.
 */
export function backupPostgres(
	url: string,
	target: string,
	{ force = false, keyFile }: { force?: boolean; keyFile?: string } = {}
): BackupResult {
	if (spawnSync('pg_dump', ['--version']).error) throw new Error(PG_DUMP_MISSING);
	const partial = prepareTarget(target, force);
	const address = new URL(url);
	const password = decodeURIComponent(address.password);
	address.password = '';
	const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
	const dump = spawnSync(
		'pg_dump',
		['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${address.href}`],
		{ env, encoding: 'utf8' }
	);
	if (dump.status !== 0) {
		rmSync(partial, { force: true });
		throw new Error(`pg_dump failed: ${dump.stderr.trim() || `exit code ${dump.status}`}`);
	}
	const list = spawnSync('pg_restore', ['--list', partial], { encoding: 'utf8' });
	const tables = list.status === 0 ? (list.stdout.match(/ TABLE DATA /g)?.length ?? 0) : 0;
	if (tables === 0) {
		rmSync(partial, { force: true });
		throw new Error(`the copy could not be read back by pg_restore: ${list.stderr.trim()}`);
	}
	const keyInCopy = dumpHoldsSigningKey(partial);
	const key = keyInCopy ? null : keyFileToCopy(partial, target, { force, keyFile });
	renameSync(partial, target);
	if (key) copyKey(key.from, key.to);
	return {
		file: target,
		bytes: statSync(target).size,
		integrity: `pg_restore lists ${tables} tables`,
		keyInCopy,
		key: key?.to ?? null
	};
}

/** Whether the dump's `signing_keys` table has its row: pg_restore prints the rows of one table. */
function dumpHoldsSigningKey(dump: string) {
	const data = spawnSync('pg_restore', ['--data-only', '--table=signing_keys', '--file=-', dump], {
		encoding: 'utf8'
	});
	return data.status === 0 && /^COPY \S*signing_keys .* FROM stdin;\n(?!\\\.)/m.test(data.stdout);
}

/** Under a temporary name first, and as private as the original. */
function copyKey(keyFile: string, target: string) {
	const partial = `${target}.${process.pid}.partial`;
	copyFileSync(keyFile, partial);
	renameSync(partial, target);
}

/**
 * Turns the copy into one self-contained file (rollback journal: no -wal or -shm beside it; the
 * server switches it back to WAL when it opens it) and returns its integrity check (`ok`, or
 * SQLite's list of problems) and whether it holds the signing key.
 */
function finishCopy(file: string) {
	const database = new SQLite(file, { fileMustExist: true });
	try {
		database.pragma('journal_mode = DELETE');
		const rows = database.pragma('integrity_check') as { integrity_check: string }[];
		const integrity = rows.map((row) => row.integrity_check).join('; ');
		const hasTable = database
			.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signing_keys'")
			.get();
		const keyInCopy = Boolean(hasTable && database.prepare('SELECT 1 FROM signing_keys').get());
		return { integrity, keyInCopy };
	} finally {
		database.close();
	}
}

function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function main(args: string[]) {
	const force = args.includes('--force');
	const files = args.filter((arg) => arg !== '--force');
	if (files.length !== 1 || files[0].startsWith('-')) {
		console.error(USAGE);
		process.exit(2);
	}
	const config = getConfig();
	const options = { force, keyFile: config.certificateKeyFile };
	if (config.database.kind === 'postgres') {
		const result = backupPostgres(config.database.url, files[0], options);
		const shown = new URL(config.database.url);
		shown.password = '';
		console.log(
			`${shown.href} backed up to ${result.file} with pg_dump: ${formatSize(result.bytes)}, ${result.integrity}`
		);
		reportKey(result);
		return;
	}
	const source = config.database.file;
	const result = await backupDatabase(source, files[0], options);
	console.log(
		`${source} backed up to ${result.file}: ${formatSize(result.bytes)}, integrity_check: ${result.integrity}`
	);
	reportKey(result);
}

/** Said only when the key file was copied: otherwise the copy holds all there is to keep. */
function reportKey({ key }: BackupResult) {
	if (key)
		console.log(
			`the database holds no certificate signing key yet (the server imports its file at its next start): the file is copied to ${key}`
		);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main(process.argv.slice(2)).catch((error: Error) => {
		console.error(`backup failed: ${error.message}`);
		process.exit(1);
	});
}
