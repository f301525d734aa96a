// The platform's Ed25519 key, which signs every certificate's credential. It is made once, at the
// first start, into the data folder (beside the database, and backed up with it by
// `npm run backup`): losing it does not invalidate the certificates already issued in the database,
// but a new key could not sign as the old one, and credentials already handed out would no longer
// verify against the published key.
import {
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	type JsonWebKey,
	type KeyObject
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config.ts';

export interface SigningKey {
	privateKey: KeyObject;
	/** The public half as a JWK (`kty: OKP`, `crv: Ed25519`, `x`), never with `d`. */
	publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

function readKey(file: string): SigningKey {
	const jwk = JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey;
	if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') {
		throw new Error(`${file} is not an Ed25519 private key (JWK): restore it from a backup`);
	}
	const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
	const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
	return { privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: x! } };
}

/**
 * The key in `file`, made there first when there is none. Two processes starting together both
 * try to create it; `wx` lets only one write it, and the other reads what it wrote.
 */
export function loadSigningKey(file: string): SigningKey {
	try {
		return readKey(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const { privateKey } = generateKeyPairSync('ed25519');
	try {
		writeFileSync(file, JSON.stringify(privateKey.export({ format: 'jwk' })) + '\n', {
			flag: 'wx',
			mode: 0o600
		});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return readKey(file);
}

let current: SigningKey | undefined;

/** The server's key, read (or made) once. */
export function useSigningKey(): SigningKey {
	current ??= loadSigningKey(getConfig().certificateKeyFile);
	return current;
}

/** For tests that switch data folders. */
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
