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
	/** Moves whenever another connection (`npm run admin`, a restore) commits a write. */
	otherWrites(): number;
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
	const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
	const opened: Connection = {
		db,
		sqlite,
		otherWrites: () => dataVersion.get() as number,
		close: async () => {
			await db.destroy();
		}
	};
	connections.set(db, opened);
	return opened;
}

const connections = new WeakMap<DB, Connection>();

/** Connection.otherWrites of the database `db` was opened on; undefined for a transaction. */
export function otherWritesOf(db: DB): number | undefined {
	return connections.get(db)?.otherWrites();
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

/**
 * See Connection.otherWrites. This process's own writes are told by the modules that make them
 * (page-versions.ts).
 */
export function otherWrites(): number {
	if (!connection) throw new Error('the database is not open yet');
	return connection.otherWrites();
}

export async function closeDatabase() {
	const open = connection;
	connection = undefined;
	await open?.close();
}
