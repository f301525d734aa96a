// Who follows what: a thread (automatically once one starts or replies to it), every thread of a
// lesson or of a course, or (authors and moderators) every suggestion of a course. Leaving a
// thread that a lesson or course follow covers mutes it; following it again lifts that.
import type { DB } from '../db/index.ts';
import type { FollowKind } from './tables.ts';
import { prepared } from '../db/prepared.ts';

export const FOLLOW_KINDS: readonly FollowKind[] = ['thread', 'lesson', 'course', 'suggestions'];

export const isFollowKind = (value: string): value is FollowKind =>
	(FOLLOW_KINDS as readonly string[]).includes(value);

export async function follow(
	db: DB,
	userId: number,
	kind: FollowKind,
	target: string,
	now = Date.now()
) {
	await db
		.insertInto('follows')
		.values({ user_id: userId, kind, target, state: 'following', created_at: now })
		.onConflict((conflict) =>
			conflict.columns(['user_id', 'kind', 'target']).doUpdateSet({ state: 'following' })
		)
		.execute();
}

/** A thread is muted (a lesson or course follow may cover it); anything else is simply dropped. */
export async function unfollow(
	db: DB,
	userId: number,
	kind: FollowKind,
	target: string,
	now = Date.now()
) {
	if (kind === 'thread') {
		await db
			.insertInto('follows')
			.values({ user_id: userId, kind, target, state: 'muted', created_at: now })
			.onConflict((conflict) =>
				conflict.columns(['user_id', 'kind', 'target']).doUpdateSet({ state: 'muted' })
			)
			.execute();
		return;
	}
	await db
		.deleteFrom('follows')
		.where('user_id', '=', userId)
		.where('kind', '=', kind)
		.where('target', '=', target)
		.execute();
}

/** Starting or replying to a thread follows it, unless the learner left it on purpose. */
export async function followOnWriting(db: DB, userId: number, threadId: number, now: number) {
	await db
		.insertInto('follows')
		.values({
			user_id: userId,
			kind: 'thread',
			target: String(threadId),
			state: 'following',
			created_at: now
		})
		.onConflict((conflict) => conflict.columns(['user_id', 'kind', 'target']).doNothing())
		.execute();
}

export interface ThreadPlace {
	id: number;
	course: string;
	lessonKey: string;
	kind: string;
}

const isSuggestion = (kind: string) => kind === 'suggestion' || kind === 'erratum';

/** Everyone who follows a thread, directly or through its lesson or course, and has not muted it. */
export async function followersOf(db: DB, thread: ThreadPlace): Promise<number[]> {
	const rows = await db
		.selectFrom('follows')
		.select('user_id')
		.distinct()
		.where('state', '=', 'following')
		.where((eb) =>
			eb.or([
				eb.and([eb('kind', '=', 'thread'), eb('target', '=', String(thread.id))]),
				eb.and([eb('kind', '=', 'lesson'), eb('target', '=', thread.lessonKey)]),
				eb.and([eb('kind', '=', 'course'), eb('target', '=', thread.course)]),
				...(isSuggestion(thread.kind)
					? [eb.and([eb('kind', '=', 'suggestions'), eb('target', '=', thread.course)])]
					: [])
			])
		)
		.where('user_id', 'not in', (eb) =>
			eb
				.selectFrom('follows as muted')
				.select('muted.user_id')
				.where('muted.kind', '=', 'thread')
				.where('muted.target', '=', String(thread.id))
				.where('muted.state', '=', 'muted')
		)
		.execute();
	return rows.map((row) => row.user_id);
}

/** Whether the learner follows each of these (a thread: directly or through its lesson or course). */
const followsOf = prepared((db, userId: number) =>
	db.selectFrom('follows').select(['kind', 'target', 'state']).where('user_id', '=', userId)
);

export async function followState(
	db: DB,
	userId: number,
	targets: { thread?: ThreadPlace; lessonKey?: string; course?: string }
) {
	const rows = await followsOf(db, userId);
	const has = (kind: FollowKind, target: string | undefined, state = 'following') =>
		target !== undefined &&
		rows.some((row) => row.kind === kind && row.target === target && row.state === state);
	const thread = targets.thread;
	return {
		thread: thread
			? !has('thread', String(thread.id), 'muted') &&
				(has('thread', String(thread.id)) ||
					has('lesson', thread.lessonKey) ||
					has('course', thread.course) ||
					(isSuggestion(thread.kind) && has('suggestions', thread.course)))
			: false,
		lesson: has('lesson', targets.lessonKey),
		course: has('course', targets.course),
		suggestions: has('suggestions', targets.course)
	};
}

/** What the learner follows, newest first, for their notifications page and their export. */
export async function listFollows(db: DB, userId: number) {
	const rows = await db
		.selectFrom('follows')
		.select(['kind', 'target', 'state', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((row) => ({
		kind: row.kind,
		target: row.target,
		state: row.state,
		createdAt: row.created_at
	}));
}
