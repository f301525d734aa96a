import { error } from '@sveltejs/kit';
import * as certificates from '$lib/server/certificates';
import { useDatabase } from '$lib/server/db';
import { messagesFor } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The Open Badges 3.0 credential as signed at issue, for wallets and verifiers. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const t = messagesFor(locals.lang);
	const certificate = await certificates.findCertificate(useDatabase(), params.id);
	if (!certificate) error(404, t.errors.notFoundText);
	if (certificate.revoked) error(410, t.certificates.revokedNotice);
	return new Response(certificate.credential, {
		headers: {
			'content-type': 'application/jwt',
			'content-disposition': `attachment; filename="badge-${certificate.courseSlug}.jwt"`,
			'access-control-allow-origin': '*'
		}
	});
};
