// The certificate as an Open Badges 3.0 credential: a W3C Verifiable Credential (data model 2.0)
// of type OpenBadgeCredential whose achievement is the course, secured as a VC-JWT (Open Badges
// 3.0, § 8.2 "JSON Web Token Proof Format"): the payload is the credential itself with the
// `iss`, `jti`, `nbf` and `sub` claims copied from it, and the JOSE header names, in `kid`, the
// address of the platform's public key as a JWK.
import { signCompactJws, type SigningKey } from './signing-key.ts';

export const CREDENTIAL_CONTEXT = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
];

const ACHIEVEMENT_CREDENTIAL_SCHEMA =
	'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** The addresses the site publishes for verifiers, all under one origin. */
export const issuerUrls = (origin: string) => ({
	profile: `${origin}/certificates/issuer`,
	key: `${origin}/certificates/issuer/key`
});

export const verificationUrl = (origin: string, id: string) => `${origin}/certificates/${id}`;

/** The issuer's profile: what `issuer.id` dereferences to. */
export function issuerProfile(origin: string, name: string) {
	return {
		'@context': CREDENTIAL_CONTEXT,
		id: issuerUrls(origin).profile,
		type: ['Profile'],
		name,
		url: origin
	};
}

export interface CredentialFacts {
	id: string;
	/** An opaque `urn:uuid:` for the learner: the credential never carries their account. */
	subjectId: string;
	origin: string;
	issuerName: string;
	name: string;
	course: { slug: string; title: string; description: string; authors: string[]; language: string };
	/** Written in the course's language: what the learner did, with the hours of study. */
	criteria: string;
	issuedAt: number;
}

export function openBadgeCredential(facts: CredentialFacts) {
	const { origin, course } = facts;
	const courseUrl = `${origin}/${course.slug}`;
	return {
		'@context': CREDENTIAL_CONTEXT,
		id: verificationUrl(origin, facts.id),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		issuer: {
			id: issuerUrls(origin).profile,
			type: ['Profile'],
			name: facts.issuerName,
			url: origin
		},
		// `nbf` holds whole seconds and must equal validFrom.
		validFrom: new Date(Math.floor(facts.issuedAt / 1000) * 1000).toISOString().replace('.000', ''),
		name: course.title,
		credentialSubject: {
			id: facts.subjectId,
			type: ['AchievementSubject'],
			// The printed name, as the learner chose it: readable by whoever they show the credential to.
			identifier: [
				{
					type: 'IdentityObject',
					identityType: 'name',
					hashed: false,
					identityHash: facts.name
				}
			],
			achievement: {
				id: courseUrl,
				type: ['Achievement'],
				achievementType: 'CertificateOfCompletion',
				name: course.title,
				description: course.description,
				criteria: { narrative: facts.criteria },
				creator: {
					id: `${courseUrl}#authors`,
					type: ['Profile'],
					name: course.authors.join(', ')
				},
				inLanguage: course.language
			}
		},
		credentialSchema: [
			{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }
		]
	};
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** The credential as a compact JWS, signed with the platform's key. */
export function signCredential(key: SigningKey, credential: OpenBadgeCredential): string {
	return signCompactJws(
		key,
		{ typ: 'JWT', kid: issuerUrls(credential.issuer.url).key },
		{
			...credential,
			iss: credential.issuer.id,
			jti: credential.id,
			nbf: Date.parse(credential.validFrom) / 1000,
			sub: credential.credentialSubject.id
		}
	);
}
