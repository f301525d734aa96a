// The schema's whole history, the accounts' own and each domain's, assembled above them all and
// applied at start-up (db/migrate.ts): the numbered SQLite migrations of earlier releases, the
// baseline a new database starts from, and the migrations written since for both databases.
// Never edit one that has shipped: add a new number instead.
import { BASELINE } from './baseline.ts';
import type { History, LegacyMigration, Migration } from './migrate.ts';
import { certificateMigrations, signingKeyMigrations } from '../certificates/migrations.ts';
import { editMigrations } from '../edits/migrations.ts';
import { forumMigrations } from '../forum/migrations.ts';
import { notificationMigrations } from '../notifications/migrations.ts';
import { progressMigrations } from '../progress-migrations.ts';
import { shareQuizSnapshots } from '../quiz/migrations.ts';
import { searchMigrations } from '../search/migrations.ts';

/**
 * SQLite only, frozen. Versions: 1 accounts, 2 progress, 3 quiz attempts, 4+ discussions, 20+ bounded growth,
 * 23 interface language, 24 suspensions, 30+ search, 35 the order a quiz was shown in,
 * 38+ certificates, 40+ notifications and the email outbox.
 */
const legacy: LegacyMigration[] = [
	{
		version: 1,
		name: 'accounts',
		sql: `
			CREATE TABLE users (
				id INTEGER PRIMARY KEY,
				username TEXT NOT NULL UNIQUE COLLATE NOCASE,
				email TEXT NOT NULL UNIQUE COLLATE NOCASE,
				email_verified_at INTEGER,
				password_hash TEXT NOT NULL,
				role TEXT NOT NULL DEFAULT 'learner' CHECK (role IN ('learner', 'author', 'moderator', 'admin')),
				created_at INTEGER NOT NULL,
				posting_suspended_until INTEGER
			);
			CREATE TABLE sessions (
				id TEXT PRIMARY KEY,
				secret_hash BLOB NOT NULL,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at INTEGER NOT NULL,
				last_seen_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL,
				user_agent TEXT NOT NULL DEFAULT ''
			);
			CREATE INDEX sessions_user ON sessions(user_id);
			CREATE TABLE email_tokens (
				token_hash TEXT PRIMARY KEY,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				purpose TEXT NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
				email TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL
			);
			CREATE INDEX email_tokens_user ON email_tokens(user_id, purpose);
			CREATE TABLE throttles (
				key TEXT PRIMARY KEY,
				failures INTEGER NOT NULL,
				window_start INTEGER NOT NULL
			);
		`
	},
	{
		version: 2,
		name: 'progress',
		sql: `
			CREATE TABLE lesson_progress (
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				lesson_key TEXT NOT NULL,
				course_slug TEXT NOT NULL,
				first_visited_at INTEGER NOT NULL,
				last_visited_at INTEGER NOT NULL,
				completed_at INTEGER,
				PRIMARY KEY (user_id, lesson_key)
			);
			CREATE INDEX lesson_progress_course ON lesson_progress(user_id, course_slug, last_visited_at);
		`
	},
	{
		version: 3,
		name: 'quiz attempts',
		sql: `
			CREATE TABLE quiz_attempts (
				id INTEGER PRIMARY KEY,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				course_slug TEXT NOT NULL,
				quiz_key TEXT NOT NULL,
				score INTEGER NOT NULL,
				passed INTEGER NOT NULL,
				answers TEXT NOT NULL,
				snapshot TEXT NOT NULL,
				created_at INTEGER NOT NULL
			);
			CREATE INDEX quiz_attempts_user ON quiz_attempts(user_id, quiz_key, created_at);
			CREATE INDEX quiz_attempts_quiz ON quiz_attempts(quiz_key);
		`
	},
	...forumMigrations,
	{
		version: 20,
		name: 'expiring throttles and sign-in links',
		// Counters were keyed by what people typed; they now hold a hash and an expiry, so the old
		// rows (short-lived by nature) are dropped rather than converted. email_tokens is rebuilt
		// because SQLite cannot widen a CHECK constraint in place.
		sql: `
			DELETE FROM throttles;
			ALTER TABLE throttles ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
			CREATE INDEX throttles_expiry ON throttles(expires_at);
			CREATE INDEX sessions_expiry ON sessions(expires_at);
			CREATE INDEX sessions_last_seen ON sessions(last_seen_at);
			CREATE TABLE email_tokens_next (
				token_hash TEXT PRIMARY KEY,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				purpose TEXT NOT NULL CHECK (purpose IN ('verify-email', 'reset-password', 'sign-in')),
				email TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL
			);
			INSERT INTO email_tokens_next SELECT token_hash, user_id, purpose, email, created_at, expires_at
				FROM email_tokens;
			DROP TABLE email_tokens;
			ALTER TABLE email_tokens_next RENAME TO email_tokens;
			CREATE INDEX email_tokens_user ON email_tokens(user_id, purpose);
			CREATE INDEX email_tokens_expiry ON email_tokens(expires_at);
		`
	},
	{
		version: 21,
		name: 'shared quiz snapshots',
		// Each attempt kept a full copy of the quiz; identical versions now share one row, and an
		// attempt keeps only its answers.
		sql: `
			CREATE TABLE quiz_snapshots (
				id INTEGER PRIMARY KEY,
				hash TEXT NOT NULL UNIQUE,
				quiz TEXT NOT NULL
			);
			ALTER TABLE quiz_attempts ADD COLUMN snapshot_id INTEGER REFERENCES quiz_snapshots(id);
		`,
		run: shareQuizSnapshots,
		after: `ALTER TABLE quiz_attempts DROP COLUMN snapshot;`
	},
	{
		version: 22,
		name: 'second factor',
		sql: `
			CREATE TABLE second_factors (
				user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
				secret TEXT NOT NULL,
				confirmed_at INTEGER,
				last_counter INTEGER NOT NULL DEFAULT 0
			);
			CREATE TABLE recovery_codes (
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				code_hash TEXT NOT NULL,
				PRIMARY KEY (user_id, code_hash)
			);
			CREATE TABLE sign_in_challenges (
				token_hash TEXT PRIMARY KEY,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				expires_at INTEGER NOT NULL
			);
			CREATE INDEX sign_in_challenges_expiry ON sign_in_challenges(expires_at);
		`
	},
	{
		version: 23,
		name: 'interface language',
		sql: `ALTER TABLE users ADD COLUMN language TEXT;`
	},
	{
		version: 35,
		name: 'quiz arrangements',
		// The questions drawn and the options' order an attempt was shown; null for older attempts,
		// shown all of them in the author's order.
		sql: `ALTER TABLE quiz_attempts ADD COLUMN arrangement TEXT;`
	},
	...searchMigrations,
	...certificateMigrations,
	...notificationMigrations
];

/** Written once for SQLite and PostgreSQL, from version 45 up. */
const migrations: Migration[] = [...editMigrations, ...signingKeyMigrations, ...progressMigrations];

export const history: History = { legacy, baseline: BASELINE, migrations };
