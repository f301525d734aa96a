import { bodyForPage } from '$lib/server/bodies';
import { courseCompletion } from '$lib/server/completion';
import { findCourse, loadCourse } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { courseProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, isDataRequest }) => {
	const course = loadCourse(params.course);
	const introduction = await bodyForPage(course.file, isDataRequest);
	if (!locals.user) return { course, introduction, progress: null, completion: null };
	const db = useDatabase();
	const found = findCourse(course.slug)!;
	const [progress, completion] = await Promise.all([
		courseProgress(db, locals.user.id, found),
		courseCompletion(db, locals.user.id, found)
	]);
	return { course, introduction, progress, completion };
};
