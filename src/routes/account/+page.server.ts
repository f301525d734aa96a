import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { isSecure, requestContext, requireUser, safeRedirectTarget } from '$lib/server/request';
import { deleteSessionCookie, listSessions } from '$lib/server/session';
import { hasSecondFactor, pendingSetup } from '$lib/server/second-factor';
import { findUserById, setLanguage } from '$lib/server/user';
import * as notifications from '$lib/server/notifications';
import { chosenLanguage, messagesFor } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { user, session } = requireUser();
	const db = useDatabase();
	const account = await findUserById(db, user.id);
	const sessions = await listSessions(db, user.id);
	const secondFactorOn = await hasSecondFactor(db, user.id);
	return {
		secondFactor: {
			on: secondFactorOn,
			pending: secondFactorOn ? null : await pendingSetup(db, user),
			required: auth.secondFactorRequired(user.role)
		},
		account,
		currentSessionId: session.id,
		sessions: sessions.map(({ id, createdAt, lastSeenAt, userAgent }) => ({
			id,
			createdAt,
			lastSeenAt,
			userAgent
		})),
		notice: url.searchParams.get('notice'),
		notificationPreferences: await notificationPreferences(user.id, url.origin)
	};
};

async function notificationPreferences(userId: number, origin: string) {
	const { emailMode, feedToken, stopped } = await notifications.findPreferences(
		useDatabase(),
		userId
	);
	const feedUrl = feedToken ? `${origin}/notifications/feed/${feedToken}` : null;
	return { emailMode, feedUrl, stopped };
}

async function endSessions(event: RequestEvent, which: 'one' | 'others') {
	const { user, session } = requireUser();
	const fields = textFields(await formOf(event.request), ['currentPassword', 'sessionId']);
	const result = await auth.endSessions(useDatabase(), user.id, session.id, {
		currentPassword: fields.currentPassword,
		sessionId: which === 'others' ? 'others' : fields.sessionId
	});
	if (!result.ok) return authFailure(result, event.locals.lang, { action: 'sessions' });
	if (result.endedCurrent) {
		deleteSessionCookie(event.cookies, isSecure(event.url));
		redirect(303, '/login?notice=signed-out');
	}
	redirect(303, '/account?notice=session-ended#sessions');
}

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
	endSession: (event) => endSessions(event, 'one'),
	endOtherSessions: (event) => endSessions(event, 'others'),
	secondFactorStart: async ({ request, locals }) => {
		const { user } = requireUser();
		const { currentPassword } = textFields(await formOf(request), ['currentPassword']);
		const result = await auth.beginSecondFactor(useDatabase(), user, currentPassword);
		if (!result.ok) return authFailure(result, locals.lang, { action: 'second-factor' });
		return { action: 'second-factor', success: true };
	},
	secondFactorConfirm: async ({ request, locals }) => {
		const { user } = requireUser();
		const { code } = textFields(await formOf(request), ['code']);
		const result = await auth.confirmSecondFactor(useDatabase(), user, code);
		if (!result.ok) return authFailure(result, locals.lang, { action: 'second-factor' });
		return { action: 'second-factor', success: true, recoveryCodes: result.recoveryCodes };
	},
	secondFactorRemove: async ({ request, locals }) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(request), ['currentPassword', 'code']);
		const result = await auth.removeSecondFactor(useDatabase(), user, fields);
		if (!result.ok) return authFailure(result, locals.lang, { action: 'second-factor' });
		return { action: 'second-factor', success: true, removed: true };
	},
	notifications: async ({ request, locals }) => {
		const { user } = requireUser();
		const { mode } = textFields(await formOf(request), ['mode']);
		if (!notifications.isEmailMode(mode)) {
			const message = messagesFor(locals.lang).notifications.errors['mode-invalid'];
			return fail(400, { action: 'notifications', message, field: null });
		}
		await notifications.setEmailMode(useDatabase(), user.id, mode);
		redirect(303, '/account?notice=notifications-saved#notifications');
	},
	feed: async () => {
		const { user } = requireUser();
		await notifications.renewFeedToken(useDatabase(), user.id);
		redirect(303, '/account?notice=feed-created#notifications');
	},
	language: async ({ request, locals, url }) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(request), ['lang', 'redirectTo']);
		const language = chosenLanguage(fields.lang);
		if (!language) error(400, messagesFor(locals.lang).footer.unknownLanguage);
		await setLanguage(useDatabase(), user.id, language);
		redirect(303, safeRedirectTarget(fields.redirectTo, url.origin));
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
