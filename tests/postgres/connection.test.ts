// The database server may end connections at any time (a restart, a failover, an administrator):
// the instance logs it and goes on, with new connections at the next query.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Connection } from '../../src/lib/server/db/index.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { useLogger, type Logger } from '../../src/lib/server/log.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';

let url: string;
let instance: Connection;
let admin: Connection;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
	url = await emptyDatabase();
	instance = await openPostgres(url, { poolSize: 3, listen: true });
	admin = await openPostgres(url, { poolSize: 1 });
});
afterAll(async () => {
	await Promise.all([instance.close(), admin.close()]);
});

test('connections the server ends, idle or listening, are logged and replaced', async () => {
	const original = useLogger().log;
	const log: Logger['log'] = (level, fields) => void lines.push({ level, ...fields });
	Object.assign(useLogger(), { log });
	try {
		// Three idle connections in the pool, and the one that listens.
		await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(instance.db)));
		const { rows } = await sql<{ ended: number }>`
			SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()
		`.execute(admin.db);
		expect(rows[0].ended).toBe(4);
		await expect
			.poll(() => lines.filter((line) => line.level === 'warn').length)
			.toBeGreaterThanOrEqual(4);
		expect(lines).toContainEqual(
			expect.objectContaining({ message: 'a database connection was closed by the server' })
		);
		// The next queries get new connections.
		const answer = await sql<{ one: number }>`SELECT 1 AS one`.execute(instance.db);
		expect(answer.rows).toEqual([{ one: 1 }]);
		await expect
			.poll(() => instance.otherWrites() === instance.otherWrites(), { timeout: 10_000 })
			.toBe(true);
	} finally {
		Object.assign(useLogger(), { log: original });
	}
});
