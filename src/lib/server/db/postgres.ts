// PostgreSQL through Kysely's PostgresDialect and a pool of `pg` connections.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrate, type History } from './migrate.ts';
import { history as fullHistory } from './migrations.ts';
import type { Database } from './schema.ts';

const INT8 = 20;

/**
 * Counts and millisecond timestamps are `bigint` in PostgreSQL, which `pg` hands over as strings;
 * every one of them is far below 2^53, so they are read as numbers, as SQLite gives them.
 */
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

export interface PostgresConnection {
	db: Kysely<Database>;
	close(): Promise<void>;
}

/** Opens a pool of `poolSize` connections, then brings the schema up to date. */
export async function openPostgres(
	url: string,
	{ poolSize = 10, history = fullHistory }: { poolSize?: number; history?: History } = {}
): Promise<PostgresConnection> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	try {
		await migrate({ db, dialect: 'postgres' }, history);
	} catch (error) {
		await db.destroy();
		throw error;
	}
	return { db, close: () => db.destroy() };
}
