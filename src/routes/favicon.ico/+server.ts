import icon from '$lib/assets/favicon.ico?inline';
import type { RequestHandler } from './$types';

// Browsers and feed readers ask for /favicon.ico whatever the page names (favicon.svg). A route
// rather than a file in static/, which would be sent without a type: the file server knows no .ico.
const bytes = Buffer.from(icon.slice(icon.indexOf(',') + 1), 'base64');

export const GET: RequestHandler = () =>
	new Response(bytes, {
		headers: { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400' }
	});
