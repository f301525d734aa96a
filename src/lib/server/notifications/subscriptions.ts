// Following and leaving from the site's forms: what may be followed, by whom, and what the
// learner's list of follows shows (titles rather than keys).
import type { Role } from '../db/schema.ts';
import type { DB } from '../db/index.ts';
import { findCourse } from '../content.ts';
import { threadUrl } from '../forum/urls.ts';
import { follow, isFollowKind, listFollows, unfollow } from './follows.ts';

export type FollowError = 'kind-invalid' | 'target-unknown' | 'forbidden';

const staff = (role: Role) => role === 'author' || role === 'moderator' || role === 'admin';

function findLesson(lessonKey: string) {
	const [courseSlug] = lessonKey.split('/');
	return findCourse(courseSlug)
		?.sequences.flatMap((sequence) => sequence.lessons)
		.find((lesson) => lesson.key === lessonKey);
}

async function findThreadTitle(db: DB, target: string) {
	if (!/^\d{1,15}$/.test(target)) return null;
	const row = await db
		.selectFrom('forum_threads')
		.select(['id', 'title', 'course'])
		.where('id', '=', Number(target))
		.executeTakeFirst();
	return row ?? null;
}

/** Follows or leaves a thread, a lesson, a course, or (staff) a course's suggestions. */
export async function changeFollow(
	db: DB,
	user: { id: number; role: Role },
	input: { kind: string; target: string; follow: boolean },
	now = Date.now()
): Promise<{ ok: true } | { ok: false; error: FollowError }> {
	const { kind, target } = input;
	if (!isFollowKind(kind)) return { ok: false, error: 'kind-invalid' };
	const exists =
		kind === 'thread'
			? (await findThreadTitle(db, target)) !== null
			: kind === 'lesson'
				? findLesson(target) !== undefined
				: findCourse(target) !== undefined;
	if (!exists) return { ok: false, error: 'target-unknown' };
	if (kind === 'suggestions' && input.follow && !staff(user.role))
		return { ok: false, error: 'forbidden' };
	if (input.follow) await follow(db, user.id, kind, target, now);
	else await unfollow(db, user.id, kind, target, now);
	return { ok: true };
}

/** The learner's follows with what they name, for their notifications page. */
export async function listFollowsForPage(db: DB, userId: number) {
	const follows = (await listFollows(db, userId)).filter((entry) => entry.state === 'following');
	const entries = [];
	for (const entry of follows) {
		if (entry.kind === 'thread') {
			const thread = await findThreadTitle(db, entry.target);
			if (thread)
				entries.push({ ...entry, title: thread.title, url: threadUrl(thread.course, thread.id) });
		} else if (entry.kind === 'lesson') {
			const lesson = findLesson(entry.target);
			if (lesson) entries.push({ ...entry, title: lesson.title, url: lesson.url });
		} else {
			const course = findCourse(entry.target);
			if (course)
				entries.push({
					...entry,
					title: course.title,
					url: `/${course.slug}/discussions${entry.kind === 'suggestions' ? '?kind=suggestion' : ''}`
				});
		}
	}
	return entries;
}
