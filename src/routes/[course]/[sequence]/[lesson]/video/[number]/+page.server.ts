import { error } from '@sveltejs/kit';
import { loadLessonVideo } from '$lib/server/content';
import type { PageServerLoad } from './$types';

// Where a reader without JavaScript plays a lesson's video: the player loads only on this page.
export const load: PageServerLoad = ({ params }) => {
	const number = Number(params.number);
	if (!Number.isInteger(number) || number < 1) error(404, 'video not found');
	return loadLessonVideo(params.course, params.sequence, params.lesson, number);
};
