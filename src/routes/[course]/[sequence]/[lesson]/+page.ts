import { renderedBody } from '$lib/content/rendered-bodies';
import { keepLanguageInLinks } from '$lib/i18n';
import type { PageLoad } from './$types';

// A lesson is read, navigated and answered with HTML alone: a visit that starts here loads no
// SvelteKit script, only page-script.ts. Reached by client-side navigation from a page that runs
// SvelteKit, it is rendered in the browser as any other page.
export const csr = false;

export const load: PageLoad = async ({ data, parent }) => {
	const { lang } = await parent();
	const html = data.body ?? renderedBody(data.lesson.file);
	return { ...data, body: keepLanguageInLinks(html, lang, data.course.language) };
};
