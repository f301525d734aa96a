// The schema on PostgreSQL: made from nothing by the same history as SQLite's, once, whoever
// starts first, with the same guarantees (names unique whatever their case, references kept).
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { TABLE_OWNERS } from '../../src/lib/server/db/owners.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';

test('two instances starting together make the schema once, with every version SQLite records', async () => {
	const url = await emptyDatabase();
	const [first, second] = await Promise.all([openPostgres(url), openPostgres(url)]);
	const sqlite = await openDatabase(':memory:');
	try {
		const versions = await first.db
			.selectFrom('schema_migrations' as never)
			.select(sql<number>`version`.as('version'))
			.orderBy(sql`version`)
			.execute();
		expect(versions.map(({ version }) => version)).toEqual(
			sqlite.sqlite.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()
		);
		const tables = await sql<{ table_name: string }>`
			SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
		`.execute(second.db);
		const names = tables.rows.map((row) => row.table_name).sort();
		expect(names).toEqual(Object.keys(TABLE_OWNERS).sort());
	} finally {
		await Promise.all([first.close(), second.close(), sqlite.close()]);
	}
});

test('a user name or address is taken whatever its case, and a deleted account takes its sessions along', async () => {
	const url = await emptyDatabase();
	const { db, close } = await openPostgres(url);
	try {
		const { id } = await db
			.insertInto('users')
			.values({
				username: 'Alice',
				email: 'Alice@Example.org',
				password_hash: 'x',
				role: 'learner',
				created_at: Date.now()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(
			db
				.insertInto('users')
				.values({
					username: 'alice',
					email: 'b@example.org',
					password_hash: 'x',
					role: 'learner',
					created_at: 0
				})
				.execute()
		).rejects.toThrow(/unique/i);
		const found = await db
			.selectFrom('users')
			.select(['id', 'created_at'])
			.where('email', '=', 'alice@example.org')
			.executeTakeFirstOrThrow();
		expect(found.id).toBe(id);
		expect(typeof found.created_at).toBe('number');
		await db
			.insertInto('sessions')
			.values({
				id: 's1',
				secret_hash: Buffer.from('x'),
				user_id: id,
				created_at: 0,
				last_seen_at: 0,
				expires_at: Date.now() + 1000,
				user_agent: ''
			})
			.execute();
		await db.deleteFrom('users').where('id', '=', id).execute();
		expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
	} finally {
		await close();
	}
});
