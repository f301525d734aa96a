// How a numbered migration is written and applied. The domains' migrations import this and
// nothing else of the database module; db/migrations.ts lists them all.
import type SQLite from 'better-sqlite3';

export interface Migration {
	version: number;
	name: string;
	sql: string;
	/** Moves data the SQL cannot, in the same transaction, after `sql` and before `after`. */
	run?: (sqlite: SQLite.Database) => void;
	after?: string;
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
				migration.run?.(sqlite);
				if (migration.after) sqlite.exec(migration.after);
				record.run(migration.version, migration.name, Date.now());
			})
			.immediate();
	}
}
