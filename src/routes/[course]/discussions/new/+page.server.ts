import { redirect } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { formOf, textFields } from '$lib/server/forms';
import { discussionCourse, forumFailure } from '$lib/server/forum-pages';
import { postingBlock } from '$lib/server/forum/permissions';
import { createThreadInCourse } from '$lib/server/forum/threads';
import { requireUser } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['lessonKey', 'kind', 'title', 'body'] as const;

/** The page behind the « new thread » form: where it lands without JavaScript, text kept. */
export const load: PageServerLoad = ({ params, url, locals }) => {
	const course = discussionCourse(params.course);
	const lesson = course.lessons.get(url.searchParams.get('lesson') ?? '') ?? null;
	return {
		course: { slug: course.slug, title: course.title, url: course.url },
		lesson,
		lessons: [...course.lessons.values()].map((ref) => ({
			key: ref.key,
			title: ref.title,
			sequence: ref.sequence.title
		})),
		block: postingBlock(locals.user),
		suspendedUntil: locals.user?.postingSuspendedUntil ?? null
	};
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const { user } = requireUser();
		const course = discussionCourse(params.course);
		const fields = textFields(await formOf(request), FIELDS);
		const result = await createThreadInCourse(useDatabase(), user.id, course, fields);
		if (!result.ok) return forumFailure(result, locals.lang, fields);
		redirect(303, `${result.url}?notice=created`);
	}
};
