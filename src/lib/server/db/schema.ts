import type { CertificateTables } from '../certificates/tables.ts';
import type { EditTables } from '../edits/tables.ts';
import type { ForumTables } from '../forum/tables.ts';
import type { NotificationTables } from '../notifications/tables.ts';
import type { SearchTables } from '../search/tables.ts';

import type { Generated } from 'kysely';

import type { Role } from '../../roles.ts';

// Kept here too, where the server's modules have always found them.
export { ROLES, type Role } from '../../roles.ts';

export interface UserTable {
	id: Generated<number>;
	username: string;
	email: string;
	email_verified_at: number | null;
	password_hash: string;
	role: Role;
	created_at: number;
	/** Unused since migration 24: suspensions are the forum's (`forum_suspensions`). */
	posting_suspended_until: number | null;
	/** The interface language the person chose; null: the course's, else the browser's. */
	language: string | null;
}

export interface SessionTable {
	id: string;
	secret_hash: Buffer;
	user_id: number;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
	user_agent: string;
}

export type TokenPurpose = 'verify-email' | 'reset-password' | 'sign-in';

export interface EmailTokenTable {
	token_hash: string;
	user_id: number;
	purpose: TokenPurpose;
	email: string;
	created_at: number;
	expires_at: number;
}

export interface ThrottleTable {
	key: string;
	/** Events counted in the current window (allowed or not). */
	failures: number;
	window_start: number;
	expires_at: number;
}

export interface LessonProgressTable {
	user_id: number;
	lesson_key: string;
	course_slug: string;
	first_visited_at: number;
	last_visited_at: number;
	completed_at: number | null;
}

export interface QuizAttemptTable {
	id: Generated<number>;
	user_id: number;
	course_slug: string;
	/** The sequence's key, `course/sequence`: a quiz belongs to its sequence. */
	quiz_key: string;
	score: number;
	passed: 0 | 1;
	/** JSON: question id → chosen option ids. */
	answers: string;
	/** The quiz as it was answered (shared between attempts), so review survives edits of quiz.md. */
	snapshot_id: number | null;
	/** JSON: the questions drawn and their options, in the order shown; null before shuffling. */
	arrangement: string | null;
	created_at: number;
}

export interface QuizSnapshotTable {
	id: Generated<number>;
	/** SHA-256 of `quiz`: identical versions share a row. */
	hash: string;
	/** JSON: the questions, options, right answers and feedback of one version of a quiz. */
	quiz: string;
}

export interface SecondFactorTable {
	user_id: number;
	/** Base32 TOTP secret: the server must read it to check codes, so it cannot be hashed. */
	secret: string;
	/** Null while being set up, until a first code proves the app has it. */
	confirmed_at: number | null;
	/** The last time step whose code was used: it and earlier ones are refused. */
	last_counter: number;
}

export interface RecoveryCodeTable {
	user_id: number;
	code_hash: string;
}

export interface SignInChallengeTable {
	token_hash: string;
	user_id: number;
	expires_at: number;
}

export interface Database
	extends ForumTables, CertificateTables, SearchTables, NotificationTables, EditTables {
	second_factors: SecondFactorTable;
	recovery_codes: RecoveryCodeTable;
	sign_in_challenges: SignInChallengeTable;
	lesson_progress: LessonProgressTable;
	quiz_attempts: QuizAttemptTable;
	quiz_snapshots: QuizSnapshotTable;
	users: UserTable;
	sessions: SessionTable;
	email_tokens: EmailTokenTable;
	throttles: ThrottleTable;
}
