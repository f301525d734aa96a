import { afterEach, describe, expect, test } from 'vitest';
import { contentVersion } from '../../src/lib/server/content.ts';
import type { DatabaseTarget } from '../../src/lib/server/config.ts';
import { closeDatabase, startDatabase } from '../../src/lib/server/db/index.ts';
import { onPostgres } from '../helpers/database.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';
import { GET } from '../../src/routes/healthz/+server.ts';

/** The database the server would open: SQLite, or PostgreSQL in the `postgres` test project. */
const target = async (): Promise<DatabaseTarget> =>
	onPostgres
		? { kind: 'postgres', url: await emptyDatabase(), poolSize: 2 }
		: { kind: 'sqlite', file: ':memory:' };

// The endpoint reads nothing from the request.
const probe = () => GET({} as Parameters<typeof GET>[0]);

afterEach(async () => {
	await closeDatabase();
});

describe('health check', () => {
	test('a monitor sees ok, the database ok and the content version, never from a cache', async () => {
		await startDatabase(await target());
		const response = await probe();
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(await response.json()).toEqual({
			status: 'ok',
			database: 'ok',
			contentVersion,
			outbox: { depth: 0, oldestPendingSeconds: null, failed: 0 },
			search: 'ready'
		});
		expect(contentVersion).toMatch(/\w+/);
	});

	test('without a working database the monitor gets a 503 with status error', async () => {
		await closeDatabase();
		const response = await probe();
		expect(response.status).toBe(503);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({ status: 'error', contentVersion });
	});
});
