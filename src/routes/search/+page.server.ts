import { error } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { keptFilters, loadSearchPage, searchErrorMessage } from '$lib/server/search/page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals, getClientAddress, setHeaders }) => {
	// Results follow moderation from one request to the next, and a query is nobody else's
	// business: no cache keeps them (the page cache leaves this route out too).
	setHeaders({ 'cache-control': 'no-store' });
	const page = await loadSearchPage(useDatabase(), getClientAddress(), url.searchParams);
	if (!page.ok) {
		error(page.status, {
			message: searchErrorMessage(locals.lang, page),
			search: keptFilters(url.searchParams)
		});
	}
	return page;
};
