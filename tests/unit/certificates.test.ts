import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import { exportAccountData } from '../../src/lib/server/account-data.ts';
import * as certificates from '../../src/lib/server/certificates/index.ts';
import {
	forgetSigningKey,
	loadSigningKey,
	newSigningKey
} from '../../src/lib/server/certificates/signing-key.ts';
import * as progress from '../../src/lib/server/progress.ts';
import { gradeQuiz } from '../../src/lib/server/quiz/grade.ts';
import { recordAttempt } from '../../src/lib/server/quiz/attempts.ts';
import { createLogger, type Logger } from '../../src/lib/server/log.ts';
import { createUser, deleteUser } from '../../src/lib/server/user.ts';
import { freshAccounts } from '../helpers/accounts.ts';
import { VALID_COURSE, writeCourses } from '../helpers/course-fixture.ts';
import { writeEarlierKeyFile } from '../helpers/signing-key.ts';
import { GET } from '../../src/routes/certificates/issuer/key/+server.ts';

const ORIGIN = 'https://cours.example.org';

let accounts: Awaited<ReturnType<typeof freshAccounts>>;
let cleanups: (() => void)[] = [];
let userId: number;
let adminId: number;
let course: Course;

function courseFrom(overrides: Record<string, string | null> = {}): Course {
	const { coursesDir, cleanup } = writeCourses(overrides);
	cleanups.push(cleanup);
	const { index, problems } = loadContent(coursesDir);
	if (problems.length > 0) throw new Error(JSON.stringify(problems));
	return index.courses[0];
}

const issuer = () => certificates.siteIssuer(ORIGIN);
const find = (slug: string) => (slug === course.slug ? course : undefined);
const claim = (name: string, who = userId, now?: number) =>
	certificates.claimCertificate(
		accounts.db,
		who,
		{ course: course.slug, name },
		find,
		issuer(),
		now
	);

/** Every lesson marked done; the quiz passed unless `passQuiz` is false. */
async function complete(who: number, { passQuiz = true } = {}) {
	for (const lesson of course.sequences.flatMap((sequence) => sequence.lessons))
		await progress.setLessonDone(accounts.db, who, lesson, course.slug, true);
	for (const sequence of course.sequences) {
		if (!sequence.quiz) continue;
		const answers = passQuiz
			? Object.fromEntries(
					sequence.quiz.questions.map((q) => [
						q.id,
						q.options.filter((o) => o.correct).map((o) => o.id)
					])
				)
			: {};
		await recordAttempt(accounts.db, {
			userId: who,
			courseSlug: course.slug,
			quizKey: sequence.key,
			result: gradeQuiz(sequence.quiz, answers),
			answers
		});
	}
}

/** The key a verifier fetches from the address in the credential's `kid`, as published. */
const publishedKeys = () => importJWK(certificates.useSigningKey().publicJwk, 'EdDSA');

beforeEach(async () => {
	forgetSigningKey();
	accounts = await freshAccounts({ CERTIFICATE_ISSUER: 'Association Exemple' });
	userId = (
		await createUser(accounts.db, { username: 'lea', email: 'lea@example.org', passwordHash: 'x' })
	).id;
	adminId = (
		await createUser(accounts.db, {
			username: 'admin',
			email: 'admin@example.org',
			passwordHash: 'x',
			role: 'admin'
		})
	).id;
	course = courseFrom({
		'demo/course.md': VALID_COURSE['demo/course.md']!.replace(
			'  - Équipe de test',
			'  - Équipe de test\n  - Zoé Œuvrard'
		)
	});
	await certificates.startSigningKey(accounts.db);
});
afterEach(async () => {
	await accounts.cleanup();
	cleanups.splice(0).forEach((cleanup) => cleanup());
	forgetSigningKey();
});

describe('claiming', () => {
	test('a learner who has not finished the course gets no certificate', async () => {
		expect(await claim('Léa Martin')).toEqual({ ok: false, error: 'not-completed' });
		await complete(userId, { passQuiz: false });
		expect(await claim('Léa Martin')).toEqual({ ok: false, error: 'not-completed' });
		expect(await certificates.listCertificates(accounts.db, userId)).toEqual([]);
	});

	test('a learner who completed the course gets one certificate, with the name they chose and the course as it is', async () => {
		await complete(userId);
		const result = await claim('  Léa   Martin ', userId, Date.UTC(2026, 11, 2, 10, 30, 15, 400));
		if (!result.ok) throw new Error(result.error);
		const certificate = result.certificate;
		expect(certificate.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(certificate).toMatchObject({
			name: 'Léa Martin',
			courseTitle: 'Cours de démonstration',
			authors: ['Équipe de test', 'Zoé Œuvrard'],
			minutes: 15,
			language: 'fr',
			revoked: null
		});
		expect(await certificates.findCertificate(accounts.db, certificate.id)).toEqual(certificate);
		expect(await claim('Autre nom')).toEqual({ ok: false, error: 'already-claimed' });
		expect(await certificates.claimableCourses(accounts.db, userId, [course])).toEqual([]);
	});

	test('a name that is empty, too long or unprintable is refused', async () => {
		await complete(userId);
		expect(await claim('   ')).toEqual({ ok: false, error: 'name-required' });
		expect(await claim('x'.repeat(101))).toEqual({ ok: false, error: 'name-too-long' });
		expect(await claim('Léa\u0000Martin')).toEqual({ ok: false, error: 'name-invalid' });
		expect(
			await certificates.claimCertificate(
				accounts.db,
				userId,
				{ course: 'nope', name: 'Léa' },
				find,
				issuer()
			)
		).toEqual({ ok: false, error: 'unknown-course' });
	});

	test('two certificates never share an address', async () => {
		const other = (
			await createUser(accounts.db, {
				username: 'max',
				email: 'max@example.org',
				passwordHash: 'x'
			})
		).id;
		await complete(userId);
		await complete(other);
		const first = await claim('Léa');
		const second = await claim('Max', other);
		if (!first.ok || !second.ok) throw new Error('not issued');
		expect(first.certificate.id).not.toBe(second.certificate.id);
	});
});

describe('the Open Badges 3.0 credential', () => {
	test('verifies with an independent implementation against the published key, and says what the certificate prints', async () => {
		await complete(userId);
		const result = await claim('Léa Martin', userId, Date.UTC(2026, 11, 2, 10, 30, 15, 400));
		if (!result.ok) throw new Error(result.error);
		const jwt = result.certificate.credential;

		expect(decodeProtectedHeader(jwt)).toEqual({
			alg: 'EdDSA',
			typ: 'JWT',
			kid: `${ORIGIN}/certificates/issuer/key`
		});
		const { payload } = await jwtVerify(jwt, await publishedKeys(), {
			algorithms: ['EdDSA'],
			issuer: `${ORIGIN}/certificates/issuer`,
			currentDate: new Date(Date.UTC(2026, 11, 3))
		});
		const credential = payload as Record<string, any>;
		expect(credential['@context']).toEqual([
			'https://www.w3.org/ns/credentials/v2',
			'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
		]);
		expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(credential.id).toBe(`${ORIGIN}/certificates/${result.certificate.id}`);
		expect(credential.jti).toBe(credential.id);
		expect(credential.issuer).toEqual({
			id: `${ORIGIN}/certificates/issuer`,
			type: ['Profile'],
			name: 'Association Exemple',
			url: ORIGIN
		});
		expect(credential.validFrom).toBe('2026-12-02T10:30:15Z');
		expect(credential.nbf).toBe(Date.parse('2026-12-02T10:30:15Z') / 1000);
		expect(credential.sub).toBe(credential.credentialSubject.id);
		expect(credential.credentialSubject.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
		expect(credential.credentialSubject.type).toEqual(['AchievementSubject']);
		expect(credential.credentialSubject.identifier).toEqual([
			{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Léa Martin' }
		]);
		expect(credential.credentialSubject.achievement).toMatchObject({
			id: `${ORIGIN}/demo`,
			type: ['Achievement'],
			name: 'Cours de démonstration',
			description: 'Un petit cours pour les tests.',
			criteria: {
				narrative:
					'Avoir terminé les 3 leçons du cours (15\u00a0min d’étude) et réussi ses 1 auto-évaluations.'
			},
			creator: { name: 'Équipe de test, Zoé Œuvrard' }
		});
		// The learner's account appears nowhere in what they hand out.
		expect(JSON.stringify(credential)).not.toMatch(/lea@example\.org|"lea"/);
	});

	test('a credential altered after signing, or signed with another key, does not verify', async () => {
		await complete(userId);
		const result = await claim('Léa Martin');
		if (!result.ok) throw new Error(result.error);
		const [header, payload, signature] = result.certificate.credential.split('.');
		const forged = Buffer.from(payload, 'base64url')
			.toString()
			.replace('Léa Martin', 'Quelqu’un d’autre');
		const altered = [header, Buffer.from(forged).toString('base64url'), signature].join('.');
		await expect(jwtVerify(altered, await publishedKeys())).rejects.toThrow(/signature/);
		// The first character of the signature: all six of its bits count (the last one's do not).
		const otherSignature = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
		await expect(
			jwtVerify([header, payload, otherSignature].join('.'), await publishedKeys())
		).rejects.toThrow(/signature/);

		const otherKey = newSigningKey();
		await expect(
			jwtVerify(result.certificate.credential, await importJWK(otherKey.publicJwk, 'EdDSA'))
		).rejects.toThrow(/signature/);
	});
});

/** A logger that keeps its lines, for the tests to read. */
function logLines() {
	const lines: Record<string, unknown>[] = [];
	const log: Logger['log'] = (level, fields) => void lines.push({ level, ...fields });
	return { lines, log };
}

const storedKeys = () => accounts.db.selectFrom('signing_keys').selectAll().execute();

/** What `/certificates/issuer/key` answers. */
async function keyAddressAnswers() {
	const response = await GET({} as Parameters<typeof GET>[0]);
	return (await response.json()) as Record<string, unknown>;
}

describe('the signing key', () => {
	// The database as an earlier release left it: no key in it, a file in the data folder if any.
	beforeEach(async () => {
		await accounts.db.deleteFrom('signing_keys').execute();
		forgetSigningKey();
	});

	test('a new site makes one key, into the database rather than the data folder, and keeps it across restarts', async () => {
		const first = await certificates.startSigningKey(accounts.db);
		expect(first.publicJwk).not.toHaveProperty('d');
		expect(await keyAddressAnswers()).toEqual(first.publicJwk);
		expect(existsSync(accounts.config.certificateKeyFile)).toBe(false);
		const rows = await storedKeys();
		expect(rows).toHaveLength(1);
		expect(JSON.parse(rows[0].private_jwk)).toMatchObject({
			...first.publicJwk,
			d: expect.any(String)
		});

		await complete(userId);
		const before = await claim('Léa Martin');
		forgetSigningKey();
		await certificates.startSigningKey(accounts.db);
		expect(await keyAddressAnswers()).toEqual(first.publicJwk);
		const max = (
			await createUser(accounts.db, {
				username: 'max',
				email: 'max@example.org',
				passwordHash: 'x'
			})
		).id;
		await complete(max);
		const after = await claim('Max Durand', max);
		if (!before.ok || !after.ok) throw new Error('not issued');
		// A credential signed before the restart verifies after it, as does one signed since.
		for (const { certificate } of [before, after]) {
			const { payload } = await jwtVerify(certificate.credential, await publishedKeys());
			expect(payload.jti).toBe(`${ORIGIN}/certificates/${certificate.id}`);
		}
		expect(await storedKeys()).toEqual(rows);
	});

	test('an existing site’s key file is imported: the same key is published, and credentials handed out before still verify', async () => {
		const file = accounts.config.certificateKeyFile;
		const earlier = writeEarlierKeyFile(file);
		await complete(userId);
		const handedOut = await certificates.claimCertificate(
			accounts.db,
			userId,
			{ course: course.slug, name: 'Léa Martin' },
			find,
			{ ...certificates.siteIdentity(ORIGIN), key: earlier }
		);
		if (!handedOut.ok) throw new Error(handedOut.error);

		const { lines, log } = logLines();
		const imported = await loadSigningKey(accounts.db, { file, log });
		expect(imported.publicJwk).toEqual(earlier.publicJwk);
		expect(lines).toEqual([
			{ level: 'info', message: expect.stringContaining('imported into the database'), file }
		]);

		// From then on the database holds it: the file may go.
		rmSync(file);
		await certificates.startSigningKey(accounts.db);
		expect(await keyAddressAnswers()).toEqual(earlier.publicJwk);
		const { payload } = await jwtVerify(handedOut.certificate.credential, await publishedKeys());
		expect(payload.jti).toBe(`${ORIGIN}/certificates/${handedOut.certificate.id}`);
	});

	test('two servers starting together on one database, each with its own key file, sign with the same key, and the other file is reported', async () => {
		const files = [1, 2].map((n) => {
			const folder = mkdtempSync(path.join(tmpdir(), `parcours-server-${n}-`));
			cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
			return path.join(folder, 'certificate-key.jwk');
		});
		const earlier = files.map(writeEarlierKeyFile);
		const logs = files.map(() => logLines());
		const keys = await Promise.all(
			files.map((file, n) => loadSigningKey(accounts.db, { file, log: logs[n].log }))
		);
		expect(keys[1].publicJwk).toEqual(keys[0].publicJwk);
		expect(await storedKeys()).toHaveLength(1);
		const kept = earlier.findIndex((key) => key.publicJwk.x === keys[0].publicJwk.x);
		expect(kept).not.toBe(-1);
		expect(logs.flatMap(({ lines }) => lines)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ level: 'info', file: files[kept] }),
				expect.objectContaining({
					level: 'warn',
					file: files[1 - kept],
					publishedKey: keys[0].publicJwk.x
				})
			])
		);
		expect(logs.flatMap(({ lines }) => lines)).toHaveLength(2);
	});

	test('two new servers starting together make one key between them', async () => {
		const silent = () => {};
		const keys = await Promise.all(
			[1, 2, 3].map(() => loadSigningKey(accounts.db, { log: silent }))
		);
		expect(new Set(keys.map((key) => key.publicJwk.x)).size).toBe(1);
		expect(await storedKeys()).toHaveLength(1);
	});

	test('a key file that is not the database’s key is not used, and each start says so', async () => {
		const site = await certificates.startSigningKey(accounts.db);
		const file = accounts.config.certificateKeyFile;
		const load = async () => {
			const { lines, log } = logLines();
			expect((await loadSigningKey(accounts.db, { file, log })).publicJwk).toEqual(site.publicJwk);
			return lines;
		};
		const ignored = [
			{
				level: 'warn',
				message: expect.stringMatching(/differs from the key in the database.*not used/),
				file,
				publishedKey: site.publicJwk.x
			}
		];
		writeEarlierKeyFile(file);
		expect(await load()).toEqual(ignored);
		writeFileSync(file, 'damaged');
		expect(await load()).toEqual(ignored);
		// A copy of the database's key, kept as a spare, is the same key: nothing to say.
		writeFileSync(file, (await storedKeys())[0].private_jwk);
		expect(await load()).toEqual([]);
	});

	test('a damaged key file stops the first start with a message saying what to do, and nothing is stored', async () => {
		writeFileSync(accounts.config.certificateKeyFile, '{"kty":"RSA"}');
		await expect(certificates.startSigningKey(accounts.db)).rejects.toThrow(
			/certificate-key\.jwk is not an Ed25519 private key.*backup/
		);
		expect(await storedKeys()).toEqual([]);
		expect(() => certificates.useSigningKey()).toThrow(/not read yet/);
	});
});

describe('revoking and deleting', () => {
	test('an administrator revokes a certificate with a reason; it stays, marked revoked', async () => {
		await complete(userId);
		const result = await claim('Léa Martin');
		if (!result.ok) throw new Error(result.error);
		const id = result.certificate.id;
		const silent = { log: () => {} };
		expect(
			await certificates.revokeCertificate(accounts.db, id, { reason: '  ', adminId }, silent)
		).toEqual({ ok: false, error: 'reason-required' });
		const lines: string[] = [];
		const { log } = createLogger({ level: 'info', write: (line) => lines.push(line) });
		expect(
			await certificates.revokeCertificate(
				accounts.db,
				id,
				{ reason: 'Travail d’un autre compte.', adminId },
				{ now: 5000, log }
			)
		).toEqual({ ok: true });
		expect(lines.map((line) => JSON.parse(line))).toEqual([
			expect.objectContaining({
				level: 'info',
				event: 'certificate-revoked',
				certificate: id,
				by: adminId,
				reason: 'Travail d’un autre compte.'
			})
		]);
		expect(lines.join()).not.toContain('Léa Martin');
		expect((await certificates.findCertificate(accounts.db, id))?.revoked).toEqual({
			at: 5000,
			reason: 'Travail d’un autre compte.'
		});
		expect(
			await certificates.revokeCertificate(accounts.db, id, { reason: 'Encore', adminId }, silent)
		).toEqual({ ok: false, error: 'already-revoked' });
		const row = await accounts.db
			.selectFrom('certificates')
			.select('revoked_by')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.revoked_by).toBe(adminId);
	});

	test('a learner deletes their certificate, not someone else’s, and can claim a new one', async () => {
		const other = (
			await createUser(accounts.db, {
				username: 'max',
				email: 'max@example.org',
				passwordHash: 'x'
			})
		).id;
		await complete(userId);
		const result = await claim('Léa Martin');
		if (!result.ok) throw new Error(result.error);
		const id = result.certificate.id;
		expect(await certificates.deleteCertificate(accounts.db, other, id)).toBe(false);
		expect(await certificates.findCertificate(accounts.db, id)).not.toBeNull();
		expect(await certificates.deleteCertificate(accounts.db, userId, id)).toBe(true);
		expect(await certificates.findCertificate(accounts.db, id)).toBeNull();
		expect(await certificates.claimableCourses(accounts.db, userId, [course])).toEqual([course]);
		expect((await claim('Léa M.')).ok).toBe(true);
	});

	test('the learner’s data export holds their certificates, and deleting the account deletes them', async () => {
		await complete(userId);
		const result = await claim('Léa Martin');
		if (!result.ok) throw new Error(result.error);
		const data = await exportAccountData(accounts.db, userId);
		expect(data?.certificates).toEqual([
			expect.objectContaining({
				id: result.certificate.id,
				course: 'demo',
				courseTitle: 'Cours de démonstration',
				name: 'Léa Martin',
				minutes: 15,
				revokedAt: null,
				credential: result.certificate.credential
			})
		]);
		await deleteUser(accounts.db, userId);
		expect(await accounts.db.selectFrom('certificates').selectAll().execute()).toEqual([]);
	});
});

/** Every character the PDF's fonts say their glyphs stand for. */
function toUnicodeTables(pdf: Buffer): string {
	const characters: string[] = [];
	const streams = pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g);
	for (const [, body] of streams) {
		let content: string;
		try {
			content = inflateSync(Buffer.from(body, 'latin1')).toString('latin1');
		} catch {
			continue;
		}
		if (!content.includes('begincmap')) continue;
		for (const [, hex] of content.matchAll(/<([0-9a-f]{4})>/gi))
			characters.push(String.fromCharCode(parseInt(hex, 16)));
	}
	return characters.join('');
}

describe('the PDF', () => {
	const hasPoppler = (() => {
		try {
			execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	})();

	test('prints the certificate as selectable text with French typography, and renders as a page', async () => {
		expect(hasPoppler, 'pdftoppm and pdftotext come with poppler-utils (apt-get)').toBe(true);
		await complete(userId);
		const result = await claim('Léa Martin', userId, Date.UTC(2026, 11, 2, 10, 30));
		if (!result.ok) throw new Error(result.error);
		const printed = certificates.printedCertificate(
			result.certificate,
			ORIGIN,
			'Association Exemple'
		);
		printed.courseTitle = 'Cours «\u202fde démonstration\u202f» : l’œuvre';
		const pdf = await certificates.certificatePdf(printed);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

		const dir = mkdtempSync(path.join(tmpdir(), 'parcours-pdf-'));
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		const file = path.join(dir, 'certificat.pdf');
		writeFileSync(file, pdf);
		// pdftotext turns every kind of space into a plain one (or none): compare words, then read
		// the characters the PDF maps its glyphs to (its ToUnicode tables) for the exact spaces.
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
		const words = (line: string) =>
			line.replace(/[\s\u202f]+/g, ' ').replace(/([«]) | ([»:])/g, '$1$2');
		for (const line of [
			'Certificat de réussite',
			'Léa Martin',
			'Cours «\u202fde démonstration\u202f» : l’œuvre',
			'Auteur·ices\u00a0: Équipe de test, Zoé Œuvrard',
			'Durée d’étude\u00a0: 15\u00a0min',
			'Délivré le 2 décembre 2026 par Association Exemple',
			`Vérification\u00a0: ${ORIGIN}/certificates/${result.certificate.id}`
		]) {
			expect(words(text)).toContain(words(line));
		}
		const mapped = toUnicodeTables(pdf);
		for (const character of ['\u202f', '\u00a0', '«', '»', 'é', 'É', 'œ', 'Œ', '’', '·'])
			expect(mapped).toContain(character);

		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
		expect(fonts).toMatch(/DejaVuSerif\s.*yes\s+yes\s+yes/);

		execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, path.join(dir, 'page')]);
		const png = readFileSync(path.join(dir, 'page.png'));
		// A4 landscape (841.89 × 595.28 points) at 60 dpi, rounded up: 702 × 497 pixels.
		expect(png.readUInt32BE(16)).toBe(702);
		expect(png.readUInt32BE(20)).toBe(497);
		// To look at the page: CERTIFICATE_PNG=/tmp/certificate.png npx vitest run … certificates
		if (process.env.CERTIFICATE_PNG) writeFileSync(process.env.CERTIFICATE_PNG, png);
	});
});
