/** Table types of the discussions, part of the database's type. */
import type { Generated } from 'kysely';
import type { FlagResolution, ModerationAction, ThreadKind, ThreadStatus } from '../../forum.ts';

export type { FlagResolution, ModerationAction, ThreadKind, ThreadStatus };

export interface ForumThreadTable {
	id: Generated<number>;
	course: string;
	sequence: string;
	/** `course/sequence/lesson`, the lesson's stable content key. */
	lesson_key: string;
	kind: ThreadKind;
	title: string;
	status: Generated<ThreadStatus>;
	status_note: string | null;
	status_set_by: number | null;
	status_set_at: number | null;
	locked_at: number | null;
	/** null once the account is deleted. */
	author_id: number | null;
	created_at: number;
	last_activity_at: number;
}

export interface ForumPostTable {
	id: Generated<number>;
	thread_id: number;
	author_id: number | null;
	/** The Markdown as written. */
	body: string;
	/** The sanitized HTML rendered from `body` by `render_version` of the renderer. */
	body_html: string;
	render_version: number;
	/** SHA-256 of the normalized text, to refuse the same text posted twice in a row. */
	body_hash: string;
	created_at: number;
	edited_at: number | null;
	deleted_at: number | null;
	hidden_at: number | null;
	hidden_by: number | null;
}

export interface ForumFlagTable {
	id: Generated<number>;
	post_id: number;
	user_id: number;
	reason: string;
	created_at: number;
	resolved_at: number | null;
	resolved_by: number | null;
	resolution: FlagResolution | null;
}

export interface ForumModerationLogTable {
	id: Generated<number>;
	actor_id: number | null;
	action: ModerationAction;
	thread_id: number | null;
	post_id: number | null;
	target_user_id: number | null;
	/** What changed, in a stable form: the new status, the end of a suspension (ISO date)… */
	detail: string | null;
	note: string | null;
	created_at: number;
}

export interface ForumSuspensionTable {
	user_id: number;
	/** When writing opens again (ms since epoch); a row past its end is a finished suspension. */
	until: number;
}

export interface ForumTables {
	forum_threads: ForumThreadTable;
	forum_posts: ForumPostTable;
	forum_flags: ForumFlagTable;
	forum_moderation_log: ForumModerationLogTable;
	forum_suspensions: ForumSuspensionTable;
}
