import type { Migration } from '../db/migrate.ts';

/**
 * Suggested edits; versions from 45 up. An edit is a suggestion thread with a row here: its
 * thread keeps the kind `suggestion`, so lists, filters, search, feeds and notifications take
 * it as they take any suggestion, and the edit goes with its thread.
 */
export const editMigrations: Migration[] = [
	{
		version: 45,
		name: 'suggested edits',
		sql: `
			CREATE TABLE suggested_edits (
				thread_id INTEGER PRIMARY KEY REFERENCES forum_threads(id) ON DELETE CASCADE,
				file TEXT NOT NULL,
				content_version TEXT NOT NULL,
				file_blob TEXT NOT NULL,
				from_line INTEGER NOT NULL CHECK (from_line >= 1),
				to_line INTEGER NOT NULL CHECK (to_line >= from_line),
				original TEXT NOT NULL,
				proposed TEXT NOT NULL,
				signed INTEGER NOT NULL DEFAULT 1 CHECK (signed IN (0, 1)),
				revised_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
				revised_at INTEGER,
				created_at INTEGER NOT NULL
			);
			CREATE INDEX suggested_edits_file ON suggested_edits(file);
		`
	}
];
