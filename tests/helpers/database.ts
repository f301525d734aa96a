// The database a domain's unit tests run on: SQLite in memory, or with PARCOURS_TEST_DATABASE set
// to `postgres` (the `postgres` test project), a new database in the cluster of that project.
import type { DB } from '../../src/lib/server/db/index.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { emptyDatabase } from './postgres-database.ts';

export const onPostgres = process.env.PARCOURS_TEST_DATABASE === 'postgres';

export interface TestDatabase {
	db: DB;
	close(): Promise<void>;
}

export async function testDatabase(): Promise<TestDatabase> {
	if (!onPostgres) return openDatabase(':memory:');
	return openPostgres(await emptyDatabase(), { poolSize: 4 });
}
