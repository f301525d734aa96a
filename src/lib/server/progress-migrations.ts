// Changes to the progress table (progress.ts) since the baseline, for SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';
import type { Migration } from './db/migrate.ts';

export const progressMigrations: Migration[] = [
	{
		version: 47,
		name: 'latest visit',
		// Every signed-in lesson page asks for the learner's latest visit (recordVisit): found in this
		// index rather than by sorting all their rows.
		async up(db: Kysely<any>) {
			await db.schema
				.createIndex('lesson_progress_latest')
				.on('lesson_progress')
				.columns(['user_id', 'last_visited_at'])
				.execute();
		}
	}
];
