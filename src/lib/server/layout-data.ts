// What every page's layout shows (+layout.server.ts): the page's language, the one its links carry,
// and the reader's account links. Also read by learner-pages.ts, which renders those links itself.
import { carriedLanguage, chosenLanguage, pageLanguage } from '../i18n/index.ts';
import { getConfig } from './config.ts';
import { findCourse } from './content.ts';
import type { DB } from './db/index.ts';
import { countUnread } from './notifications/inbox.ts';
import type { SessionUser } from './session.ts';

export async function layoutData(
	db: DB,
	user: SessionUser | null,
	request: { course: string | undefined; langParam: string | null; acceptLanguage: string | null }
) {
	const courseLanguage = request.course ? findCourse(request.course)?.language : undefined;
	const preferred = user?.language ?? null;
	const chosen = chosenLanguage(request.langParam) ?? preferred;
	return {
		lang: pageLanguage(courseLanguage, request.acceptLanguage, chosen),
		/** Where dates are shown (TIME_ZONE): the browser must say the same times as the server. */
		timeZone: getConfig().TIME_ZONE,
		/** The language of the course this page belongs to, for links to the course's pages. */
		courseLanguage: courseLanguage ?? null,
		// An account's language needs no carrying: every page reads it.
		carried: preferred ? null : carriedLanguage(chosen, courseLanguage),
		user: user && {
			username: user.username,
			role: user.role,
			emailVerified: user.emailVerified,
			unreadNotifications: await countUnread(db, user.id)
		}
	};
}
