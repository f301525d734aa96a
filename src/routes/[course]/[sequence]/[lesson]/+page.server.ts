import { useDatabase } from '$lib/server/db';
import { loadLesson } from '$lib/server/content';
import * as progress from '$lib/server/progress';
import { requireUser } from '$lib/server/request';
import { formOf } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const page = loadLesson(params.course, params.sequence, params.lesson);
	if (!locals.user) return { ...page, done: null };
	const db = useDatabase();
	await progress.recordVisit(db, locals.user.id, page.lesson, page.course.slug);
	return { ...page, done: await progress.isLessonDone(db, locals.user.id, page.lesson.key) };
};

export const actions: Actions = {
	done: async ({ params, request }) => {
		const { user } = requireUser();
		const { course, lesson } = loadLesson(params.course, params.sequence, params.lesson);
		const done = (await formOf(request)).get('done') === 'yes';
		await progress.setLessonDone(useDatabase(), user.id, lesson, course.slug, done);
		return { done };
	}
};
