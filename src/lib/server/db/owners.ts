// Which module alone writes each table (paths under src/lib/server/). Every other module reads
// what it needs but asks the owner to write. A new table is registered here, or the type check
// and tests/unit/table-owners.test.ts fail.
import type { Database } from './schema.ts';

export const TABLE_OWNERS = {
	schema_migrations: 'db/migrate.ts',
	users: 'user.ts',
	sessions: 'session.ts',
	email_tokens: 'email-token.ts',
	throttles: 'rate-limit.ts',
	second_factors: 'second-factor.ts',
	recovery_codes: 'second-factor.ts',
	sign_in_challenges: 'second-factor.ts',
	lesson_progress: 'progress.ts',
	quiz_attempts: 'quiz/attempts.ts',
	quiz_snapshots: 'quiz/snapshots.ts',
	forum_threads: 'forum/thread-store.ts',
	forum_posts: 'forum/posts.ts',
	forum_flags: 'forum/flags.ts',
	forum_moderation_log: 'forum/log.ts',
	forum_suspensions: 'forum/suspensions.ts',
	certificates: 'certificates/index.ts',
	signing_keys: 'certificates/signing-key.ts',
	search_passages: 'search/index.ts',
	search_index: 'search/index.ts',
	search_words: 'search/index.ts',
	search_state: 'search/index.ts',
	follows: 'notifications/follows.ts',
	notifications: 'notifications/inbox.ts',
	notification_settings: 'notifications/settings.ts',
	email_outbox: 'notifications/outbox.ts',
	suggested_edits: 'edits/store.ts'
} as const satisfies Record<keyof Database | 'schema_migrations', string>;

/** Migrations reshape tables and move their data, whoever owns them. */
export const MIGRATION_MODULES = [
	'db/migrations.ts',
	'forum/migrations.ts',
	'quiz/migrations.ts',
	'certificates/migrations.ts',
	'search/migrations.ts',
	'notifications/migrations.ts',
	'edits/migrations.ts'
];

/**
 * Modules that write every table, run by hand while the site is stopped. Copying a site to
 * PostgreSQL keeps each row as it is, ids and dates included; the owners' functions would make
 * new ones (and send emails).
 */
export const WHOLE_DATABASE_WRITERS = ['db/transfer.ts'];
