import type { Migration } from '../db/migrate.ts';

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
export const searchMigrations: Migration[] = [
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
