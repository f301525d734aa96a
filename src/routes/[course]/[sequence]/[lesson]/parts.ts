// The parts of a lesson page that show who reads it (see $lib/components/site/parts.ts): rendered by
// +page.svelte, and by learner-pages.ts for a signed-in learner's page made from the anonymous one.
import LessonFollow from '$lib/components/forum/LessonFollow.svelte';
import LessonPosting from '$lib/components/forum/LessonPosting.svelte';
import { part, type Parts } from '$lib/components/site/parts';
import CourseOutline from './CourseOutline.svelte';
import LessonDone from './LessonDone.svelte';
import type { PageServerData } from './$types';

export const lessonParts = {
	done: (data) => part(LessonDone, { done: data.done }, { shared: true }),
	outline: (data) =>
		part(CourseOutline, {
			outline: data.outline,
			lessonKey: data.lesson.key,
			sequenceKey: data.sequence.key,
			learner: data.learner
		}),
	follow: (data) =>
		part(
			LessonFollow,
			{
				lessonKey: data.discussion.lessonKey,
				following: 'following' in data.discussion ? data.discussion.following : undefined
			},
			{ shared: true }
		),
	posting: ({ discussion: { posting, newThreadUrl, lessonKey } }) =>
		part(LessonPosting, { discussion: { posting, newThreadUrl, lessonKey } }, { shared: true })
} satisfies Parts<
	Pick<PageServerData, 'done' | 'outline' | 'lesson' | 'sequence' | 'learner' | 'discussion'>
>;
