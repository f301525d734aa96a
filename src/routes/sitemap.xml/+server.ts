import { getConfig } from '$lib/server/config';
import * as siteFiles from '$lib/server/site-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	new Response(siteFiles.sitemap(new URL(getConfig().ORIGIN ?? url.origin).origin), {
		headers: { 'content-type': 'application/xml; charset=utf-8' }
	});
