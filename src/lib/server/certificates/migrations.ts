import type { Migration } from '../db/migrate.ts';

/** Certificates; versions from 38 up. */
export const certificateMigrations: Migration[] = [
	{
		version: 38,
		name: 'certificates',
		// A learner's certificates go with their account (ON DELETE CASCADE); a revocation stays when
		// the administrator's account goes.
		sql: `
			CREATE TABLE certificates (
				id TEXT PRIMARY KEY,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				course_slug TEXT NOT NULL,
				name TEXT NOT NULL,
				course_title TEXT NOT NULL,
				authors TEXT NOT NULL,
				minutes INTEGER NOT NULL,
				language TEXT NOT NULL,
				issued_at INTEGER NOT NULL,
				credential TEXT NOT NULL,
				revoked_at INTEGER,
				revoked_reason TEXT,
				revoked_by INTEGER REFERENCES users(id) ON DELETE SET NULL
			);
			CREATE UNIQUE INDEX certificates_learner_course ON certificates(user_id, course_slug);
		`
	}
];
