import { bodyForPage } from '$lib/server/bodies';
import { findCourse, loadCourse } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { courseProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, isDataRequest }) => {
	const course = loadCourse(params.course);
	const introduction = await bodyForPage(course.file, isDataRequest);
	const progress = locals.user
		? await courseProgress(useDatabase(), locals.user.id, findCourse(course.slug)!)
		: null;
	return { course, introduction, progress };
};
