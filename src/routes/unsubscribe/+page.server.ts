// One-click unsubscribe (RFC 8058): the link in every notification email. Opening it (GET) only
// shows a confirmation form, since mail filters open links on their own; POST unsubscribes, from
// that form or straight from a mail provider's one-click button. The signed token is the only
// credential: no session is needed.
import { fail } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { useDatabase } from '$lib/server/db';
import { formOf, textFields } from '$lib/server/forms';
import { checkUnsubscribeToken, unsubscribe } from '$lib/server/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const owner = await checkUnsubscribeToken(useDatabase(), token);
	return { token, username: owner?.username ?? null, done: false };
};

export const actions: Actions = {
	default: async ({ request, url, locals }) => {
		// The one-click POST carries the token in the address; the confirmation form in its fields.
		const fields = textFields(await formOf(request), ['token']);
		const token = url.searchParams.get('token') || fields.token;
		const owner = await unsubscribe(useDatabase(), token);
		if (!owner)
			return fail(400, { message: messagesFor(locals.lang).notifications.unsubscribe.invalid });
		return { done: true };
	}
};
