// What differs between SQLite and PostgreSQL when a table is created, and nothing else: the
// domains describe their tables once with Kysely's schema builder and these helpers.
import {
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
