// A database of its own for a test file, in the cluster the PostgreSQL tests share.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from '../../scripts/lib/postgres-cluster.ts';

/** Makes an empty database and returns its address. */
export async function emptyDatabase(): Promise<string> {
	return createDatabase(inject('postgresUrl'), `parcours_${randomBytes(6).toString('hex')}`);
}
