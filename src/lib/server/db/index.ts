import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import { DatabaseUnavailable, register, type Connection, type DB } from './connection.ts';
import { refuseInsideGroup } from './group-commit.ts';
import { migrate, type History } from './migrate.ts';
import { history as fullHistory } from './migrations.ts';
import type { Database } from './schema.ts';

export {
	DatabaseUnavailable,
	otherWritesOf,
	type Connection,
	type Database,
	type DB
} from './connection.ts';

export interface SqliteConnection extends Connection {
	sqlite: SQLite.Database;
}

/**
 * Opens the database `target` names: the SQLite file, or a pool on the PostgreSQL server (the `pg`
 * driver is loaded only then) that, with `listen`, also hears what the other instances publish.
 */
export async function connect(
	target: DatabaseTarget,
	{ history = fullHistory, listen = false }: { history?: History; listen?: boolean } = {}
): Promise<Connection> {
	if (target.kind === 'sqlite') return openDatabase(target.file, history);
	const { openPostgres } = await import('./postgres.ts');
	return openPostgres(target.url, { poolSize: target.poolSize, history, listen });
}

/**
 * SQLite's page cache, in KiB: SQLite's own default. better-sqlite3 builds SQLite with 16 MB,
 * which fills as the file is read and stays allocated for as long as the process lives; a
 * request reads far fewer pages than 2 MB holds, and the others come from the system's file
 * cache, which is not the server's memory (docs/benchmarks.md, memory).
 */
const PAGE_CACHE_KIB = 2000;

/**
 * Opens the database with the settings that keep it safe under concurrent requests and crashes
 * (WAL, synchronous=FULL, foreign keys, a busy timeout) and its page cache, then brings its schema
 * up to date.
 */
export async function openDatabase(
	file: string,
	history: History = fullHistory
): Promise<SqliteConnection> {
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	let sqlite: SQLite.Database;
	try {
		sqlite = new SQLite(file);
		sqlite.pragma('journal_mode = WAL');
		// A write that changes nothing: a file or a folder this user may only read fails here, not
		// at the first sign-in. (SQLite opens a file it may not write read-only, without a word.)
		const version = sqlite.pragma('user_version', { simple: true }) as number;
		sqlite.pragma(`user_version = ${version}`);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new DatabaseUnavailable(
			`DATA_DIR: cannot open the database ${path.resolve(file)}: ${reason} (may this user write to that folder and file?)`
		);
	}
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
	const dialect = new GroupAwareSqliteDialect({ database: withStatementCache(sqlite) });
	const db = new Kysely<Database>({ dialect });
	dialect.owner = db;
	try {
		await migrate({ db, dialect: 'sqlite', sqlite }, history);
	} catch (error) {
		await db.destroy();
		throw error;
	}
	const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
	// Asked for each page from memory and each remembered read, several times a request: read once
	// per turn of the event loop. Another process's commit is then seen at the next turn, a few
	// milliseconds later at most, as a request that came an instant later would see it.
	let version: number | undefined;
	const forget = () => (version = undefined);
	const opened: SqliteConnection = {
		db,
		dialect: 'sqlite',
		sqlite,
		// SQLite's own count of the commits other connections made to the file.
		otherWrites: () => {
			if (version === undefined) {
				version = dataVersion.get() as number;
				setImmediate(forget);
			}
			return version;
		},
		// One process serves an SQLite site: no other instance publishes anything.
		onMessage: () => {},
		close: async () => {
			await db.destroy();
		}
	};
	register(opened);
	return opened;
}

/**
 * Kysely's SQLite dialect, whose driver does not lend its one connection to a work of a group
 * commit (group-commit.ts): the group's transaction holds it until that work is done, so the work
 * would wait for ever. It gets an error instead.
 */
class GroupAwareSqliteDialect extends SqliteDialect {
	/** The Kysely instance made with this dialect. */
	owner?: DB;

	createDriver() {
		const driver = super.createDriver();
		const acquire = driver.acquireConnection.bind(driver);
		driver.acquireConnection = async () => {
			if (this.owner) refuseInsideGroup(this.owner);
			return acquire();
		};
		return driver;
	}
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
export async function startDatabase(target: DatabaseTarget): Promise<Connection> {
	connection ??= await connect(target, { listen: true });
	return connection;
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
