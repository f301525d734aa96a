import type { Kysely } from 'kysely';
import { idColumn, oneOf, typesOf, type Dialect } from '../db/dialect.ts';
import type { LegacyMigration } from '../db/migrate.ts';

/**
 * Discussion tables; versions 4 and 24.
 *
 * Authorship survives the account: references to users that wrote or decided something are
 * `ON DELETE SET NULL`, so a deleted account's posts stay readable, signed « compte supprimé ».
 * A flag means nothing without the person who raised it, so flags go with their account.
 */
export const forumMigrations: LegacyMigration[] = [
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

/** The discussion tables as they stand today (see above for what goes with a deleted account). */
export async function createForumTables(db: Kysely<any>, dialect: Dialect) {
	const { time } = typesOf(dialect);
	const id = idColumn(dialect);
	const kept = 'users.id';
	await db.schema
		.createTable('forum_threads')
		.addColumn('id', 'integer', id)
		.addColumn('course', 'text', (c) => c.notNull())
		.addColumn('sequence', 'text', (c) => c.notNull())
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(oneOf('kind', ['question', 'suggestion', 'erratum']))
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(oneOf('status', ['open', 'answered', 'accepted', 'done', 'declined']))
		)
		.addColumn('status_note', 'text')
		.addColumn('status_set_by', 'integer', (c) => c.references(kept).onDelete('set null'))
		.addColumn('status_set_at', time)
		.addColumn('locked_at', time)
		.addColumn('author_id', 'integer', (c) => c.references(kept).onDelete('set null'))
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('last_activity_at', time, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('forum_threads_lesson')
		.on('forum_threads')
		.columns(['lesson_key', 'last_activity_at desc'])
		.execute();
	await db.schema
		.createIndex('forum_threads_course')
		.on('forum_threads')
		.columns(['course', 'last_activity_at desc'])
		.execute();
	await db.schema
		.createIndex('forum_threads_author')
		.on('forum_threads')
		.column('author_id')
		.execute();

	await db.schema
		.createTable('forum_posts')
		.addColumn('id', 'integer', id)
		.addColumn('thread_id', 'integer', (c) =>
			c.notNull().references('forum_threads.id').onDelete('cascade')
		)
		.addColumn('author_id', 'integer', (c) => c.references(kept).onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('body_html', 'text', (c) => c.notNull())
		.addColumn('render_version', 'integer', (c) => c.notNull())
		.addColumn('body_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('edited_at', time)
		.addColumn('deleted_at', time)
		.addColumn('hidden_at', time)
		.addColumn('hidden_by', 'integer', (c) => c.references(kept).onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('forum_posts_thread')
		.on('forum_posts')
		.columns(['thread_id', 'id'])
		.execute();
	await db.schema
		.createIndex('forum_posts_author')
		.on('forum_posts')
		.columns(['author_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('forum_flags')
		.addColumn('id', 'integer', id)
		.addColumn('post_id', 'integer', (c) =>
			c.notNull().references('forum_posts.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references(kept).onDelete('cascade'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', time, (c) => c.notNull())
		.addColumn('resolved_at', time)
		.addColumn('resolved_by', 'integer', (c) => c.references(kept).onDelete('set null'))
		.addColumn('resolution', 'text', (c) => c.check(oneOf('resolution', ['hidden', 'dismissed'])))
		.addUniqueConstraint('forum_flags_post_user', ['post_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('forum_flags_open')
		.on('forum_flags')
		.columns(['resolved_at', 'post_id'])
		.execute();

	await db.schema
		.createTable('forum_moderation_log')
		.addColumn('id', 'integer', id)
		.addColumn('actor_id', 'integer', (c) => c.references(kept).onDelete('set null'))
		.addColumn('action', 'text', (c) =>
			c
				.notNull()
				.check(
					oneOf('action', [
						'hide',
						'unhide',
						'lock',
						'unlock',
						'suspend',
						'unsuspend',
						'status',
						'resolve-flags'
					])
				)
		)
		.addColumn('thread_id', 'integer', (c) => c.references('forum_threads.id').onDelete('set null'))
		.addColumn('post_id', 'integer', (c) => c.references('forum_posts.id').onDelete('set null'))
		.addColumn('target_user_id', 'integer', (c) => c.references(kept).onDelete('set null'))
		.addColumn('detail', 'text')
		.addColumn('note', 'text')
		.addColumn('created_at', time, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('forum_moderation_log_time')
		.on('forum_moderation_log')
		.column('created_at desc')
		.execute();

	await db.schema
		.createTable('forum_suspensions')
		.addColumn('user_id', 'integer', (c) => c.primaryKey().references(kept).onDelete('cascade'))
		.addColumn('until', time, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('forum_suspensions_until')
		.on('forum_suspensions')
		.column('until')
		.execute();
}
