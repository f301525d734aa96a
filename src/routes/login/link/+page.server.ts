import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { peekEmailToken } from '$lib/server/email-token';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, startSession } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners that follow links don't use up the token.
export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const found = token ? await peekEmailToken(useDatabase(), token, 'sign-in') : null;
	return { token, valid: found !== null };
};

export const actions: Actions = {
	default: async (event) => {
		const { token } = textFields(await formOf(event.request), ['token']);
		const result = await auth.signInWithLink(useDatabase(), token, requestContext(event));
		if (!result.ok) {
			return authFailure(result, event.locals.lang, { challenge: result.challenge ?? '' });
		}
		startSession(event, result.token, result.session);
		redirect(303, '/account');
	}
};
