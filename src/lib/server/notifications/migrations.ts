import type { Migration } from '../db/migrate.ts';

/**
 * Notifications, follows, email preferences and the durable email outbox; versions from 40 up.
 * Everything about a person goes with their account (ON DELETE CASCADE); a notification about a
 * thread goes with the thread.
 */
export const notificationMigrations: Migration[] = [
	{
		version: 40,
		name: 'notifications and email outbox',
		sql: `
			CREATE TABLE follows (
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				kind TEXT NOT NULL CHECK (kind IN ('thread', 'lesson', 'course', 'suggestions')),
				target TEXT NOT NULL,
				state TEXT NOT NULL DEFAULT 'following' CHECK (state IN ('following', 'muted')),
				created_at INTEGER NOT NULL,
				PRIMARY KEY (user_id, kind, target)
			);
			CREATE INDEX follows_target ON follows(kind, target);

			CREATE TABLE notifications (
				id INTEGER PRIMARY KEY,
				user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				kind TEXT NOT NULL
					CHECK (kind IN ('thread', 'reply', 'status', 'hidden', 'restored', 'mention', 'flag')),
				thread_id INTEGER REFERENCES forum_threads(id) ON DELETE CASCADE,
				post_id INTEGER REFERENCES forum_posts(id) ON DELETE SET NULL,
				actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
				course TEXT NOT NULL,
				thread_title TEXT NOT NULL,
				detail TEXT,
				note TEXT,
				created_at INTEGER NOT NULL,
				read_at INTEGER,
				email TEXT NOT NULL DEFAULT 'none' CHECK (email IN ('none', 'digest', 'sent')),
				emailed_at INTEGER
			);
			CREATE INDEX notifications_user ON notifications(user_id, id DESC);
			CREATE INDEX notifications_unread ON notifications(user_id, read_at);
			CREATE INDEX notifications_digest ON notifications(email, user_id);
			CREATE INDEX notifications_thread ON notifications(user_id, thread_id, emailed_at);

			CREATE TABLE notification_settings (
				user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
				email_mode TEXT NOT NULL DEFAULT 'digest' CHECK (email_mode IN ('each', 'digest', 'never')),
				feed_token TEXT UNIQUE,
				unsubscribe_key TEXT NOT NULL,
				last_digest_at INTEGER,
				stopped_address TEXT,
				stopped_at INTEGER
			);

			CREATE TABLE email_outbox (
				id INTEGER PRIMARY KEY,
				message_id TEXT NOT NULL UNIQUE,
				user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
				recipient TEXT NOT NULL,
				subject TEXT NOT NULL,
				text TEXT NOT NULL,
				html TEXT,
				headers TEXT,
				link TEXT,
				created_at INTEGER NOT NULL,
				attempts INTEGER NOT NULL DEFAULT 0,
				next_attempt_at INTEGER NOT NULL,
				claimed_until INTEGER,
				sent_at INTEGER,
				failed_at INTEGER,
				last_error TEXT
			);
			CREATE INDEX email_outbox_due ON email_outbox(sent_at, failed_at, next_attempt_at);
		`
	}
];
