// The key file an earlier release made into the data folder at its first start, before the key
// that signs certificates moved into the database.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { SigningKey } from '../../src/lib/server/certificates/signing-key.ts';

/** Writes a new key to `file` as an earlier release did (a private JWK, mode 0600); returns it. */
export function writeEarlierKeyFile(file: string): SigningKey {
	const { privateKey } = generateKeyPairSync('ed25519');
	const jwk = privateKey.export({ format: 'jwk' });
	writeFileSync(file, JSON.stringify(jwk) + '\n', { mode: 0o600 });
	return { privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! } };
}
