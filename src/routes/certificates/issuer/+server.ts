import { json } from '@sveltejs/kit';
import * as certificates from '$lib/server/certificates';
import type { RequestHandler } from './$types';

/** What a credential's `issuer.id` dereferences to. Public, and readable from other sites' pages. */
export const GET: RequestHandler = ({ url }) => {
	const site = certificates.siteIdentity(url.origin);
	return json(certificates.issuerProfile(site.origin, site.name), {
		headers: { 'access-control-allow-origin': '*' }
	});
};
