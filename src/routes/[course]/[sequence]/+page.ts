import { renderedBody } from '$lib/content/rendered-bodies';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ data }) => ({
	...data,
	introduction: data.introduction ?? renderedBody(data.sequence.file)
});
