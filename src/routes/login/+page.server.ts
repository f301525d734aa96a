import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, safeRedirectTarget, startSession } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin);
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, notice: url.searchParams.get('notice') };
};

export const actions: Actions = {
	default: async (event) => {
		const fields = textFields(await formOf(event.request), ['login', 'password', 'redirectTo']);
		const target = safeRedirectTarget(fields.redirectTo, event.url.origin);
		const result = await auth.signIn(useDatabase(), fields, requestContext(event));
		if (!result.ok) {
			return authFailure(result, event.locals.lang, {
				login: fields.login,
				challenge: result.challenge ?? ''
			});
		}
		startSession(event, result.token, result.session);
		redirect(303, target);
	}
};
