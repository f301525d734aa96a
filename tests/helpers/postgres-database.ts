// A database of its own for a test file, in the cluster the PostgreSQL tests share.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** Makes an empty database and returns its address. */
export async function emptyDatabase(): Promise<string> {
	const url = new URL(inject('postgresUrl'));
	const name = `parcours_${randomBytes(6).toString('hex')}`;
	const client = new pg.Client({ connectionString: url.href });
	await client.connect();
	try {
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
	url.pathname = `/${name}`;
	return url.href;
}
