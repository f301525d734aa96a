import { loadGlossary } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => loadGlossary(params.course);
