import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, safeRedirectTarget, startSession } from '$lib/server/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const fields = textFields(await formOf(event.request), ['challenge', 'code', 'redirectTo']);
		const target = safeRedirectTarget(fields.redirectTo, event.url.origin);
		const result = await auth.completeSignIn(useDatabase(), fields, requestContext(event));
		if (!result.ok) {
			return authFailure(result, event.locals.lang, {
				challenge: result.challenge ?? '',
				redirectTo: target
			});
		}
		startSession(event, result.token, result.session);
		redirect(303, target);
	}
};
