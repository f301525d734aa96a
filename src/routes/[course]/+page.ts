import { loadBody } from '$lib/content/bodies';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data }) => ({
	...data,
	introduction: await loadBody(data.course.file)
});
