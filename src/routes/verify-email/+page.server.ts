import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { peekEmailToken } from '$lib/server/email-token';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, startSession } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners that follow links don't use up the token.
export const load: PageServerLoad = async ({ url }) => {
	if (url.searchParams.has('verified')) return { token: '', email: null, verified: true };
	const token = url.searchParams.get('token') ?? '';
	const found = token ? await peekEmailToken(useDatabase(), token, 'verify-email') : null;
	return { token, email: found?.email ?? null, verified: false };
};

export const actions: Actions = {
	default: async (event) => {
		const { token } = textFields(await formOf(event.request), ['token']);
		const signInFrom = event.locals.user ? undefined : requestContext(event);
		const result = await auth.verifyEmail(useDatabase(), token, signInFrom);
		if (!result.ok) return authFailure(result, event.locals.lang);
		if (result.started) {
			startSession(event, result.started.token, result.started.session);
			redirect(303, '/account?notice=welcome');
		}
		redirect(303, '/verify-email?verified');
	}
};
