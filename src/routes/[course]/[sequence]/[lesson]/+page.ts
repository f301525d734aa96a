import { renderedBody } from '$lib/content/rendered-bodies';
import { keepLanguageInLinks } from '$lib/i18n';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, parent }) => {
	const { lang } = await parent();
	const html = data.body ?? renderedBody(data.lesson.file);
	return { ...data, body: keepLanguageInLinks(html, lang, data.course.language) };
};
