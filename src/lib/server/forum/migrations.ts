import type { Migration } from '../db/migrate.ts';

/**
 * Discussion tables; versions 4 and 24.
 *
 * Authorship survives the account: references to users that wrote or decided something are
 * `ON DELETE SET NULL`, so a deleted account's posts stay readable, signed « compte supprimé ».
 * A flag means nothing without the person who raised it, so flags go with their account.
 */
export const forumMigrations: Migration[] = [
	{
		version: 4,
		name: 'discussions',
		sql: `
			CREATE TABLE forum_threads (
				id INTEGER PRIMARY KEY,
				course TEXT NOT NULL,
				sequence TEXT NOT NULL,
				lesson_key TEXT NOT NULL,
				kind TEXT NOT NULL CHECK (kind IN ('question', 'suggestion', 'erratum')),
				title TEXT NOT NULL,
				status TEXT NOT NULL DEFAULT 'open'
					CHECK (status IN ('open', 'answered', 'accepted', 'done', 'declined')),
				status_note TEXT,
				status_set_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
				status_set_at INTEGER,
				locked_at INTEGER,
				author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
				created_at INTEGER NOT NULL,
				last_activity_at INTEGER NOT NULL
			);
			CREATE INDEX forum_threads_lesson ON forum_threads(lesson_key, last_activity_at DESC);
			CREATE INDEX forum_threads_course ON forum_threads(course, last_activity_at DESC);
			CREATE INDEX forum_threads_author ON forum_threads(author_id);

			CREATE TABLE forum_posts (
				id INTEGER PRIMARY KEY,
				thread_id INTEGER NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
				author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
				body TEXT NOT NULL,
				body_html TEXT NOT NULL,
				render_version INTEGER NOT NULL,
				body_hash TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				edited_at INTEGER,
				deleted_at INTEGER,
				hidden_at INTEGER,
				hidden_by INTEGER REFERENCES users(id) ON DELETE SET NULL
			);
			CREATE INDEX forum_posts_thread ON forum_posts(thread_id, id);
			CREATE INDEX forum_posts_author ON forum_posts(author_id, created_at);

			CREATE TABLE forum_flags (
				id INTEGER PRIMARY KEY,
				post_id INTEGER NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				reason TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				resolved_at INTEGER,
				resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
				resolution TEXT CHECK (resolution IN ('hidden', 'dismissed')),
				UNIQUE (post_id, user_id)
			);
			CREATE INDEX forum_flags_open ON forum_flags(resolved_at, post_id);

			CREATE TABLE forum_moderation_log (
				id INTEGER PRIMARY KEY,
				actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
				action TEXT NOT NULL CHECK (action IN (
					'hide', 'unhide', 'lock', 'unlock', 'suspend', 'unsuspend', 'status', 'resolve-flags'
				)),
				thread_id INTEGER REFERENCES forum_threads(id) ON DELETE SET NULL,
				post_id INTEGER REFERENCES forum_posts(id) ON DELETE SET NULL,
				target_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
				detail TEXT,
				note TEXT,
				created_at INTEGER NOT NULL
			);
			CREATE INDEX forum_moderation_log_time ON forum_moderation_log(created_at DESC);
		`
	},
	{
		version: 24,
		name: 'suspensions of their own',
		// A suspension was a column of `users`, written by the forum. It moves to the forum's own
		// table; the old column stays, unused, since dropping it would rebuild the accounts table.
		sql: `
			CREATE TABLE forum_suspensions (
				user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
				until INTEGER NOT NULL
			);
			CREATE INDEX forum_suspensions_until ON forum_suspensions(until);
			INSERT INTO forum_suspensions (user_id, until)
				SELECT id, posting_suspended_until FROM users WHERE posting_suspended_until IS NOT NULL;
		`
	}
];
