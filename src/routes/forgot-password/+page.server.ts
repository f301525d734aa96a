import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { useDatabase } from '$lib/server/db';
import { authFailure, formOf, textFields } from '$lib/server/forms';
import { requestContext } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ sent: url.searchParams.has('sent') });

export const actions: Actions = {
	default: async (event) => {
		const { email } = textFields(await formOf(event.request), ['email']);
		const result = await auth.requestPasswordReset(useDatabase(), email, requestContext(event));
		if (!result.ok) return authFailure(result, event.locals.lang, { email });
		redirect(303, '/forgot-password?sent');
	}
};
