import { json } from '@sveltejs/kit';
import * as certificates from '$lib/server/certificates';
import type { RequestHandler } from './$types';

/** The public key every credential's `kid` names, as a bare JWK, as Open Badges 3.0 asks. */
export const GET: RequestHandler = () =>
	json(certificates.useSigningKey().publicJwk, {
		headers: { 'access-control-allow-origin': '*' }
	});
