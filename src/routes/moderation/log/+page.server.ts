import { error } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { listModerationLog } from '$lib/server/forum/log';
import { canModerate } from '$lib/server/forum/permissions';
import { requireUser } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { user } = requireUser();
	if (!canModerate(user)) error(403, 'moderators only');
	const page = Number(url.searchParams.get('page')) || 1;
	return listModerationLog(useDatabase(), page);
};
