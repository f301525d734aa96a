// A learner's notifications as an Atom feed, at a secret address (no cookie: feed readers have
// none). Never cached by anyone else: it is private.
import { error } from '@sveltejs/kit';
import { useDatabase } from '$lib/server/db';
import { buildNotificationFeed, findFeedOwner } from '$lib/server/notifications';
import { messagesFor } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const owner = await findFeedOwner(useDatabase(), params.token);
	if (!owner) error(404, messagesFor(locals.lang).errors.notFoundText);
	const body = await buildNotificationFeed(useDatabase(), owner, url.pathname);
	return new Response(body, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'private, no-cache',
			'x-robots-tag': 'noindex'
		}
	});
};
