// Certificates: a learner who has completed a course claims one, printed with the name they
// choose; anyone can verify it at its address; the learner can delete it, an administrator revoke
// it. This module owns the `certificates` table.
import { formatDay } from '../../format.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Course } from '../../content/types.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { Language } from '../../content/schema.ts';
import { getConfig } from '../config.ts';
import type { DB } from '../db/index.ts';
import { useLogger, type Logger } from '../log.ts';
import { courseCompletion } from '../completion.ts';
import { openBadgeCredential, signCredential, verificationUrl } from './credential.ts';
import type { PrintedCertificate } from './pdf.ts';
import { claimForm, firstError, revokeForm, type ClaimError, type RevokeError } from './schema.ts';
import { startSigningKey, useSigningKey, type SigningKey } from './signing-key.ts';
import type { CertificateTable } from './tables.ts';

export type { ClaimError, RevokeError };

export interface Certificate {
	id: string;
	userId: number;
	courseSlug: string;
	name: string;
	courseTitle: string;
	authors: string[];
	minutes: number;
	language: Language;
	issuedAt: number;
	credential: string;
	revoked: { at: number; reason: string } | null;
}

function toCertificate(row: CertificateTable): Certificate {
	return {
		id: row.id,
		userId: row.user_id,
		courseSlug: row.course_slug,
		name: row.name,
		courseTitle: row.course_title,
		authors: JSON.parse(row.authors) as string[],
		minutes: row.minutes,
		language: row.language as Language,
		issuedAt: row.issued_at,
		credential: row.credential,
		revoked:
			row.revoked_at === null ? null : { at: row.revoked_at, reason: row.revoked_reason ?? '' }
	};
}

/** 128 random bits: an address nobody can guess or enumerate. */
const newId = () => randomBytes(16).toString('base64url');

const ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;

const studyMinutes = (course: Course) =>
	course.sequences.reduce(
		(sum, sequence) => sum + sequence.lessons.reduce((total, lesson) => total + lesson.duration, 0),
		0
	);

/** A duration as French and English print it, kept on one line. */
const printedDuration = (language: Language, minutes: number) =>
	messagesFor(language).duration(minutes).replace(/ /g, '\u00a0');

export interface Issuer {
	key: SigningKey;
	/** The site's public address, which the credential's addresses start with. */
	origin: string;
	name: string;
}

/**
 * The site as the issuer of its certificates: ORIGIN when set (the address learners know),
 * otherwise the one the request came to; named CERTIFICATE_ISSUER, or after its host.
 */
export function siteIdentity(requestOrigin: string) {
	const config = getConfig();
	const origin = (config.ORIGIN ?? requestOrigin).replace(/\/+$/, '');
	return { origin, name: config.CERTIFICATE_ISSUER ?? new URL(origin).host };
}

/** The site's identity with the key that signs for it. */
export function siteIssuer(requestOrigin: string): Issuer {
	return { ...siteIdentity(requestOrigin), key: useSigningKey() };
}

export type ClaimResult = { ok: true; certificate: Certificate } | { ok: false; error: ClaimError };

/** Issues the course's certificate to a learner who has completed it, with the name they chose. */
export async function claimCertificate(
	db: DB,
	userId: number,
	input: { course: string; name: string },
	findCourse: (slug: string) => Course | undefined,
	issuer: Issuer,
	now = Date.now()
): Promise<ClaimResult> {
	const parsed = claimForm.safeParse(input);
	if (!parsed.success) return { ok: false, error: firstError<ClaimError>(parsed.error) };
	const course = findCourse(parsed.data.course);
	if (!course) return { ok: false, error: 'unknown-course' };
	if (await findLearnerCertificate(db, userId, course.slug))
		return { ok: false, error: 'already-claimed' };
	if (!(await courseCompletion(db, userId, course)).complete)
		return { ok: false, error: 'not-completed' };

	const id = newId();
	const minutes = studyMinutes(course);
	const t = messagesFor(course.language).certificates;
	const credential = openBadgeCredential({
		id,
		subjectId: `urn:uuid:${randomUUID()}`,
		origin: issuer.origin,
		issuerName: issuer.name,
		name: parsed.data.name,
		course: {
			slug: course.slug,
			title: course.title,
			description: course.description,
			authors: course.authors,
			language: course.language
		},
		criteria: t.criteria(
			course.sequences.reduce((sum, sequence) => sum + sequence.lessons.length, 0),
			course.sequences.filter((sequence) => sequence.quiz !== null).length,
			printedDuration(course.language, minutes)
		),
		issuedAt: now
	});
	const row: CertificateTable = {
		id,
		user_id: userId,
		course_slug: course.slug,
		name: parsed.data.name,
		course_title: course.title,
		authors: JSON.stringify(course.authors),
		minutes,
		language: course.language,
		issued_at: now,
		credential: signCredential(issuer.key, credential),
		revoked_at: null,
		revoked_reason: null,
		revoked_by: null
	};
	// The unique index settles two claims sent at once: the second finds the first.
	const inserted = await db
		.insertInto('certificates')
		.values(row)
		.onConflict((conflict) => conflict.columns(['user_id', 'course_slug']).doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
		return { ok: false, error: 'already-claimed' };
	return { ok: true, certificate: toCertificate(row) };
}

export async function findCertificate(db: DB, id: string): Promise<Certificate | null> {
	if (!ID_SHAPE.test(id)) return null;
	const row = await db
		.selectFrom('certificates')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? toCertificate(row) : null;
}

async function findLearnerCertificate(db: DB, userId: number, courseSlug: string) {
	const row = await db
		.selectFrom('certificates')
		.select('id')
		.where('user_id', '=', userId)
		.where('course_slug', '=', courseSlug)
		.executeTakeFirst();
	return row?.id ?? null;
}

/** A learner's certificates, newest first. */
export async function listCertificates(db: DB, userId: number): Promise<Certificate[]> {
	const rows = await db
		.selectFrom('certificates')
		.selectAll()
		.where('user_id', '=', userId)
		.orderBy('issued_at', 'desc')
		.execute();
	return rows.map(toCertificate);
}

/** Courses the learner has completed and holds no certificate of yet: those they can claim. */
export async function claimableCourses(
	db: DB,
	userId: number,
	startedCourses: Course[]
): Promise<Course[]> {
	const held = new Set((await listCertificates(db, userId)).map((c) => c.courseSlug));
	const claimable = [];
	for (const course of startedCourses) {
		if (!held.has(course.slug) && (await courseCompletion(db, userId, course)).complete)
			claimable.push(course);
	}
	return claimable;
}

/** The learner erases their own certificate; says whether there was one of theirs to erase. */
export async function deleteCertificate(db: DB, userId: number, id: string): Promise<boolean> {
	const result = await db
		.deleteFrom('certificates')
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export type RevokeResult = { ok: true } | { ok: false; error: RevokeError };

/**
 * An administrator's decision: the certificate stays, marked revoked, with the reason, and the
 * decision goes to the server's log (who, which certificate, why; never the learner's name).
 */
export async function revokeCertificate(
	db: DB,
	id: string,
	input: { reason: string; adminId: number },
	{ now = Date.now(), log = useLogger().log }: { now?: number; log?: Logger['log'] } = {}
): Promise<RevokeResult> {
	const parsed = revokeForm.safeParse({ reason: input.reason });
	if (!parsed.success) return { ok: false, error: firstError<RevokeError>(parsed.error) };
	const result = await db
		.updateTable('certificates')
		.set({ revoked_at: now, revoked_reason: parsed.data.reason, revoked_by: input.adminId })
		.where('id', '=', id)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return { ok: false, error: 'already-revoked' };
	log('info', {
		event: 'certificate-revoked',
		certificate: id,
		by: input.adminId,
		reason: parsed.data.reason
	});
	return { ok: true };
}

/** For the learner's "download my data": everything kept about their certificates. */
export async function exportCertificates(db: DB, userId: number) {
	return (await listCertificates(db, userId)).map((certificate) => ({
		id: certificate.id,
		course: certificate.courseSlug,
		courseTitle: certificate.courseTitle,
		name: certificate.name,
		authors: certificate.authors,
		minutes: certificate.minutes,
		issuedAt: new Date(certificate.issuedAt).toISOString(),
		revokedAt: certificate.revoked ? new Date(certificate.revoked.at).toISOString() : null,
		revokedReason: certificate.revoked?.reason ?? null,
		credential: certificate.credential
	}));
}

/** What the certificate prints, in its own language, whatever the language of the page. */
export function printedCertificate(
	certificate: Certificate,
	origin: string,
	issuerName: string
): PrintedCertificate {
	const messages = messagesFor(certificate.language);
	const t = messages.certificates;
	const date = formatDay(certificate.issuedAt, certificate.language);
	return {
		language: certificate.language,
		heading: t.heading,
		awardedTo: t.awardedTo,
		name: certificate.name,
		forCourse: t.forCourse,
		courseTitle: certificate.courseTitle,
		authors: t.authors(certificate.authors.join(', ')),
		hours: t.hours(printedDuration(certificate.language, certificate.minutes)),
		date: `${t.date(date)} ${t.issuer(issuerName)}`,
		verifyAt: t.verifyAt,
		verificationUrl: verificationUrl(origin, certificate.id),
		title: `${t.heading} — ${certificate.courseTitle}`,
		issuer: issuerName
	};
}

export type { PrintedCertificate } from './pdf.ts';

/** pdfkit and its fonts are loaded with the first PDF asked for, not at every start. */
export async function certificatePdf(certificate: PrintedCertificate): Promise<Buffer> {
	const pdf = await import('./pdf.ts');
	return pdf.certificatePdf(certificate);
}
export { issuerProfile, issuerUrls, verificationUrl } from './credential.ts';
export { startSigningKey, useSigningKey };
