import { redirect, type RequestEvent } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { formOf, textFields } from '$lib/server/forms';
import { forumFailure } from '$lib/server/forum-pages';
import { parseId } from '$lib/server/forum/forms';
import {
	dismissFlags,
	liftSuspension,
	loadModerationQueue,
	setPostHidden,
	suspendPostAuthor
} from '$lib/server/forum/moderation';
import { failure, type ForumResult } from '$lib/server/forum/schema';
import { requireModerator } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireModerator();
	return {
		queue: await loadModerationQueue(useDatabase(), user),
		notice: url.searchParams.get('notice')
	};
};

async function act(
	event: RequestEvent,
	action: string,
	idField: 'postId' | 'userId',
	fieldNames: readonly string[],
	run: (userId: number, id: number, fields: Record<string, string>) => Promise<ForumResult>,
	notice: string
) {
	const user = requireModerator();
	const fields = textFields(await formOf(event.request), [idField, ...fieldNames]);
	const id = parseId(fields[idField]);
	const result = id ? await run(user.id, id, fields) : failure('not-found');
	if (!result.ok) return forumFailure(result, event.locals.lang, { action, ...fields });
	redirect(303, `/moderation?notice=${notice}`);
}

export const actions: Actions = {
	hide: (event) =>
		act(
			event,
			'hide',
			'postId',
			['note'],
			(userId, postId, { note }) => setPostHidden(useDatabase(), userId, postId, true, { note }),
			'hidden'
		),
	dismiss: (event) =>
		act(
			event,
			'dismiss',
			'postId',
			['note'],
			(userId, postId, { note }) => dismissFlags(useDatabase(), userId, postId, { note }),
			'dismissed'
		),
	suspend: (event) =>
		act(
			event,
			'suspend',
			'postId',
			['until', 'note'],
			(userId, postId, { until, note }) =>
				suspendPostAuthor(useDatabase(), userId, postId, { until, note }),
			'suspended'
		),
	lift: (event) =>
		act(
			event,
			'lift',
			'userId',
			['note'],
			(userId, targetId, { note }) => liftSuspension(useDatabase(), userId, targetId, { note }),
			'lifted'
		)
};
