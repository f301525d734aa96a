import { error } from '@sveltejs/kit';
import * as certificates from '$lib/server/certificates';
import { useDatabase } from '$lib/server/db';
import { messagesFor } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = messagesFor(locals.lang);
	const certificate = await certificates.findCertificate(useDatabase(), params.id);
	if (!certificate) error(404, t.errors.notFoundText);
	if (certificate.revoked) error(410, t.certificates.revokedNotice);
	const site = certificates.siteIdentity(url.origin);
	const pdf = await certificates.certificatePdf(
		certificates.printedCertificate(certificate, site.origin, site.name)
	);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="certificate-${certificate.courseSlug}.pdf"`
		}
	});
};
