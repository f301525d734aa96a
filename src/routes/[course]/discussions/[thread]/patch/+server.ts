import { error } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { exportEdit } from '$lib/server/edits';
import { discussionCourse } from '$lib/server/forum-pages';
import { parseId } from '$lib/server/forum/forms';
import { forumErrorMessage, FORUM_ERROR_STATUS } from '$lib/server/forum/forms';
import { findThreadCourse } from '$lib/server/forum/thread-store';
import { lessonSource } from '$lib/server/lesson-sources';
import { requireUser } from '$lib/server/request';
import { messagesFor } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** An accepted edit as a `git format-patch` mail, for the staff to `git am`. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { user } = requireUser();
	const course = discussionCourse(params.course);
	const threadId = parseId(params.thread);
	if (!threadId || (await findThreadCourse(useDatabase(), threadId)) !== course.slug)
		error(404, messagesFor(locals.lang).errors.notFoundText);
	const result = await exportEdit(useDatabase(), user.id, threadId, lessonSource);
	if (!result.ok) error(FORUM_ERROR_STATUS[result.error], forumErrorMessage(result, locals.lang));
	const [patch] = result.patches;
	return new Response(patch.mail, {
		headers: {
			'content-type': 'text/x-patch; charset=utf-8',
			'content-disposition': `attachment; filename="${patch.name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
