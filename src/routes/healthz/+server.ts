// For uptime monitors and the service manager: is the app up, can it read its database, and which
// content does it serve. A plain JSON answer, never cached, with no cookie.
import { json } from '@sveltejs/kit';
import { contentVersion } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { outboxHealth } from '$lib/server/notifications';
import { searchStatus } from '$lib/server/search/ready';
import type { RequestHandler } from './$types';

const headers = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async () => {
	try {
		// The smallest read that proves both the connection and the migrated schema.
		await useDatabase().selectFrom('users').select('id').limit(1).execute();
		// Waiting emails are reported, not judged: a mail server down for a while is not this app's.
		const outbox = await outboxHealth(useDatabase());
		// `indexing` for a second or so after a start with new content: searches wait meanwhile.
		const search = searchStatus();
		return json({ status: 'ok', database: 'ok', contentVersion, outbox, search }, { headers });
	} catch {
		return json(
			{ status: 'error', database: 'unavailable', contentVersion },
			{ status: 503, headers }
		);
	}
};
