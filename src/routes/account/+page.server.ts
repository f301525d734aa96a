import { error, fail, redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { isSecure, requestContext, requireUser, safeRedirectTarget } from '$lib/server/request';
import {
	deleteSessionCookie,
	invalidateSession,
	invalidateUserSessions,
	listSessions
} from '$lib/server/session';
import { findUserById, setLanguage } from '$lib/server/user';
import { chosenLanguage, messagesFor } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { user, session } = requireUser();
	const db = useDatabase();
	const account = await findUserById(db, user.id);
	const sessions = await listSessions(db, user.id);
	return {
		account,
		currentSessionId: session.id,
		sessions: sessions.map(({ id, createdAt, lastSeenAt, userAgent }) => ({
			id,
			createdAt,
			lastSeenAt,
			userAgent
		})),
		notice: url.searchParams.get('notice')
	};
};

export const actions: Actions = {
	password: async ({ request, locals }) => {
		const { user, session } = requireUser();
		const fields = textFields(await formOf(request), ['currentPassword', 'newPassword']);
		const result = await auth.changePassword(useDatabase(), user.id, session.id, fields);
		if (!result.ok) return authFailure(result, locals.lang, { action: 'password' });
		redirect(303, '/account?notice=password-changed#change-password');
	},
	email: async (event) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(event.request), ['currentPassword', 'email']);
		const result = await auth.changeEmail(useDatabase(), user, fields, requestContext(event));
		if (!result.ok)
			return authFailure(result, event.locals.lang, { action: 'email', email: fields.email });
		redirect(303, '/account?notice=email-change-sent#change-email');
	},
	resend: async (event) => {
		const { user } = requireUser();
		const result = await auth.resendVerification(useDatabase(), user, requestContext(event));
		if (!result.ok) return authFailure(result, event.locals.lang, { action: 'resend' });
		redirect(303, '/account?notice=verification-sent#profile');
	},
	endSession: async ({ request, cookies, url }) => {
		const { user, session } = requireUser();
		const { sessionId } = textFields(await formOf(request), ['sessionId']);
		const db = useDatabase();
		const mine = (await listSessions(db, user.id)).some((candidate) => candidate.id === sessionId);
		if (!mine) return fail(404, { action: 'sessions', message: null, field: null });
		await invalidateSession(db, sessionId);
		if (sessionId === session.id) {
			deleteSessionCookie(cookies, isSecure(url));
			redirect(303, '/login?notice=signed-out');
		}
		redirect(303, '/account?notice=session-ended#sessions');
	},
	endOtherSessions: async () => {
		const { user, session } = requireUser();
		await invalidateUserSessions(useDatabase(), user.id, session.id);
		redirect(303, '/account?notice=session-ended#sessions');
	},
	language: async ({ request, locals }) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(request), ['lang', 'redirectTo']);
		const language = chosenLanguage(fields.lang);
		if (!language) error(400, messagesFor(locals.lang).footer.unknownLanguage);
		await setLanguage(useDatabase(), user.id, language);
		redirect(303, safeRedirectTarget(fields.redirectTo));
	},
	delete: async ({ request, locals, cookies, url }) => {
		const { user } = requireUser();
		const form = await formOf(request);
		const { currentPassword } = textFields(form, ['currentPassword']);
		const result = await auth.deleteAccount(useDatabase(), user.id, {
			currentPassword,
			confirm: form.get('confirm') === 'yes'
		});
		if (!result.ok) return authFailure(result, locals.lang, { action: 'delete' });
		deleteSessionCookie(cookies, isSecure(url));
		redirect(303, '/login?notice=account-deleted');
	}
};
