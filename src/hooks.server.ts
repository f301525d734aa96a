import { useTimeZone } from '$lib/format';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { chosenLanguage } from '$lib/i18n';
import * as actionNames from '$lib/server/action-names';
import { startSigningKey } from '$lib/server/certificates/signing-key';
import { getConfig } from '$lib/server/config';
import { contentVersion, findCourse } from '$lib/server/content';
import { closeDatabase, startDatabase, useDatabase } from '$lib/server/db';
import { anyEditUnderReview } from '$lib/server/edits/store';
import { SECURITY_HEADERS, STRICT_POLICY } from '$lib/server/headers';
import * as httpCache from '$lib/server/http-cache';
import { emailsQueued, transmit } from '$lib/server/email';
import { schedulePurge } from '$lib/server/housekeeping';
import { parseId } from '$lib/server/forum/forms';
import { markThreadRead, queueDigests, startSender } from '$lib/server/notifications';
import { requestLanguage } from '$lib/server/language';
import * as learnerPages from '$lib/server/learner-pages';
import * as log from '$lib/server/log';
import * as pageCache from '$lib/server/page-cache';
import { followChanges } from '$lib/server/page-versions';
import { mustSetUpSecondFactor } from '$lib/server/auth';
import { isSecure } from '$lib/server/request';
import { startSearchPreparation } from '$lib/server/search/ready';
import { lessonSource } from '$lib/server/lesson-sources';
import {
	deleteSessionCookie,
	sessionCookieName,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/session';

/** The next turn of the event loop: the server listens by then (server.js, as adapter-node). */
const afterListening = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Before the first request: the configuration validated, the database opened (and migrated), the
 * certificates' signing key read. The rest starts once the server listens: the search index
 * follows the content (searches wait for it, search/ready.ts), suggested edits the build merged
 * close, expired rows are purged and the outbox is sent, then again on their schedules.
 */
export const init: ServerInit = async () => {
	// Dates in emails, and in the parts of pages made outside a rendering (learner-pages.ts).
	useTimeZone(getConfig().TIME_ZONE);
	const connection = await startDatabase(getConfig().database);
	// Other instances on the same PostgreSQL database tell what they changed: pages kept here follow.
	followChanges(connection);
	// The site's key, in the database: put there at the first start (from the data folder's key
	// file of an earlier release, if any), then read by every server of the site.
	await startSigningKey(useDatabase());
	const search = startSearchPreparation(connection.db);
	const closingEdits = closeMergedEditsSoon();
	const background = afterListening().then(() => ({
		stopPurging: schedulePurge(useDatabase),
		sender: startSender(useDatabase, { transmit, periodic: queueDigests })
	}));
	// Emitted by server.js (as by adapter-node) once the last request in flight has been answered.
	// Emails being composed still need the database to be queued; the message being sent is marked
	// before it closes. The rest waits in the outbox for the next start, as does the search index
	// when its lessons were not all read yet.
	process.once('sveltekit:shutdown', () => {
		void background
			.then(({ stopPurging, sender }) => {
				stopPurging();
				return Promise.all([sender.stop(), emailsQueued(), search.stop(), closingEdits]);
			})
			.finally(closeDatabase);
	});
};

/**
 * A new build may hold edits the authors merged: their suggestions close themselves. The edits'
 * module (with its Markdown and diff libraries) is loaded only when some edit is under review.
 */
function closeMergedEditsSoon(): Promise<void> {
	return afterListening()
		.then(() => anyEditUnderReview(useDatabase()))
		.then(async (underReview) => {
			if (!underReview) return;
			const { closeMergedEdits } = await import('$lib/server/edits');
			await closeMergedEdits(useDatabase(), {
				source: lessonSource,
				version: contentVersion,
				languageOf: (course) => findCourse(course)?.language ?? 'fr'
			});
		})
		.catch((error: unknown) =>
			log.useLogger().log('error', {
				message: 'closing the merged suggested edits failed',
				error: String((error as Error)?.message ?? error)
			})
		);
}

const language: Handle = async ({ event, resolve }) => {
	event.locals.lang = requestLanguage(event.url, event.request.headers.get('accept-language'));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
};

/** Anonymous readers carry no cookie and get none; a session cookie is renewed as it is used. */
const authentication: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const secure = isSecure(event.url);
	const token = event.cookies.get(sessionCookieName(secure));
	if (!token) return resolve(event);
	const found = await validateSessionToken(useDatabase(), token);
	if (!found) {
		deleteSessionCookie(event.cookies, secure);
		return resolve(event);
	}
	event.locals.user = found.user;
	event.locals.session = found.session;
	// A signed-in reader's chosen language comes before the course's, after a `?lang=` of the page.
	if (found.user.language && !chosenLanguage(event.url.searchParams.get('lang')))
		event.locals.lang = found.user.language;
	// The cookie's expiry follows the session's last activity, which is written once an hour: the
	// browser's cookie is renewed then, not re-sent unchanged with every page.
	if (found.renewed) setSessionCookie(event.cookies, token, found.session, secure);
	if (mustSetUpSecondFactor(found.user, event.url.pathname)) {
		return new Response(null, {
			status: 303,
			headers: { location: '/account?notice=second-factor-required#second-factor' }
		});
	}
	return resolve(event);
};

/** The thread page, whose reading marks the learner's notifications of the thread read. */
const THREAD_ROUTE = '/[course]/discussions/[thread]';

/**
 * A signed-in learner who opens a thread (from an email, the feed, a bookmark, not only from the
 * notifications page) has read what their notifications said of it. Marked before the layout
 * counts the unread ones, so that the header of this very page says what is left. Taps preload a
 * page's data, hovers never do (app.html): a link merely pointed at marks nothing.
 */
const readThread: Handle = async ({ event, resolve }) => {
	const user = event.locals.user;
	if (user && event.request.method === 'GET' && event.route.id === THREAD_ROUTE) {
		const threadId = parseId(event.params.thread);
		if (threadId) await markThreadRead(useDatabase(), user.id, threadId);
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	// Pages get their policy from kit.csp; anything else (endpoints, redirects) gets the strictest one.
	if (!headers.has('content-security-policy'))
		headers.set('content-security-policy', STRICT_POLICY);
	httpCache.setCachePolicy(headers, Boolean(event.locals.user));
	return response;
};

// The page cache comes after `language` (its key) and before `authentication`, which a cached
// anonymous page does not need. Learners' pages have their anonymous page rendered beside them
// once the session is known (learner-pages.ts).
export const handle = sequence(
	log.handle,
	httpCache.handle,
	securityHeaders,
	language,
	actionNames.handle,
	pageCache.handle,
	authentication,
	readThread,
	learnerPages.handle
);

export const handleError = log.handleError;
