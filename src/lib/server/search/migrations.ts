import { sql, type Kysely } from 'kysely';
import { idColumn, keyedByPrimaryKey, oneOf, type Dialect } from '../db/dialect.ts';
import type { LegacyMigration } from '../db/migrate.ts';

/**
 * Search tables; versions from 30 up.
 *
 * `search_passages` holds what a result shows (a lesson's section, a discussion's post) and
 * `search_index` the terms of each passage (normalize.ts), under the passage's id. The index is
 * contentless: its text is terms only, never shown, so it keeps no copy of it; `contentless_delete`
 * lets a hidden or deleted post leave it at once. Titles, headings and text are separate columns
 * so that ranking weighs them apart. `search_words` is the vocabulary of indexed words, for
 * readers who type without accents and for « did you mean ».
 */
export const searchMigrations: LegacyMigration[] = [
	{
		version: 30,
		name: 'search',
		sql: `
			CREATE TABLE search_passages (
				id INTEGER PRIMARY KEY,
				kind TEXT NOT NULL CHECK (kind IN ('lesson', 'question', 'suggestion', 'erratum')),
				course TEXT NOT NULL,
				lesson_key TEXT NOT NULL,
				language TEXT NOT NULL,
				anchor TEXT,
				thread_id INTEGER,
				post_id INTEGER UNIQUE REFERENCES forum_posts(id) ON DELETE CASCADE,
				title TEXT NOT NULL,
				heading TEXT NOT NULL,
				text TEXT NOT NULL
			);
			CREATE INDEX search_passages_kind ON search_passages(kind, course);
			CREATE VIRTUAL TABLE search_index USING fts5(
				title, heading, body,
				content = '', contentless_delete = 1,
				tokenize = 'unicode61 remove_diacritics 0'
			);
			CREATE TABLE search_words (
				word TEXT NOT NULL,
				term TEXT NOT NULL,
				display TEXT NOT NULL,
				in_lessons INTEGER NOT NULL DEFAULT 0,
				in_posts INTEGER NOT NULL DEFAULT 0,
				PRIMARY KEY (word, term)
			) WITHOUT ROWID;
			CREATE TABLE search_state (
				key TEXT PRIMARY KEY,
				value TEXT NOT NULL
			);
		`
	}
];

/**
 * The search tables as they stand today. PostgreSQL has no FTS5: its `search_index` keeps the
 * same three columns of terms, weighed into a `tsvector` it maintains itself, under a GIN index.
 */
export async function createSearchTables(db: Kysely<any>, dialect: Dialect) {
	await db.schema
		.createTable('search_passages')
		.addColumn('id', 'integer', idColumn(dialect))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(oneOf('kind', ['lesson', 'question', 'suggestion', 'erratum']))
		)
		.addColumn('course', 'text', (c) => c.notNull())
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('anchor', 'text')
		.addColumn('thread_id', 'integer')
		.addColumn('post_id', 'integer', (c) =>
			c.unique().references('forum_posts.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('heading', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('search_passages_kind')
		.on('search_passages')
		.columns(['kind', 'course'])
		.execute();
	if (dialect === 'sqlite') {
		await sql`CREATE VIRTUAL TABLE search_index USING fts5(
			title, heading, body,
			content = '', contentless_delete = 1,
			tokenize = 'unicode61 remove_diacritics 0'
		)`.execute(db);
	} else {
		await db.schema
			.createTable('search_index')
			.addColumn('rowid', 'integer', (c) =>
				c.primaryKey().references('search_passages.id').onDelete('cascade')
			)
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('heading', 'text', (c) => c.notNull())
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('document', sql`tsvector`, (c) =>
				c
					.generatedAlwaysAs(
						sql`setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', heading), 'B') || setweight(to_tsvector('simple', body), 'C')`
					)
					.stored()
			)
			.execute();
		await sql`CREATE INDEX search_index_document ON search_index USING gin (document)`.execute(db);
	}
	await keyedByPrimaryKey(
		dialect,
		db.schema
			.createTable('search_words')
			.addColumn('word', 'text', (c) => c.notNull())
			.addColumn('term', 'text', (c) => c.notNull())
			.addColumn('display', 'text', (c) => c.notNull())
			.addColumn('in_lessons', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('in_posts', 'integer', (c) => c.notNull().defaultTo(0))
			.addPrimaryKeyConstraint('search_words_pkey', ['word', 'term'])
	).execute();
	await db.schema
		.createTable('search_state')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
}
