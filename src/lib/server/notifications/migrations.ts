import type { Kysely } from 'kysely';
import { idColumn, oneOf, typesOf, type Dialect } from '../db/dialect.ts';
import type { LegacyMigration } from '../db/migrate.ts';

/**
 * Notifications, follows, email preferences and the durable email outbox; versions from 40 up.
 * Everything about a person goes with their account (ON DELETE CASCADE); a notification about a
 * thread goes with the thread.
 */
export const notificationMigrations: LegacyMigration[] = [
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

/** Follows, notifications, email preferences and the outbox as they stand today. */
export async function createNotificationTables(db: Kysely<any>, dialect: Dialect) {
	const { time } = typesOf(dialect);
	const id = idColumn(dialect);
	const person = 'users.id';
	await db.schema
		.createTable('follows')
		.addColumn('user_id', 'integer', (c) => c.notNull().references(person).onDelete('cascade'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(oneOf('kind', ['thread', 'lesson', 'course', 'suggestions']))
		)
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.defaultTo('following')
				.check(oneOf('state', ['following', 'muted']))
		)
		.addColumn('created_at', time, (c) => c.notNull())
		.addPrimaryKeyConstraint('follows_pkey', ['user_id', 'kind', 'target'])
		.execute();
	await db.schema.createIndex('follows_target').on('follows').columns(['kind', 'target']).execute();

	await db.schema
		.createTable('notifications')
		.addColumn('id', 'integer', id)
		.addColumn('user_id', 'integer', (c) => c.notNull().references(person).onDelete('cascade'))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					oneOf('kind', ['thread', 'reply', 'status', 'hidden', 'restored', 'mention', 'flag'])
				)
		)
		.addColumn('thread_id', 'integer', (c) => c.references('forum_threads.id').onDelete('cascade'))
		.addColumn('post_id', 'integer', (c) => c.references('forum_posts.id').onDelete('set null'))
		.addColumn('actor_id', 'integer', (c) => c.references(person).onDelete('set null'))
		.addColumn('course', 'text', (c) => c.notNull())
		.addColumn('thread_title', 'text', (c) => c.notNull())
		.addColumn('detail', 'text')
		.addColumn('note', 'text')
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('read_at', time)
		.addColumn('email', 'text', (c) =>
			c
				.notNull()
				.defaultTo('none')
				.check(oneOf('email', ['none', 'digest', 'sent']))
		)
		.addColumn('emailed_at', time)
		.execute();
	await db.schema
		.createIndex('notifications_user')
		.on('notifications')
		.columns(['user_id', 'id desc'])
		.execute();
	await db.schema
		.createIndex('notifications_unread')
		.on('notifications')
		.columns(['user_id', 'read_at'])
		.execute();
	await db.schema
		.createIndex('notifications_digest')
		.on('notifications')
		.columns(['email', 'user_id'])
		.execute();
	await db.schema
		.createIndex('notifications_thread')
		.on('notifications')
		.columns(['user_id', 'thread_id', 'emailed_at'])
		.execute();

	await db.schema
		.createTable('notification_settings')
		.addColumn('user_id', 'integer', (c) => c.primaryKey().references(person).onDelete('cascade'))
		.addColumn('email_mode', 'text', (c) =>
			c
				.notNull()
				.defaultTo('digest')
				.check(oneOf('email_mode', ['each', 'digest', 'never']))
		)
		.addColumn('feed_token', 'text', (c) => c.unique())
		.addColumn('unsubscribe_key', 'text', (c) => c.notNull())
		.addColumn('last_digest_at', time)
		.addColumn('stopped_address', 'text')
		.addColumn('stopped_at', time)
		.execute();

	await db.schema
		.createTable('email_outbox')
		.addColumn('id', 'integer', id)
		.addColumn('message_id', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'integer', (c) => c.references(person).onDelete('cascade'))
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('html', 'text')
		.addColumn('headers', 'text')
		.addColumn('link', 'text')
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', time, (c) => c.notNull())
		.addColumn('claimed_until', time)
		.addColumn('sent_at', time)
		.addColumn('failed_at', time)
		.addColumn('last_error', 'text')
		.execute();
	await db.schema
		.createIndex('email_outbox_due')
		.on('email_outbox')
		.columns(['sent_at', 'failed_at', 'next_attempt_at'])
		.execute();
}
