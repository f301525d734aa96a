import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { peekEmailToken } from '$lib/server/email-token';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext, startSession } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const found = token ? await peekEmailToken(useDatabase(), token, 'reset-password') : null;
	return { token, valid: found !== null };
};

export const actions: Actions = {
	default: async (event) => {
		const { token, password } = textFields(await formOf(event.request), ['token', 'password']);
		const result = await auth.resetPassword(useDatabase(), token, password, requestContext(event));
		if (!result.ok) return authFailure(result, event.locals.lang);
		if (!result.signedIn) redirect(303, '/login?notice=password-reset');
		startSession(event, result.signedIn.token, result.signedIn.session);
		redirect(303, '/account?notice=password-reset');
	}
};
