/** Table types of notifications, follows and the email outbox, part of the database's type. */
import type { Generated } from 'kysely';

export type FollowKind = 'thread' | 'lesson' | 'course' | 'suggestions';
export type FollowState = 'following' | 'muted';
export type NotificationKind =
	'thread' | 'reply' | 'status' | 'hidden' | 'restored' | 'mention' | 'flag';
export type EmailMode = 'each' | 'digest' | 'never';
/** Where a notification stands for email: none to send, waiting for the digest, or sent. */
export type NotificationEmail = 'none' | 'digest' | 'sent';

export interface FollowTable {
	user_id: number;
	kind: FollowKind;
	/** A thread's id, a lesson's key `course/sequence/lesson`, or a course's slug. */
	target: string;
	/** `muted` only for threads: the learner left a thread that a lesson or course follow covers. */
	state: FollowState;
	created_at: number;
}

export interface NotificationTable {
	id: Generated<number>;
	user_id: number;
	kind: NotificationKind;
	thread_id: number | null;
	post_id: number | null;
	/** Who acted; null for a deleted account. */
	actor_id: number | null;
	course: string;
	/** The thread's title when it happened, so the list reads the same after an edit. */
	thread_title: string;
	/** The new status of a thread. */
	detail: string | null;
	/** A moderator's note or reason. */
	note: string | null;
	created_at: number;
	read_at: number | null;
	email: NotificationEmail;
	emailed_at: number | null;
}

export interface NotificationSettingsTable {
	user_id: number;
	email_mode: EmailMode;
	/** The secret part of the learner's Atom feed address; null until they ask for one. */
	feed_token: string | null;
	/** Signs unsubscribe links: replacing it voids every link already sent. */
	unsubscribe_key: string;
	last_digest_at: number | null;
	/** The address emails stopped going to after repeated failures (while it is still theirs). */
	stopped_address: string | null;
	stopped_at: number | null;
}

export interface EmailOutboxTable {
	id: Generated<number>;
	/** Stable across attempts: a message sent twice after a crash is recognisably the same one. */
	message_id: string;
	/** The account the message is for; null for none (its rows go with the account). */
	user_id: number | null;
	recipient: string;
	subject: string;
	text: string;
	html: string | null;
	/** JSON object of extra headers (List-Unsubscribe…). */
	headers: string | null;
	/** The link the message carries, printed in outbox mode when OUTBOX_PRINT_LINKS is set. */
	link: string | null;
	created_at: number;
	attempts: number;
	next_attempt_at: number;
	/** A sender holds the message until then; after a crash, the next one takes it up again. */
	claimed_until: number | null;
	sent_at: number | null;
	failed_at: number | null;
	last_error: string | null;
}

export interface NotificationTables {
	follows: FollowTable;
	notifications: NotificationTable;
	notification_settings: NotificationSettingsTable;
	email_outbox: EmailOutboxTable;
}
