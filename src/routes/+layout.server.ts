import { useDatabase } from '$lib/server/db';
import { layoutData } from '$lib/server/layout-data';
import type { LayoutServerLoad } from './$types';

// Computed from params and the address (not only from locals) so that client-side navigation
// into another course, or to another language, loads the language again.
export const load: LayoutServerLoad = ({ locals, params, request, url }) =>
	layoutData(useDatabase(), locals.user, {
		course: params.course,
		langParam: url.searchParams.get('lang'),
		acceptLanguage: request.headers.get('accept-language')
	});
