import { loadCourse } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => ({ course: loadCourse(params.course) });
