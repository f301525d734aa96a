// What an open database is, whichever one it is: SQLite (index.ts) or PostgreSQL (postgres.ts).
import { sql, type Kysely } from 'kysely';
import { dialectOf, type Dialect } from './dialect.ts';
import type { Database } from './schema.ts';

export type { Database };
export type DB = Kysely<Database>;

export interface Connection {
	db: DB;
	dialect: Dialect;
	/**
	 * Moves whenever what this process keeps in memory from the database may have gone stale in a
	 * way no message says: another process wrote to the SQLite file (`npm run admin`, a restore), or
	 * the PostgreSQL connection that hears other instances' messages was lost (and while it is).
	 */
	otherWrites(): number;
	/** Calls `listener` with every message another process published to this database. */
	onMessage(listener: (message: string) => void): void;
	close(): Promise<void>;
}

/**
 * The database could not be opened at all (a folder this user may not write, a server that does
 * not answer, a wrong password): a mistake of the host's, said in one line that names the setting
 * to look at, rather than a stack trace. Errors past the opening (a migration) stay as they are.
 */
export class DatabaseUnavailable extends Error {
	override name = 'DatabaseUnavailable';
}

/** The channel of PostgreSQL's LISTEN/NOTIFY the instances of a site talk on. */
export const CHANNEL = 'parcours';

/**
 * Tells the other processes on this database (the other instances behind a load balancer): with
 * PostgreSQL a NOTIFY, which inside a transaction is delivered only if and when it commits. With
 * SQLite one process serves the site: there is no one to tell.
 */
export async function publish(db: Kysely<any>, message: string) {
	if (dialectOf(db) === 'postgres') await sql`SELECT pg_notify(${CHANNEL}, ${message})`.execute(db);
}

const connections = new WeakMap<DB, Connection>();

export function register(connection: Connection) {
	connections.set(connection.db, connection);
}

/** Connection.otherWrites of the database `db` was opened on; undefined for a transaction. */
export function otherWritesOf(db: DB): number | undefined {
	return connections.get(db)?.otherWrites();
}
