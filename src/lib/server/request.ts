import { error, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { isModerator } from '../roles.ts';
import type { RequestContext } from './auth.ts';
import { getConfig } from './config.ts';
import { setSessionCookie, type Session } from './session.ts';

export function isSecure(url: URL) {
	return url.protocol === 'https:';
}

/** Who asks, from where, and the public address links in emails should use. */
export function requestContext(event: RequestEvent): RequestContext {
	return {
		address: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent') ?? '',
		origin: getConfig().ORIGIN ?? event.url.origin,
		lang: event.locals.lang,
		sessionId: event.locals.session?.id ?? null
	};
}

export function startSession(
	event: { cookies: Cookies; url: URL },
	token: string,
	session: Session
) {
	setSessionCookie(event.cookies, token, session, isSecure(event.url));
}

export { safeRedirectTarget } from './redirect-target.ts';

/** For loads and actions that need an account: sends the visitor to sign in, then back. */
export function requireUser() {
	const { locals, url } = getRequestEvent();
	if (!locals.user || !locals.session) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { user: locals.user, session: locals.session };
}

/** For the moderators' pages: moderators and admins only; each action checks again. */
export function requireModerator() {
	const { user } = requireUser();
	if (!isModerator(user.role)) error(403, 'moderators only');
	return user;
}
