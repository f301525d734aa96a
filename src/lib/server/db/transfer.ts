// A site moving from SQLite to PostgreSQL, once (scripts/migrate-to-postgres.ts): every row of
// every table copied as it is, ids and timestamps included, into a PostgreSQL database that holds
// none yet. The tables are those the schema has (owners.ts names each one), less the few that
// PostgreSQL makes again itself; the order is that of the target's foreign keys. This module alone
// writes every table (WHOLE_DATABASE_WRITERS in owners.ts): through the owners' functions, a copy
// would get new ids, new dates and a fresh round of emails.
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { indexAllPosts, lessonLanguages } from '../search/index.ts';
import { dialectOf } from './dialect.ts';
import type { Connection, SqliteConnection } from './index.ts';
import { TABLE_OWNERS } from './owners.ts';

type Table = keyof typeof TABLE_OWNERS;

/** The tables left out of the copy, each with its reason. */
export const NOT_COPIED = {
	schema_migrations: 'PostgreSQL keeps its own history, written when its schema was made',
	search_passages: 'the search index is made again in PostgreSQL, from the copied posts',
	search_index: 'an FTS5 table in SQLite, a tsvector column in PostgreSQL: made again',
	search_words: 'the vocabulary is counted again as the posts are indexed',
	search_state:
		'left empty, so that the server indexes the lessons when it first starts on PostgreSQL'
} as const satisfies Partial<Record<Table, string>>;

/** Every other table: a new one is copied unless NOT_COPIED says why not. */
export const COPIED_TABLES = (Object.keys(TABLE_OWNERS) as Table[]).filter(
	(table) => !(table in NOT_COPIED)
);

/** PostgreSQL takes at most 65,535 parameters in a statement. */
const MAX_PARAMETERS = 65_535;
/** Enough rows per statement to spare round trips, few enough to keep a batch of posts small. */
const ROWS_PER_INSERT = 500;

export interface TableCount {
	table: string;
	sqlite: number;
	postgres: number;
}

export interface Transfer {
	/** Rows in each copied table, counted in both databases after the copy was committed. */
	counts: TableCount[];
	/** Posts put in PostgreSQL's search index. */
	postsIndexed: number;
	/** Tables of the SQLite file that Parcours did not make (Litestream's, for one): not copied. */
	foreignTables: string[];
}

export type Progress =
	{ step: 'table'; table: string; rows: number } | { step: 'search'; posts: number };

/** The target already holds a site, or part of one: nothing was written. */
export class TargetNotEmpty extends Error {
	constructor(readonly tables: string[]) {
		super(`the PostgreSQL database already holds rows in ${tables.join(', ')}`);
		this.name = 'TargetNotEmpty';
	}
}

/** The tables of an SQLite database, without SQLite's own and those an FTS5 table keeps. */
export function sqliteTables(sqlite: SQLite.Database): string[] {
	const rows = sqlite.prepare('PRAGMA main.table_list').all() as { name: string; type: string }[];
	return rows
		.filter(({ name, type }) => (type === 'table' || type === 'virtual') && !/^sqlite_/.test(name))
		.map(({ name }) => name)
		.sort();
}

/**
 * Copies `source` into `target` in one PostgreSQL transaction: if anything fails, the target is
 * left as it was. Refuses (TargetNotEmpty) a target with any row in a copied table.
 */
export async function copySqliteToPostgres(
	source: SqliteConnection,
	target: Connection,
	{ onProgress }: { onProgress?: (progress: Progress) => void } = {}
): Promise<Transfer> {
	if (dialectOf(target.db) !== 'postgres') throw new Error('the target is not PostgreSQL');
	// Tables are named at run time here, so untyped.
	const db = target.db as Kysely<any>;
	const known = new Set<string>([...COPIED_TABLES, ...Object.keys(NOT_COPIED)]);
	const foreignTables = sqliteTables(source.sqlite).filter((table) => !known.has(table));
	const order = inReferenceOrder(COPIED_TABLES, await foreignKeys(db));
	const columns = new Map<string, string[]>();
	for (const table of order) columns.set(table, await sameColumns(source.sqlite, db, table));
	const identities = await identityColumns(db);

	// One snapshot of SQLite for the whole copy, should anything still write to it.
	source.sqlite.exec('BEGIN');
	let postsIndexed: number;
	try {
		postsIndexed = await target.db.transaction().execute(async (typed) => {
			const trx = typed as Kysely<any>;
			const filled = await tablesWithRows(trx, order);
			if (filled.length > 0) throw new TargetNotEmpty(filled);
			for (const table of order) {
				const rows = await copyTable(source.sqlite, trx, table, columns.get(table)!);
				onProgress?.({ step: 'table', table, rows });
			}
			for (const { table, column } of identities) {
				if (order.includes(table)) await continueAfterCopiedIds(trx, table, column);
			}
			// The planner takes tables it has no statistics of for nearly empty, and indexing the
			// posts (a join and a subquery per post) would then scan them over and over.
			await sql`ANALYZE ${sql.join(order.map((table) => sql.table(table)))}`.execute(trx);
			const posts = await indexAllPosts(typed, await lessonLanguages(source.db));
			onProgress?.({ step: 'search', posts });
			return posts;
		});
	} finally {
		source.sqlite.exec('COMMIT');
	}

	const counts: TableCount[] = [];
	for (const table of order) {
		counts.push({
			table,
			sqlite: countSqlite(source.sqlite, table),
			postgres: await count(db, table)
		});
	}
	return { counts, postsIndexed, foreignTables };
}

/** Parents before children; a table that refers to itself needs its rows in id order (none does). */
function inReferenceOrder(tables: readonly string[], references: Reference[]): string[] {
	const ordered: string[] = [];
	const visiting = new Set<string>();
	const visit = (table: string) => {
		if (ordered.includes(table)) return;
		if (visiting.has(table)) throw new Error(`${table} is part of a cycle of foreign keys`);
		visiting.add(table);
		for (const { parent } of references.filter((each) => each.table === table)) {
			if (parent === table) continue;
			if (!tables.includes(parent))
				throw new Error(`${table} refers to ${parent}, which is not copied`);
			visit(parent);
		}
		visiting.delete(table);
		ordered.push(table);
	};
	for (const table of tables) visit(table);
	return ordered;
}

interface Reference {
	table: string;
	parent: string;
}

async function foreignKeys(db: Kysely<any>): Promise<Reference[]> {
	const { rows } = await sql<Reference>`
		SELECT conrelid::regclass::text AS "table", confrelid::regclass::text AS parent
		FROM pg_constraint
		WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
	`.execute(db);
	return rows;
}

/**
 * The table's columns, which must be the same in both databases (tests/unit/baseline.test.ts
 * proves the schemas are): a column one of them lacks would be lost, or left to its default.
 */
async function sameColumns(sqlite: SQLite.Database, db: Kysely<any>, table: string) {
	const inSqlite = (sqlite.pragma(`table_info(${quote(table)})`) as { name: string }[]).map(
		(column) => column.name
	);
	const { rows } = await sql<{ name: string }>`
		SELECT column_name AS name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'
	`.execute(db);
	const inPostgres = new Set(rows.map((row) => row.name));
	const differ = [
		...inSqlite.filter((name) => !inPostgres.has(name)).map((name) => `${name} (SQLite only)`),
		...[...inPostgres]
			.filter((name) => !inSqlite.includes(name))
			.map((name) => `${name} (PostgreSQL only)`)
	];
	if (differ.length > 0) throw new Error(`${table}: the columns differ: ${differ.join(', ')}`);
	return inSqlite;
}

/** Identity columns, which `idColumn` (dialect.ts) makes GENERATED BY DEFAULT: ids go in as they are. */
async function identityColumns(db: Kysely<any>) {
	const { rows } = await sql<{ table: string; column: string }>`
		SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_identity = 'YES'
	`.execute(db);
	return rows;
}

/** The copy set the ids: the identity goes on from the highest, or the next insert collides. */
async function continueAfterCopiedIds(trx: Kysely<any>, table: string, column: string) {
	const sequence = sql`pg_get_serial_sequence(${table}, ${column})`;
	const highest = sql`max(${sql.ref(column)})`;
	await sql`SELECT setval(${sequence}, ${highest}) FROM ${sql.table(table)}`.execute(trx);
}

async function tablesWithRows(db: Kysely<any>, tables: string[]) {
	const filled: string[] = [];
	for (const table of tables) {
		const row = await db
			.selectFrom(table)
			.select(sql`1`.as('one'))
			.limit(1)
			.executeTakeFirst();
		if (row) filled.push(table);
	}
	return filled;
}

/**
 * Streams the table out of SQLite in primary key order and into PostgreSQL in batches. Values
 * need no conversion: integers (bigint timestamps too) are numbers, BLOBs are Buffers that `pg`
 * sends as bytea, and text goes into citext as it is.
 */
async function copyTable(
	sqlite: SQLite.Database,
	trx: Kysely<any>,
	table: string,
	columns: string[]
) {
	const perInsert = Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length));
	const keys = (sqlite.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[])
		.filter((column) => column.pk > 0)
		.sort((a, b) => a.pk - b.pk)
		.map((column) => quote(column.name));
	const rows = sqlite
		.prepare(
			`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${keys.join(', ') || 'rowid'}`
		)
		.iterate() as IterableIterator<Record<string, unknown>>;
	let copied = 0;
	let batch: Record<string, unknown>[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		await trx.insertInto(table).values(batch).execute();
		copied += batch.length;
		batch = [];
	};
	for (const row of rows) {
		batch.push(row);
		if (batch.length === perInsert) await flush();
	}
	await flush();
	return copied;
}

function countSqlite(sqlite: SQLite.Database, table: string) {
	return sqlite
		.prepare(`SELECT count(*) FROM ${quote(table)}`)
		.pluck()
		.get() as number;
}

async function count(db: Kysely<any>, table: string) {
	const { n } = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
