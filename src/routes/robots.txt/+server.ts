import { getConfig } from '$lib/server/config';
import * as siteFiles from '$lib/server/site-files';
import type { RequestHandler } from './$types';

// A route rather than a file in static/: its Sitemap line must name the site's own address.
export const GET: RequestHandler = ({ url }) =>
	new Response(siteFiles.robots(new URL(getConfig().ORIGIN ?? url.origin).origin), {
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
