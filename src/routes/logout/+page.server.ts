import { redirect } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { isSecure } from '$lib/server/request';
import { deleteSessionCookie, invalidateSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) await invalidateSession(useDatabase(), locals.session.id);
		deleteSessionCookie(cookies, isSecure(url));
		redirect(303, '/login?notice=signed-out');
	}
};
