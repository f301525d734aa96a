// The schema as it stands after every numbered migration, made in one step in an empty database
// of either kind. Each domain describes its own tables beside its module; this file describes the
// accounts' and lists them all in the order their references need.
import { sql, type Kysely } from 'kysely';
import { createCertificateTables } from '../certificates/migrations.ts';
import { createForumTables } from '../forum/migrations.ts';
import { createNotificationTables } from '../notifications/migrations.ts';
import { createQuizTables } from '../quiz/migrations.ts';
import { createSearchTables } from '../search/migrations.ts';
import { caseless, idColumn, oneOf, typesOf, type CreateTables, type Dialect } from './dialect.ts';

/** Accounts, sessions, sign-in links, throttles, second factors and lesson progress. */
export async function createAccountTables(db: Kysely<any>, dialect: Dialect) {
	const { time, bytes, caseless: caselessText } = typesOf(dialect);
	const id = idColumn(dialect);
	const user = 'users.id';
	// Trusted since PostgreSQL 13: the database's owner may add it.
	if (dialect === 'postgres') await sql`CREATE EXTENSION IF NOT EXISTS citext`.execute(db);

	await db.schema
		.createTable('users')
		.addColumn('id', 'integer', id)
		.addColumn('username', caselessText, (c) => caseless(dialect, c.notNull().unique()))
		.addColumn('email', caselessText, (c) => caseless(dialect, c.notNull().unique()))
		.addColumn('email_verified_at', time)
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c
				.notNull()
				.defaultTo('learner')
				.check(oneOf('role', ['learner', 'author', 'moderator', 'admin']))
		)
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('posting_suspended_until', time)
		.addColumn('language', 'text')
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret_hash', bytes, (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.notNull().references(user).onDelete('cascade'))
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('last_seen_at', time, (c) => c.notNull())
		.addColumn('expires_at', time, (c) => c.notNull())
		.addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
	await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
	await db.schema.createIndex('sessions_last_seen').on('sessions').column('last_seen_at').execute();

	await db.schema
		.createTable('throttles')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_start', time, (c) => c.notNull())
		.addColumn('expires_at', time, (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('throttles_expiry').on('throttles').column('expires_at').execute();

	await db.schema
		.createTable('email_tokens')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references(user).onDelete('cascade'))
		.addColumn('purpose', 'text', (c) =>
			c.notNull().check(oneOf('purpose', ['verify-email', 'reset-password', 'sign-in']))
		)
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('expires_at', time, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('email_tokens_user')
		.on('email_tokens')
		.columns(['user_id', 'purpose'])
		.execute();
	await db.schema
		.createIndex('email_tokens_expiry')
		.on('email_tokens')
		.column('expires_at')
		.execute();

	await db.schema
		.createTable('second_factors')
		.addColumn('user_id', 'integer', (c) => c.primaryKey().references(user).onDelete('cascade'))
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('confirmed_at', time)
		.addColumn('last_counter', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createTable('recovery_codes')
		.addColumn('user_id', 'integer', (c) => c.notNull().references(user).onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('recovery_codes_pkey', ['user_id', 'code_hash'])
		.execute();
	await db.schema
		.createTable('sign_in_challenges')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references(user).onDelete('cascade'))
		.addColumn('expires_at', time, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('sign_in_challenges_expiry')
		.on('sign_in_challenges')
		.column('expires_at')
		.execute();

	await db.schema
		.createTable('lesson_progress')
		.addColumn('user_id', 'integer', (c) => c.notNull().references(user).onDelete('cascade'))
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('first_visited_at', time, (c) => c.notNull())
		.addColumn('last_visited_at', time, (c) => c.notNull())
		.addColumn('completed_at', time)
		.addPrimaryKeyConstraint('lesson_progress_pkey', ['user_id', 'lesson_key'])
		.execute();
	await db.schema
		.createIndex('lesson_progress_course')
		.on('lesson_progress')
		.columns(['user_id', 'course_slug', 'last_visited_at'])
		.execute();
}

/** Every domain's tables, in the order their references need. */
export const BASELINE: CreateTables[] = [
	createAccountTables,
	createQuizTables,
	createForumTables,
	createSearchTables,
	createCertificateTables,
	createNotificationTables
];
