import { redirect } from '@sveltejs/kit';
import { bodyForPage } from '$lib/server/bodies';
import { courseCompletion } from '$lib/server/completion';
import { useDatabase, type DB } from '$lib/server/db';
import { findCourse, loadLesson } from '$lib/server/content';
import { loadLessonDiscussion } from '$lib/server/forum/thread-page';
import { followState } from '$lib/server/notifications';
import * as progress from '$lib/server/progress';
import { requireUser } from '$lib/server/request';
import { formOf } from '$lib/server/forms';
import { composeForLearners } from '$lib/server/learner-pages';
import type { SessionUser } from '$lib/server/session';
import { lessonParts } from './parts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, isDataRequest }) => {
	const found = loadLesson(params.course, params.sequence, params.lesson);
	const page = { ...found, body: await bodyForPage(found.lesson.file, isDataRequest) };
	// Anonymous pages are cached and shared: what one learner has done is only in signed-in pages.
	if (!locals.user) {
		const discussion = await loadLessonDiscussion(useDatabase(), found.lesson.key, null);
		return { ...page, discussion, done: null, learner: null };
	}
	return { ...page, ...(await learnerData(useDatabase(), locals.user, found)) };
};

/** What a signed-in learner's lesson page shows of them; reading it counts as a visit. */
async function learnerData(db: DB, user: SessionUser, found: ReturnType<typeof loadLesson>) {
	const discussion = await loadLessonDiscussion(db, found.lesson.key, user);
	await progress.recordVisit(db, user.id, found.lesson, found.course.slug);
	const [completion, follows] = await Promise.all([
		courseCompletion(db, user.id, findCourse(found.course.slug)!),
		followState(db, user.id, { lessonKey: found.lesson.key })
	]);
	return {
		discussion: { ...discussion, following: follows.lesson },
		done: completion.doneLessons.includes(found.lesson.key),
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
}

// A signed-in learner's lesson page is made from the anonymous one with these parts rendered for
// them (learner-pages.ts), from the same data as `load` gives.
composeForLearners('/[course]/[sequence]/[lesson]', {
	async load(db, user, params) {
		const found = loadLesson(params.course, params.sequence, params.lesson);
		return { ...found, ...(await learnerData(db, user, found)) };
	},
	parts: lessonParts
});

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
