// Whether the index is up to date, read without the code that indexes: the lessons' version and
// the posts out of step with it. A server whose index is current (most starts) loads no more.
import type { DB } from '../db/index.ts';
import { NORMALIZER_VERSION } from './normalize.ts';

/** search_state's key for the version the lessons were indexed from (written by index.ts). */
export const LESSONS_VERSION_KEY = 'lessons';
export const lessonsVersionOf = (contentVersion: string) =>
	`${contentVersion}:${NORMALIZER_VERSION}`;

/** Whether the lessons in the index are those of this content (and this way of indexing). */
export async function lessonsAreCurrent(db: DB, contentVersion: string) {
	const row = await db
		.selectFrom('search_state')
		.select('value')
		.where('key', '=', LESSONS_VERSION_KEY)
		.executeTakeFirst();
	return row?.value === lessonsVersionOf(contentVersion);
}

/**
 * Posts the index does not hold as it should: visible ones it is missing (written before search
 * existed, or by a tool that wrote straight to the database), hidden or deleted ones it still
 * holds, and ones indexed in another language than their course's lessons (written before a new
 * course's lessons were indexed, so read as French).
 */
export async function postsOutOfStep(db: DB): Promise<{ missing: number[]; stale: number[] }> {
	const missing = await db
		.selectFrom('forum_posts as post')
		.leftJoin('search_passages as passage', 'passage.post_id', 'post.id')
		.select('post.id')
		.where('passage.id', 'is', null)
		.where('post.hidden_at', 'is', null)
		.where('post.deleted_at', 'is', null)
		.orderBy('post.id')
		.execute();
	const hidden = await db
		.selectFrom('search_passages as passage')
		.innerJoin('forum_posts as post', 'post.id', 'passage.post_id')
		.select('post.id')
		.where((eb) =>
			eb.or([eb('post.hidden_at', 'is not', null), eb('post.deleted_at', 'is not', null)])
		)
		.execute();
	const misread = await db
		.selectFrom('search_passages as passage')
		.select('passage.post_id')
		.where('passage.post_id', 'is not', null)
		.where((eb) =>
			eb(
				'passage.language',
				'<>',
				eb
					.selectFrom('search_passages as lesson')
					.select('lesson.language')
					.where('lesson.kind', '=', 'lesson')
					.whereRef('lesson.course', '=', 'passage.course')
					.limit(1)
			)
		)
		.execute();
	return {
		missing: missing.map((row) => row.id),
		stale: [...hidden.map((row) => row.id), ...misread.map((row) => row.post_id!)]
	};
}

/** Whether the index is up to date with this content and the forum: nothing to do at start. */
export async function searchIsCurrent(db: DB, contentVersion: string) {
	if (!(await lessonsAreCurrent(db, contentVersion))) return false;
	const { missing, stale } = await postsOutOfStep(db);
	return missing.length + stale.length === 0;
}
