import { loadSequence } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => loadSequence(params.course, params.sequence);
