import { fail, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { useDatabase } from '$lib/server/db';
import { formOf, textFields } from '$lib/server/forms';
import { parseId } from '$lib/server/forum/forms';
import * as notifications from '$lib/server/notifications';
import { changeFollow, listFollowsForPage } from '$lib/server/notifications/subscriptions';
import { requireUser, safeRedirectTarget } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { user } = requireUser();
	const db = useDatabase();
	return {
		notifications: await notifications.listNotifications(db, user.id),
		follows: await listFollowsForPage(db, user.id)
	};
};

export const actions: Actions = {
	read: async ({ request, locals }) => {
		const { user } = requireUser();
		const { id } = textFields(await formOf(request), ['id']);
		const notificationId = parseId(id);
		if (!notificationId || !(await notifications.markRead(useDatabase(), user.id, notificationId)))
			return fail(404, { message: messagesFor(locals.lang).notifications.errors['not-found'] });
		redirect(303, `/notifications#notification-${notificationId}`);
	},
	readAll: async () => {
		const { user } = requireUser();
		await notifications.markAllRead(useDatabase(), user.id);
		redirect(303, '/notifications');
	},
	/** Used by the follow buttons of threads, lessons and courses, which come back to their page. */
	follow: async ({ request, locals, url }) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(request), ['kind', 'target', 'follow', 'redirectTo']);
		const result = await changeFollow(useDatabase(), user, {
			kind: fields.kind,
			target: fields.target,
			follow: fields.follow === 'yes'
		});
		if (!result.ok) {
			const status = result.error === 'forbidden' ? 403 : 400;
			return fail(status, { message: messagesFor(locals.lang).notifications.errors[result.error] });
		}
		redirect(303, safeRedirectTarget(fields.redirectTo || '/notifications', url.origin));
	}
};
