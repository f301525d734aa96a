import { useDatabase } from '$lib/server/db';
import { editCountsByLesson } from '$lib/server/edits';
import { lessonRefs } from '$lib/server/forum/course';
import { discussionCourse } from '$lib/server/forum-pages';
import { listFiltersSchema } from '$lib/server/forum/schema';
import { listCourseThreads } from '$lib/server/forum/thread-lists';
import { editsExportUrl, feedUrl } from '$lib/server/forum/urls';
import { isStaff } from '$lib/roles';
import { followState } from '$lib/server/notifications';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const course = discussionCourse(params.course);
	const filters = listFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const list = await listCourseThreads(useDatabase(), course.slug, filters);
	const staff = !!locals.user && isStaff(locals.user.role);
	return {
		course: { slug: course.slug, title: course.title, url: course.url },
		sequences: course.sequences,
		filters,
		lessonFilter: filters.lesson ? (course.lessons.get(filters.lesson) ?? null) : null,
		...list,
		lessons: lessonRefs(course, new Set(list.threads.map((thread) => thread.lessonKey))),
		feedUrl: feedUrl(course.slug),
		editsExportUrl: staff ? editsExportUrl(course.slug) : null,
		editCounts: staff
			? (await editCountsByLesson(useDatabase(), course.slug, [...course.lessons.keys()])).map(
					(row) => ({ ...row, title: course.lessons.get(row.lessonKey)?.title ?? row.lessonKey })
				)
			: null,
		follows: locals.user && {
			...(await followState(useDatabase(), locals.user.id, { course: course.slug })),
			mayFollowSuggestions: locals.user.role !== 'learner'
		}
	};
};
