import { fail, redirect } from '@sveltejs/kit';
import * as certificates from '$lib/server/certificates';
import { findCourse } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { formOf, textFields } from '$lib/server/forms';
import { startedCourses } from '$lib/server/progress';
import { requireUser } from '$lib/server/request';
import { messagesFor } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { user } = requireUser();
	const db = useDatabase();
	const started = (await startedCourses(db, user.id)).flatMap((slug) => findCourse(slug) ?? []);
	const claimable = await certificates.claimableCourses(db, user.id, started);
	return {
		certificates: (await certificates.listCertificates(db, user.id)).map((certificate) => ({
			id: certificate.id,
			courseTitle: certificate.courseTitle,
			issuedAt: certificate.issuedAt,
			revoked: certificate.revoked !== null
		})),
		claimable: claimable.map((course) => ({ slug: course.slug, title: course.title })),
		notice: url.searchParams.get('notice')
	};
};

const STATUS = { 'unknown-course': 404, 'not-completed': 403, 'already-claimed': 409 } as const;

export const actions: Actions = {
	claim: async ({ request, url, locals }) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(request), ['course', 'name']);
		const result = await certificates.claimCertificate(
			useDatabase(),
			user.id,
			fields,
			findCourse,
			certificates.siteIssuer(url.origin)
		);
		if (!result.ok) {
			const message = messagesFor(locals.lang).certificates.errors[result.error];
			const status = (STATUS as Record<string, number>)[result.error] ?? 400;
			return fail(status, { course: fields.course, name: fields.name, message });
		}
		redirect(303, `/certificates/${result.certificate.id}?notice=issued`);
	}
};
