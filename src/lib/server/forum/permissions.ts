// Who may do what in the discussions. Every action asks here, on the server, with the account
// as the database has it now: a role or a suspension changed a second ago already counts.
import type { DB } from '../db/index.ts';
import type { PostingBlock, ThreadKind } from '../../forum.ts';
import { isModerator, isStaff, type Role } from '../../roles.ts';
import { findUserById, type User } from '../user.ts';
import { failure } from './schema.ts';

/** The person acting, read afresh from the database for each action. */
export type Actor = User;

/** What a page needs to know about its reader to show the right forms. */
export interface Viewer {
	id: number;
	role: Role;
	emailVerified: boolean;
	postingSuspendedUntil: number | null;
}

export async function findActor(db: DB, userId: number): Promise<Actor | null> {
	return findUserById(db, userId);
}

export const asViewer = (user: User): Viewer => ({
	id: user.id,
	role: user.role,
	emailVerified: user.emailVerifiedAt !== null,
	postingSuspendedUntil: user.postingSuspendedUntil
});

/** Why this person may not write right now, or null when they may. */
export function postingBlock(viewer: Viewer | null, now = Date.now()): PostingBlock | null {
	if (!viewer) return 'sign-in-required';
	if (!viewer.emailVerified) return 'email-unverified';
	if (isSuspended(viewer, now)) return 'suspended';
	return null;
}

function isSuspended(user: { postingSuspendedUntil: number | null }, now = Date.now()) {
	return user.postingSuspendedUntil !== null && user.postingSuspendedUntil > now;
}

/** Status of a question: its asker or the staff; of a suggestion or erratum: the staff only. */
export function canSetStatus(
	actor: { id: number; role: Role },
	thread: { kind: ThreadKind; authorId: number | null }
) {
	if (isStaff(actor.role)) return true;
	return thread.kind === 'question' && thread.authorId === actor.id;
}

export const canLock = (actor: { role: Role }) => isStaff(actor.role);
export const canHide = (actor: { role: Role }) => isModerator(actor.role);
export const canResolveFlags = (actor: { role: Role }) => isModerator(actor.role);

/** Moderators suspend learners and authors; admins anyone; nobody suspends themselves. */
export function canSuspend(actor: { id: number; role: Role }, target: { id: number; role: Role }) {
	if (actor.id === target.id) return false;
	if (actor.role === 'admin') return true;
	return actor.role === 'moderator' && (target.role === 'learner' || target.role === 'author');
}

/** The text of a hidden or deleted post stays readable to its author (hidden) and moderators. */
export function canReadMasked(
	viewer: { id: number; role: Role } | null,
	post: { authorId: number | null; deleted: boolean }
) {
	if (!viewer) return false;
	if (isModerator(viewer.role)) return true;
	return !post.deleted && post.authorId === viewer.id;
}

/** The actor, if they may write now; otherwise why not. */
export async function writer(db: DB, actorId: number, now = Date.now()) {
	const actor = await findActor(db, actorId);
	const block = postingBlock(actor && asViewer(actor), now);
	if (!actor || block)
		return failure(block ?? 'sign-in-required', {
			until: actor?.postingSuspendedUntil ?? undefined
		});
	return { ok: true as const, actor };
}
