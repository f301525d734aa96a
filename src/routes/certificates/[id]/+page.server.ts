import { error, fail, redirect } from '@sveltejs/kit';
import * as certificates from '$lib/server/certificates';
import { useDatabase } from '$lib/server/db';
import { formOf, textFields } from '$lib/server/forms';
import { requireUser } from '$lib/server/request';
import { messagesFor } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const certificate = await certificates.findCertificate(useDatabase(), params.id);
	if (!certificate) error(404, messagesFor(locals.lang).certificates.unknown);
	const site = certificates.siteIdentity(url.origin);
	const owner = locals.user?.id === certificate.userId;
	const admin = locals.user?.role === 'admin';
	return {
		id: certificate.id,
		printed: certificates.printedCertificate(certificate, site.origin, site.name),
		issuerName: site.name,
		revokedAt: certificate.revoked?.at ?? null,
		// Strangers learn that it was revoked, not why: the reason may speak of the learner.
		revokedReason: owner || admin ? (certificate.revoked?.reason ?? null) : null,
		owner,
		admin,
		notice: url.searchParams.get('notice')
	};
};

export const actions: Actions = {
	delete: async ({ request, params, locals }) => {
		const { user } = requireUser();
		const { confirm } = textFields(await formOf(request), ['confirm']);
		const t = messagesFor(locals.lang).certificates;
		if (confirm !== 'yes')
			return fail(400, { action: 'delete', message: t.errors['confirm-required'] });
		if (!(await certificates.deleteCertificate(useDatabase(), user.id, params.id)))
			error(404, t.unknown);
		redirect(303, '/certificates?notice=deleted');
	},
	revoke: async ({ request, params, locals }) => {
		const { user } = requireUser();
		const t = messagesFor(locals.lang).certificates;
		if (user.role !== 'admin') error(403, messagesFor(locals.lang).errors.forbiddenText);
		const { reason } = textFields(await formOf(request), ['reason']);
		const db = useDatabase();
		if (!(await certificates.findCertificate(db, params.id))) error(404, t.unknown);
		const result = await certificates.revokeCertificate(db, params.id, {
			reason,
			adminId: user.id
		});
		if (!result.ok) {
			const status = result.error === 'already-revoked' ? 409 : 400;
			return fail(status, { action: 'revoke', reason, message: t.errors[result.error] });
		}
		redirect(303, `/certificates/${params.id}?notice=revoked`);
	}
};
