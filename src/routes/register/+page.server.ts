import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, safeRedirectTarget } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	return {
		redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin),
		sent: url.searchParams.has('sent')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const fields = textFields(await formOf(event.request), [
			'username',
			'email',
			'password',
			'redirectTo'
		]);
		// Settled before anything is created, so no account is left behind by a bad target.
		const redirectTo = safeRedirectTarget(fields.redirectTo, event.url.origin);
		const result = await auth.register(useDatabase(), fields, requestContext(event));
		if (!result.ok) {
			return authFailure(result, event.locals.lang, {
				username: fields.username,
				email: fields.email
			});
		}
		redirect(303, `/register?sent&redirectTo=${encodeURIComponent(redirectTo)}`);
	}
};
