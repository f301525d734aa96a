// Moves a site from SQLite to PostgreSQL, once, with the server stopped:
//   npm run migrate-to-postgres -- /var/lib/parcours/parcours.db postgres://parcours@localhost/parcours
// Every row is copied in one transaction (src/lib/server/db/transfer.ts), then counted again in
// both databases. A target that already holds anything is refused: this never writes over a site.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
	openDatabase,
	type Connection,
	type SqliteConnection
} from '../src/lib/server/db/index.ts';
import { openPostgres } from '../src/lib/server/db/postgres.ts';
import {
	copySqliteToPostgres,
	TargetNotEmpty,
	type Progress,
	type TableCount
} from '../src/lib/server/db/transfer.ts';

const USAGE = `Usage: npm run migrate-to-postgres -- <sqlite file> <postgres url>

  Copies the whole site in the SQLite database <sqlite file> (accounts, sessions,
  progress, quiz attempts, discussions, certificates, notifications, suggested edits)
  into the empty PostgreSQL database <postgres url>, e.g.
  postgres://parcours:password@localhost:5432/parcours. Stop the server and back up
  the file first: it is brought up to date with this release's migrations before the
  copy. The schema is made in PostgreSQL if it has none; a database that already
  holds rows is refused. See docs/deploy.md.`;

/** The server and database, never the password, for messages. */
function describe(url: string) {
	const address = new URL(url);
	return `${address.hostname}:${address.port || 5432}${address.pathname}`;
}

/** A connection refused on every address of a host comes as an AggregateError without message. */
function reason(error: unknown): string {
	if (error instanceof AggregateError && !error.message) return error.errors.map(reason).join('; ');
	return error instanceof Error ? error.message || String(error) : String(error);
}

/** How many migrations the file records: read-only, so nothing is written to a wrong file. */
function recordedMigrations(file: string): number {
	let recorded: number | undefined;
	try {
		const database = new SQLite(file, { readonly: true, fileMustExist: true });
		try {
			const history = database
				.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
				.get();
			if (history)
				recorded = database
					.prepare('SELECT count(*) FROM schema_migrations')
					.pluck()
					.get() as number;
		} finally {
			database.close();
		}
	} catch (error) {
		throw new Error(`${file} cannot be read as an SQLite database: ${reason(error)}`);
	}
	if (recorded === undefined)
		throw new Error(`${file} is not a Parcours database: it has no schema_migrations table`);
	return recorded;
}

function checkArguments(args: string[]) {
	if (args.length !== 2 || args.some((arg) => arg.startsWith('-'))) {
		console.error(USAGE);
		process.exit(1);
	}
	const [file, url] = args;
	// Checked before opening: SQLite would make an empty database of a mistyped name.
	if (!existsSync(file) || !statSync(file).isFile())
		throw new Error(`no SQLite database at ${path.resolve(file)}`);
	if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url))
		throw new Error(
			'the target is not a PostgreSQL URL: it must start with postgres:// or postgresql://'
		);
	return { file, url };
}

const rows = (count: number) => `${count} row${count === 1 ? '' : 's'}`;

function printProgress(progress: Progress) {
	if (progress.step === 'table') console.log(`  ${progress.table}: ${rows(progress.rows)} copied`);
	else console.log(`  search: ${progress.posts} posts indexed`);
}

function printCounts(counts: TableCount[]) {
	const width = Math.max(...counts.map(({ table }) => table.length));
	console.log(`${'table'.padEnd(width)}  ${'SQLite'.padStart(8)}  ${'PostgreSQL'.padStart(10)}`);
	for (const { table, sqlite, postgres } of counts) {
		const mark = sqlite === postgres ? '' : '  ← differs';
		console.log(
			`${table.padEnd(width)}  ${String(sqlite).padStart(8)}  ${String(postgres).padStart(10)}${mark}`
		);
	}
}

async function main(args: string[]) {
	const started = performance.now();
	const { file, url } = checkArguments(args);
	const before = recordedMigrations(file);
	let source: SqliteConnection | undefined;
	let target: Connection | undefined;
	try {
		// PostgreSQL first: a server that does not answer leaves the SQLite file as it was.
		try {
			target = await openPostgres(url, { poolSize: 2 });
		} catch (error) {
			throw new Error(`cannot use the PostgreSQL database at ${describe(url)}: ${reason(error)}`);
		}
		console.log(`PostgreSQL ${describe(url)}: schema ready`);
		source = await openDatabase(file);
		const applied = recordedNow(source) - before;
		console.log(
			applied > 0
				? `SQLite ${file}: brought up to date first (${applied} migration${applied === 1 ? '' : 's'} applied)`
				: `SQLite ${file}: up to date`
		);
		console.log('copying…');
		const transfer = await copySqliteToPostgres(source, target, {
			onProgress: printProgress
		}).catch((error: unknown) => {
			if (!(error instanceof TargetNotEmpty)) throw error;
			throw new Error(`refused: ${error.message}; the copy only goes into an empty database`);
		});
		console.log('');
		printCounts(transfer.counts);
		if (transfer.foreignTables.length > 0)
			console.log(`left in SQLite, not Parcours tables: ${transfer.foreignTables.join(', ')}`);
		console.log(
			`search: ${transfer.postsIndexed} posts indexed; the lessons are indexed when the server first starts on PostgreSQL`
		);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		const differ = transfer.counts.filter(({ sqlite, postgres }) => sqlite !== postgres);
		if (differ.length > 0) {
			throw new Error(
				`the counts differ in ${differ.map(({ table }) => table).join(', ')} (${seconds} s): was the server still writing to ${file}?`
			);
		}
		console.log(
			`done in ${seconds} s; now set DATABASE_URL to the PostgreSQL URL and start the server`
		);
	} finally {
		await target?.close();
		await source?.close();
	}
}

function recordedNow(source: SqliteConnection) {
	return source.sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get() as number;
}

main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(`migrate-to-postgres: ${reason(error)}`);
	process.exit(1);
});
