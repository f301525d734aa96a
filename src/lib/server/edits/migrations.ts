import { sql, type Kysely } from 'kysely';
import { typesOf, type Dialect } from '../db/dialect.ts';
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
		async up(db: Kysely<any>, dialect: Dialect) {
			const { time } = typesOf(dialect);
			await db.schema
				.createTable('suggested_edits')
				.addColumn('thread_id', 'integer', (c) =>
					c.primaryKey().references('forum_threads.id').onDelete('cascade')
				)
				.addColumn('file', 'text', (c) => c.notNull())
				.addColumn('content_version', 'text', (c) => c.notNull())
				.addColumn('file_blob', 'text', (c) => c.notNull())
				.addColumn('from_line', 'integer', (c) => c.notNull().check(sql`from_line >= 1`))
				.addColumn('to_line', 'integer', (c) => c.notNull().check(sql`to_line >= from_line`))
				.addColumn('original', 'text', (c) => c.notNull())
				.addColumn('proposed', 'text', (c) => c.notNull())
				.addColumn('signed', 'integer', (c) =>
					c
						.notNull()
						.defaultTo(1)
						.check(sql`signed IN (0, 1)`)
				)
				.addColumn('revised_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
				.addColumn('revised_at', time)
				.addColumn('created_at', time, (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('suggested_edits_file')
				.on('suggested_edits')
				.column('file')
				.execute();
		}
	}
];
