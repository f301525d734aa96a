import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, safeRedirectTarget, startSession } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
	default: async (event) => {
		const fields = textFields(await formOf(event.request), [
			'username',
			'email',
			'password',
			'redirectTo'
		]);
		const result = await auth.register(useDatabase(), fields, requestContext(event));
		if (!result.ok) {
			return authFailure(result, event.locals.lang, {
				username: fields.username,
				email: fields.email
			});
		}
		startSession(event, result.token, result.session);
		const target = safeRedirectTarget(fields.redirectTo);
		redirect(303, target === '/' ? '/account?notice=welcome' : target);
	}
};
