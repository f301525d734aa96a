import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrations, type Migration } from './migrations.ts';
import type { Database } from './schema.ts';

export type { Database };
export type DB = Kysely<Database>;

export interface Connection {
	db: DB;
	sqlite: SQLite.Database;
	close(): Promise<void>;
}

/**
 * Opens the database with the settings that keep it safe under concurrent requests and crashes
 * (WAL, synchronous=FULL, foreign keys, a busy timeout), then brings its schema up to date.
 */
export function openDatabase(file: string, list: Migration[] = migrations): Connection {
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	migrate(sqlite, list);
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	return {
		db,
		sqlite,
		close: async () => {
			await db.destroy();
		}
	};
}

export function migrate(sqlite: SQLite.Database, list: Migration[]) {
	sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	)`);
	const applied = new Set(
		sqlite
			.prepare('SELECT version FROM schema_migrations')
			.all()
			.map((row) => (row as { version: number }).version)
	);
	const record = sqlite.prepare(
		'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
	);
	for (const migration of [...list].sort((a, b) => a.version - b.version)) {
		if (applied.has(migration.version)) continue;
		sqlite
			.transaction(() => {
				sqlite.exec(migration.sql);
				record.run(migration.version, migration.name, Date.now());
			})
			.immediate();
	}
}

let connection: Connection | undefined;

/** The process-wide connection, opened by the server at start-up. */
export function useDatabase(file?: string): DB {
	if (!connection) {
		if (!file) throw new Error('the database is not open yet');
		connection = openDatabase(file);
	}
	return connection.db;
}

export function rawDatabase(): SQLite.Database {
	if (!connection) throw new Error('the database is not open yet');
	return connection.sqlite;
}

export async function closeDatabase() {
	const open = connection;
	connection = undefined;
	await open?.close();
}
