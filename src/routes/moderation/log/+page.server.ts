import { useDatabase } from '$lib/server/db';
import { listModerationLog } from '$lib/server/forum/log';
import { requireModerator } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	requireModerator();
	const page = Number(url.searchParams.get('page')) || 1;
	return listModerationLog(useDatabase(), page);
};
