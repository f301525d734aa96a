import { error } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { asMailbox, exportCourseEdits } from '$lib/server/edits';
import { discussionCourse } from '$lib/server/forum-pages';
import { lessonSource } from '$lib/server/lesson-sources';
import { requireUser } from '$lib/server/request';
import { isStaff } from '$lib/roles';
import { messagesFor } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** Every accepted edit of the course as one mailbox of patches, which `git am` applies in order. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { user } = requireUser();
	if (!isStaff(user.role)) error(403, messagesFor(locals.lang).errors.forbiddenText);
	const course = discussionCourse(params.course);
	const result = await exportCourseEdits(useDatabase(), course.slug, lessonSource);
	return new Response(asMailbox(result), {
		headers: {
			'content-type': 'application/mbox; charset=utf-8',
			'content-disposition': `attachment; filename="${course.slug}-edits.mbox"`,
			'cache-control': 'private, no-store'
		}
	});
};
