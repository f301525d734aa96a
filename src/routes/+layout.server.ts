import { pageLanguage } from '$lib/i18n';
import { findCourse } from '$lib/server/content';
import type { LayoutServerLoad } from './$types';

// Computed from params (not only from locals) so that client-side navigation into another
// course loads the language again.
export const load: LayoutServerLoad = ({ locals, params, request }) => ({
	lang: pageLanguage(
		params.course ? findCourse(params.course)?.language : undefined,
		request.headers.get('accept-language')
	),
	user: locals.user && {
		username: locals.user.username,
		role: locals.user.role,
		emailVerified: locals.user.emailVerified
	}
});
