import { error } from '@sveltejs/kit';
import { exportAccountData } from '$lib/server/account-data';
import { useDatabase } from '$lib/server/db';
import { requireUser } from '$lib/server/request';
import { messagesFor } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const { user } = requireUser();
	const data = await exportAccountData(useDatabase(), user.id);
	if (!data) error(404, messagesFor(locals.lang).errors.notFoundText);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="parcours-${user.username}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
