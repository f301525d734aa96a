import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { migrate, type History } from './migrate.ts';
import { history as fullHistory } from './migrations.ts';
import type { Database } from './schema.ts';

export type { Database };
export type DB = Kysely<Database>;

export interface Connection {
	db: DB;
	sqlite: SQLite.Database;
	/** Changes whenever anything is written to the database, by this process or another one. */
	version(): string;
	close(): Promise<void>;
}

/**
 * Opens the database with the settings that keep it safe under concurrent requests and crashes
 * (WAL, synchronous=FULL, foreign keys, a busy timeout), then brings its schema up to date.
 */
export async function openDatabase(
	file: string,
	history: History = fullHistory
): Promise<Connection> {
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) })
	});
	try {
		await migrate({ db, dialect: 'sqlite', sqlite }, history);
	} catch (error) {
		await db.destroy();
		throw error;
	}
	// total_changes counts this connection's writes; data_version moves when another connection
	// (`npm run admin`, a restore) commits.
	const ownChanges = sqlite.prepare('SELECT total_changes()').pluck();
	const otherChanges = sqlite.prepare('PRAGMA data_version').pluck();
	return {
		db,
		sqlite,
		version: () => `${otherChanges.get()}:${ownChanges.get()}`,
		close: async () => {
			await db.destroy();
		}
	};
}

/** Distinct queries are few (a few hundred); this only guards against an unforeseen stream. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * better-sqlite3 as Kysely sees it, keeping each prepared statement for the next identical query:
 * Kysely prepares every query anew, which costs more than running the small queries of a page.
 * Reusing one is safe because better-sqlite3 runs it to the end synchronously (no `.stream()`).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql) {
			let statement = statements.get(sql);
			if (!statement) {
				if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
				statement = sqlite.prepare(sql);
				statements.set(sql, statement);
			}
			return statement;
		}
	};
}

let connection: Connection | undefined;

/** Opens the process-wide connection; the server does it once, at start-up, before any request. */
export async function startDatabase(file: string): Promise<DB> {
	connection ??= await openDatabase(file);
	return connection.db;
}

/** The process-wide connection. */
export function useDatabase(): DB {
	if (!connection) throw new Error('the database is not open yet');
	return connection.db;
}

/** See Connection.version: what caches of pages built from the database are keyed on. */
export function databaseVersion(): string {
	if (!connection) throw new Error('the database is not open yet');
	return connection.version();
}

export async function closeDatabase() {
	const open = connection;
	connection = undefined;
	await open?.close();
}
