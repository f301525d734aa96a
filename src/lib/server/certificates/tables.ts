/** Table types of the certificates, part of the database's type. */
export interface CertificateTable {
	/** Random, unguessable: the verification address is public. */
	id: string;
	user_id: number;
	course_slug: string;
	/** The name the learner chose to print, not necessarily their username. */
	name: string;
	/** The course as it was when the certificate was issued: editing the course changes nothing. */
	course_title: string;
	/** JSON: the course's authors. */
	authors: string;
	/** Sum of the durations of the course's lessons. */
	minutes: number;
	/** The course's language, the certificate's. */
	language: string;
	issued_at: number;
	/** The Open Badges 3.0 credential, signed once at issue: a compact JWS. */
	credential: string;
	revoked_at: number | null;
	revoked_reason: string | null;
	/** null once the account of the administrator who revoked it is deleted. */
	revoked_by: number | null;
}

/** The site's key, shared by every server of the site (signing-key.ts). */
export interface SigningKeyTable {
	/** Always 1: a site has one key. */
	id: number;
	/** The Ed25519 private key as a JWK: whoever reads it can sign in the site's name. */
	private_jwk: string;
	created_at: number;
}

export interface CertificateTables {
	certificates: CertificateTable;
	signing_keys: SigningKeyTable;
}
