import { loadLesson } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) =>
	loadLesson(params.course, params.sequence, params.lesson);
