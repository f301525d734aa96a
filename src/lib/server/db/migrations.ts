// Numbered migrations, applied in order at start-up, each in a transaction. Never edit one that
// has shipped: add the next number instead.
import { forumMigrations } from '../forum/migrations.ts';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/** Versions: 1 accounts, 2 progress, 3 quiz attempts, 4 discussions, 5 interface language. */
export const migrations: Migration[] = [
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
		version: 5,
		name: 'interface language',
		sql: `ALTER TABLE users ADD COLUMN language TEXT;`
	}
];
