import { carriedLanguage, chosenLanguage, pageLanguage } from '$lib/i18n';
import { findCourse } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { countUnread } from '$lib/server/notifications/inbox';
import type { LayoutServerLoad } from './$types';

// Computed from params and the address (not only from locals) so that client-side navigation
// into another course, or to another language, loads the language again.
export const load: LayoutServerLoad = async ({ locals, params, request, url }) => {
	const courseLanguage = params.course ? findCourse(params.course)?.language : undefined;
	const preferred = locals.user?.language ?? null;
	const chosen = chosenLanguage(url.searchParams.get('lang')) ?? preferred;
	return {
		lang: pageLanguage(courseLanguage, request.headers.get('accept-language'), chosen),
		/** The language of the course this page belongs to, for links to the course's pages. */
		courseLanguage: courseLanguage ?? null,
		// An account's language needs no carrying: every page reads it.
		carried: preferred ? null : carriedLanguage(chosen, courseLanguage),
		user: locals.user && {
			username: locals.user.username,
			role: locals.user.role,
			emailVerified: locals.user.emailVerified,
			unreadNotifications: await countUnread(useDatabase(), locals.user.id)
		}
	};
};
