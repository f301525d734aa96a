// What differs between SQLite and PostgreSQL when a table is created, and nothing else: the
// domains describe their tables once with Kysely's schema builder and these helpers.
import {
	PostgresAdapter,
	sql,
	type ColumnDataType,
	type ColumnDefinitionBuilder,
	type CreateTableBuilder,
	type Expression,
	type Kysely
} from 'kysely';

/** A column type as Kysely's schema builder takes it. */
type DataTypeExpression = ColumnDataType | Expression<unknown>;

export type Dialect = 'sqlite' | 'postgres';

/** A domain's tables as they are today, made from nothing in either database. */
export type CreateTables = (db: Kysely<any>, dialect: Dialect) => Promise<void>;

/** Column types whose names differ. */
export function typesOf(dialect: Dialect) {
	const postgres = dialect === 'postgres';
	return {
		/** Milliseconds since 1970, beyond a 32-bit integer. */
		time: (postgres ? 'bigint' : 'integer') as DataTypeExpression,
		bytes: (postgres ? 'bytea' : 'blob') as DataTypeExpression,
		/** Text compared without regard to case (user names, addresses). */
		caseless: (postgres ? sql`citext` : 'text') as DataTypeExpression
	};
}

/** An integer key the database gives: SQLite's rowid, PostgreSQL's identity column. */
export function idColumn(dialect: Dialect) {
	return (column: ColumnDefinitionBuilder) =>
		dialect === 'postgres'
			? column.primaryKey().generatedByDefaultAsIdentity()
			: column.primaryKey();
}

/** SQLite compares a caseless column with its collation; PostgreSQL's citext needs none. */
export function caseless(dialect: Dialect, column: ColumnDefinitionBuilder) {
	return dialect === 'sqlite' ? column.modifyEnd(sql`collate nocase`) : column;
}

/** `WITHOUT ROWID` where SQLite offers it: a table keyed by its primary key alone. */
export function keyedByPrimaryKey<TB extends string, C extends string>(
	dialect: Dialect,
	table: CreateTableBuilder<TB, C>
) {
	return dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
}

/** A CHECK that a text column holds one of `values`. */
export function oneOf(column: string, values: readonly string[]) {
	return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/** Which database `db` talks to, for the few statements that differ. */
export function dialectOf(db: Kysely<any>): Dialect {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Work that several instances on one PostgreSQL database must take turns at. */
export const LOCKS = { digest: 1, purge: 2 } as const;

/**
 * Inside a transaction: waits until no other instance holds `lock` for `id`, and holds it until
 * the transaction ends. SQLite has one writer at a time already: nothing to do.
 */
export async function takeTurn(trx: Kysely<any>, lock: number, id = 0) {
	if (dialectOf(trx) === 'postgres')
		await sql`SELECT pg_advisory_xact_lock(${lock}::int, ${id}::int)`.execute(trx);
}

/**
 * Runs `work` in a transaction unless another instance is running it right now (PostgreSQL);
 * returns whether it ran. With SQLite, one process serves the site: it always runs.
 */
export async function unlessRunningElsewhere<T>(
	db: Kysely<any>,
	lock: number,
	work: (trx: Kysely<any>) => Promise<T>
): Promise<{ ran: true; result: T } | { ran: false }> {
	if (dialectOf(db) !== 'postgres') return { ran: true, result: await work(db) };
	return db.transaction().execute(async (trx) => {
		const { rows } = await sql<{
			taken: boolean;
		}>`SELECT pg_try_advisory_xact_lock(${lock}::int, 0) AS taken`.execute(trx);
		if (!rows[0]?.taken) return { ran: false } as const;
		return { ran: true, result: await work(trx) } as const;
	});
}
