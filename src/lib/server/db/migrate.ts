// How the schema is brought up to date, in SQLite or PostgreSQL. The domains' migrations import
// this and db/dialect.ts, nothing else of the database module; db/migrations.ts lists them all.
//
// A new database is made in one step from the baseline (the schema as the numbered SQLite
// migrations left it, described for both databases), and every one of those numbers is recorded
// as applied. An SQLite database made by an earlier release first takes the numbered migrations
// it lacks, as it always did. Then both run the migrations written since, each in a transaction
// with its record, under a lock that lets one process (of several starting together) do it.
//
// Kysely's own Migrator would do the last part, but it does not wrap SQLite's migrations in a
// transaction: a crash in the middle of one would leave it half applied and unrecorded.
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { typesOf, type CreateTables, type Dialect } from './dialect.ts';

/**
 * A migration of the SQLite databases made before the schema was described for both databases.
 * Kept to upgrade them; never edited, never run on a new database.
 */
export interface LegacyMigration {
	version: number;
	name: string;
	sql: string;
	/** Moves data the SQL cannot, in the same transaction, after `sql` and before `after`. */
	run?: (sqlite: SQLite.Database) => void;
	after?: string;
}

/** A change of the schema, written once with Kysely's schema builder (per dialect where needed). */
export interface Migration {
	version: number;
	name: string;
	up: (db: Kysely<any>, dialect: Dialect) => Promise<void>;
}

export interface History {
	legacy: LegacyMigration[];
	baseline: CreateTables[];
	migrations: Migration[];
}

export interface Target {
	db: Kysely<any>;
	dialect: Dialect;
	/** SQLite's own connection, which the legacy migrations use. */
	sqlite?: SQLite.Database;
}

/** Any number that says "the schema's migrations" to PostgreSQL's advisory locks. */
const MIGRATION_LOCK = 7_254_101;

export async function migrate(target: Target, history: History) {
	const { db, dialect } = target;
	const versions = [...history.legacy, ...history.migrations].map((each) => each.version);
	if (new Set(versions).size !== versions.length)
		throw new Error('two migrations have the same version');

	await exclusively(target, async (trx) => {
		await createHistoryTable(trx, dialect);
		// Without a baseline (tests making an earlier release's database), every legacy migration runs.
		if (history.baseline.length === 0 || (await hasAnyVersion(trx))) return;
		for (const create of history.baseline) await create(trx, dialect);
		for (const { version, name } of history.legacy) await record(trx, version, name);
	});

	const pending = await pendingLegacy(db, history.legacy);
	if (pending.length > 0) {
		if (!target.sqlite)
			throw new Error(`the database lacks migration ${pending[0].version} and cannot take it`);
		upgradeLegacy(target.sqlite, pending);
	}

	for (const migration of [...history.migrations].sort((a, b) => a.version - b.version)) {
		await exclusively(target, async (trx) => {
			if (await isApplied(trx, migration.version)) return;
			await migration.up(trx, dialect);
			await record(trx, migration.version, migration.name);
		});
	}
}

/**
 * Runs `work` in a transaction that no other process runs at the same time: SQLite's write lock
 * taken at once (BEGIN IMMEDIATE), PostgreSQL's advisory lock held until the transaction ends.
 */
async function exclusively(target: Target, work: (db: Kysely<any>) => Promise<void>) {
	if (target.dialect === 'postgres') {
		await target.db.transaction().execute(async (trx) => {
			await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
			await work(trx);
		});
		return;
	}
	await target.db.connection().execute(async (connection) => {
		await sql`BEGIN IMMEDIATE`.execute(connection);
		try {
			await work(connection);
			await sql`COMMIT`.execute(connection);
		} catch (error) {
			await sql`ROLLBACK`.execute(connection);
			throw error;
		}
	});
}

async function createHistoryTable(db: Kysely<any>, dialect: Dialect) {
	await db.schema
		.createTable('schema_migrations')
		.ifNotExists()
		.addColumn('version', 'integer', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('applied_at', typesOf(dialect).time, (c) => c.notNull())
		.execute();
}

async function hasAnyVersion(db: Kysely<any>) {
	return (await db.selectFrom('schema_migrations').select('version').limit(1).execute()).length > 0;
}

async function isApplied(db: Kysely<any>, version: number) {
	const row = await db
		.selectFrom('schema_migrations')
		.select('version')
		.where('version', '=', version)
		.executeTakeFirst();
	return row !== undefined;
}

async function record(db: Kysely<any>, version: number, name: string) {
	await db
		.insertInto('schema_migrations')
		.values({ version, name, applied_at: Date.now() })
		.execute();
}

async function pendingLegacy(db: Kysely<any>, legacy: LegacyMigration[]) {
	const rows = await db.selectFrom('schema_migrations').select('version').execute();
	const applied = new Set(rows.map((row) => Number(row.version)));
	return legacy
		.filter((migration) => !applied.has(migration.version))
		.sort((a, b) => a.version - b.version);
}

/** An earlier release's database takes the numbered SQLite migrations it lacks, each atomically. */
function upgradeLegacy(sqlite: SQLite.Database, pending: LegacyMigration[]) {
	const applied = sqlite.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
	const insert = sqlite.prepare(
		'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
	);
	for (const migration of pending) {
		sqlite
			.transaction(() => {
				// Another process may have taken it while this one waited for the lock.
				if (applied.get(migration.version)) return;
				sqlite.exec(migration.sql);
				migration.run?.(sqlite);
				if (migration.after) sqlite.exec(migration.after);
				insert.run(migration.version, migration.name, Date.now());
			})
			.immediate();
	}
}
