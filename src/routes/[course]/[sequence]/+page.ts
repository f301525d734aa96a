import { renderedBody } from '$lib/content/rendered-bodies';
import { keepLanguageInLinks } from '$lib/i18n';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, parent }) => {
	const { lang } = await parent();
	const html = data.introduction ?? renderedBody(data.sequence.file);
	return { ...data, introduction: keepLanguageInLinks(html, lang, data.course.language) };
};
