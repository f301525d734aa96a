import { redirect } from '@sveltejs/kit';
import { bodyForPage } from '$lib/server/bodies';
import { courseCompletion } from '$lib/server/completion';
import { useDatabase } from '$lib/server/db';
import { findCourse, loadLesson } from '$lib/server/content';
import { loadLessonDiscussion } from '$lib/server/forum/thread-page';
import { followState } from '$lib/server/notifications';
import * as progress from '$lib/server/progress';
import { requireUser } from '$lib/server/request';
import { formOf } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, isDataRequest }) => {
	const found = loadLesson(params.course, params.sequence, params.lesson);
	const page = { ...found, body: await bodyForPage(found.lesson.file, isDataRequest) };
	const db = useDatabase();
	const discussion = await loadLessonDiscussion(db, page.lesson.key, locals.user);
	// Anonymous pages are cached and shared: what one learner has done is only in signed-in pages.
	if (!locals.user) return { ...page, discussion, done: null, learner: null };
	await progress.recordVisit(db, locals.user.id, page.lesson, page.course.slug);
	const [completion, follows] = await Promise.all([
		courseCompletion(db, locals.user.id, findCourse(page.course.slug)!),
		followState(db, locals.user.id, { lessonKey: page.lesson.key })
	]);
	return {
		...page,
		discussion: { ...discussion, following: follows.lesson },
		done: completion.doneLessons.includes(page.lesson.key),
		learner: {
			doneLessons: completion.doneLessons,
			passedQuizzes: completion.sequences
				.filter((sequence) => sequence.quizPassed)
				.map(({ key }) => key),
			completeSequences: completion.sequences
				.filter((sequence) => sequence.complete)
				.map(({ key }) => key)
		}
	};
};

export const actions: Actions = {
	done: async ({ params, request, url }) => {
		const { user } = requireUser();
		const { course, lesson } = loadLesson(params.course, params.sequence, params.lesson);
		const done = (await formOf(request)).get('done') === 'yes';
		await progress.setLessonDone(useDatabase(), user.id, lesson, course.slug, done);
		// Back to the lesson by GET, at the button: a reload shows the state, never posts again.
		redirect(303, `${url.pathname}#progress`);
	}
};
