// The platform's Ed25519 key, which signs every certificate's credential. A site has one, kept in
// its database (`signing_keys`, owned here): every server of the site signs with it and publishes
// it, even several servers sharing one PostgreSQL database with a data folder each, and every backup
// of the database carries it. Losing it does not invalidate the certificates already issued in the
// database, but a new key could not sign as the old one, and credentials already handed out would
// no longer verify against the published key.
//
// Earlier releases kept it in the data folder, `certificate-key.jwk`: the first start that finds
// the database without a key imports that file, so a site keeps the key its learners' credentials
// were signed with. The file is not read for signing after that.
import {
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	type JsonWebKey,
	type KeyObject
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getConfig } from '../config.ts';
import type { DB } from '../db/index.ts';
import { useLogger, type Logger } from '../log.ts';

export interface SigningKey {
	privateKey: KeyObject;
	/** The public half as a JWK (`kty: OKP`, `crv: Ed25519`, `x`), never with `d`. */
	publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

function signingKey(privateKey: KeyObject): SigningKey {
	const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
	return { privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: x! } };
}

/** The key a private JWK holds; `source` says where it was read, for the error a damaged one throws. */
function keyFromJwk(text: string, source: string): SigningKey {
	try {
		const jwk = JSON.parse(text) as JsonWebKey;
		if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.d === 'string')
			return signingKey(createPrivateKey({ key: jwk, format: 'jwk' }));
	} catch {
		// Not JSON, or not a key Node can read: the same message as any other wrong key.
	}
	throw new Error(`${source} is not an Ed25519 private key (JWK): restore it from a backup`);
}

/** The private JWK the database stores: Node's own export, whatever the file it came from held. */
const privateJwkOf = (key: KeyObject) => JSON.stringify(key.export({ format: 'jwk' }));

/** A key no site has: for a new site, and for tests that need another site's key. */
export function newSigningKey(): SigningKey {
	return signingKey(generateKeyPairSync('ed25519').privateKey);
}

/** What an earlier release left in the data folder, or null when it left nothing. */
function readKeyFile(file: string): string | null {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

async function storedKey(db: DB): Promise<string | null> {
	const row = await db
		.selectFrom('signing_keys')
		.select('private_jwk')
		.where('id', '=', 1)
		.executeTakeFirst();
	return row?.private_jwk ?? null;
}

export interface LoadOptions {
	/** An earlier release's key file (`DATA_DIR/certificate-key.jwk`), whether it exists or not. */
	file?: string;
	log?: Logger['log'];
	now?: number;
}

const STORED = 'the key in the signing_keys table';

/**
 * The site's key, from the database. The first start puts one there: the file an earlier release
 * made, when there is one, otherwise a new key. Servers starting together may each try: the first
 * insert wins, the others' do nothing, and every one uses what the table then holds.
 */
export async function loadSigningKey(
	db: DB,
	{ file, log = useLogger().log, now = Date.now() }: LoadOptions = {}
): Promise<SigningKey> {
	const fromFile = file ? readKeyFile(file) : null;
	let stored = await storedKey(db);
	if (stored === null) {
		// A damaged file stops the start here: making a new key instead would quietly break every
		// credential signed with the old one.
		const candidate = fromFile === null ? newSigningKey() : keyFromJwk(fromFile, file!);
		const inserted = await db
			.insertInto('signing_keys')
			.values({ id: 1, private_jwk: privateJwkOf(candidate.privateKey), created_at: now })
			.onConflict((conflict) => conflict.column('id').doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
			log(
				'info',
				fromFile === null
					? { message: 'certificate signing key made, into the database' }
					: { message: 'certificate signing key imported into the database from its file', file }
			);
		stored = await storedKey(db);
		if (stored === null) throw new Error('the certificate signing key could not be stored');
	}
	const key = keyFromJwk(stored, STORED);
	if (fromFile !== null && !holdsKey(fromFile, key))
		// Not a reason to refuse to start: the database's key is the one this site's servers sign
		// with and publish (another server may have imported its own file first, or the database was
		// restored from another site's backup), and refusing would not change which key that is. The
		// line tells the administrator that credentials signed with the file's key, if any were, no
		// longer verify, so that they can decide what to do with the file.
		log('warn', {
			message:
				'the certificate key file differs from the key in the database, which signs and is published: the file is not used',
			file,
			publishedKey: key.publicJwk.x
		});
	return key;
}

/** Whether a key file's text is `key` (a damaged file is not). */
function holdsKey(text: string, key: SigningKey) {
	try {
		return keyFromJwk(text, 'the key file').publicJwk.x === key.publicJwk.x;
	} catch {
		return false;
	}
}

let current: SigningKey | undefined;

/** Reads the site's key at start (loadSigningKey), for requests to sign and publish with. */
export async function startSigningKey(db: DB): Promise<SigningKey> {
	current = await loadSigningKey(db, { file: getConfig().certificateKeyFile });
	return current;
}

/** The server's key, read at start by startSigningKey. */
export function useSigningKey(): SigningKey {
	if (!current)
		throw new Error('the certificate signing key is not read yet: call startSigningKey');
	return current;
}

/** For tests that switch databases. */
export function forgetSigningKey() {
	current = undefined;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS (RFC 7515) of `payload`, signed EdDSA. Node's own Ed25519 signs it: the JOSE part
 * is two base64url strings and a dot, and the tests verify the result with another
 * implementation (jose).
 */
export function signCompactJws(
	key: SigningKey,
	header: Record<string, unknown>,
	payload: Record<string, unknown>
): string {
	const input = `${base64url({ ...header, alg: 'EdDSA' })}.${base64url(payload)}`;
	const signature = sign(null, Buffer.from(input), key.privateKey).toString('base64url');
	return `${input}.${signature}`;
}
