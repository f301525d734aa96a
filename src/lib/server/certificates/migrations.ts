import { sql, type Kysely } from 'kysely';
import { typesOf, type Dialect } from '../db/dialect.ts';
import type { LegacyMigration, Migration } from '../db/migrate.ts';

/** Certificates; versions from 38 up. */
export const certificateMigrations: LegacyMigration[] = [
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

/**
 * The key that signs certificates, from version 46 up. It lived in each server's data folder; with
 * several servers on one PostgreSQL database, each would have made its own, so the site's one key
 * moves into the database they share (signing-key.ts imports an existing file). One row, by the
 * CHECK: whichever server inserts first, every server then reads that key and no other.
 */
export const signingKeyMigrations: Migration[] = [
	{
		version: 46,
		name: 'certificate signing key',
		async up(db: Kysely<any>, dialect: Dialect) {
			const { time } = typesOf(dialect);
			await db.schema
				.createTable('signing_keys')
				.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
				.addColumn('private_jwk', 'text', (c) => c.notNull())
				.addColumn('created_at', time, (c) => c.notNull())
				.execute();
		}
	}
];

/** The certificates table as the numbered migrations left it (the baseline's part). */
export async function createCertificateTables(db: Kysely<any>, dialect: Dialect) {
	const { time } = typesOf(dialect);
	await db.schema
		.createTable('certificates')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('course_title', 'text', (c) => c.notNull())
		.addColumn('authors', 'text', (c) => c.notNull())
		.addColumn('minutes', 'integer', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('issued_at', time, (c) => c.notNull())
		.addColumn('credential', 'text', (c) => c.notNull())
		.addColumn('revoked_at', time)
		.addColumn('revoked_reason', 'text')
		.addColumn('revoked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('certificates_learner_course')
		.on('certificates')
		.columns(['user_id', 'course_slug'])
		.unique()
		.execute();
}
