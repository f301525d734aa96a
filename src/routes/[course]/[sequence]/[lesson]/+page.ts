import { renderedBody } from '$lib/content/rendered-bodies';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ data }) => ({
	...data,
	body: data.body ?? renderedBody(data.lesson.file)
});
