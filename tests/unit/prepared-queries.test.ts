import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DB } from '../../src/lib/server/db/index.ts';
import { prepared } from '../../src/lib/server/db/prepared.ts';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';

let database: TestDatabase;
let db: DB;

beforeEach(async () => {
	database = await testDatabase();
	db = database.db;
	await db
		.insertInto('users')
		.values(
			['ada', 'brune', 'chloe'].map((username, i) => ({
				username,
				email: `${username}@example.org`,
				password_hash: 'x',
				created_at: 1000 + i,
				role: 'learner' as const
			}))
		)
		.execute();
});

afterEach(async () => {
	await database.close();
});

const byNameAfter = prepared((db, name: string, after: number) =>
	db
		.selectFrom('users')
		.select(['username', 'created_at'])
		.where('username', '!=', name)
		.where('created_at', '>', after)
		// A value of the query itself, between the arguments, keeps its place.
		.where('role', '=', 'learner')
		.orderBy('username')
);

describe('a query compiled once', () => {
	test('gives each call the rows of its own arguments, as the builder does', async () => {
		expect((await byNameAfter(db, 'brune', 999)).map((row) => row.username)).toEqual([
			'ada',
			'chloe'
		]);
		expect((await byNameAfter(db, 'chloe', 1000)).map((row) => row.username)).toEqual(['brune']);
		const built = await db
			.selectFrom('users')
			.select(['username', 'created_at'])
			.where('username', '!=', 'ada')
			.where('created_at', '>', 1000)
			.where('role', '=', 'learner')
			.orderBy('username')
			.execute();
		expect(await byNameAfter(db, 'ada', 1000)).toEqual(built);
	});

	test('runs inside a transaction, where it sees the rows the transaction wrote', async () => {
		await db.transaction().execute(async (trx) => {
			await trx
				.insertInto('users')
				.values({
					username: 'dora',
					email: 'dora@example.org',
					password_hash: 'x',
					created_at: 5000,
					role: 'learner'
				})
				.execute();
			expect((await byNameAfter(trx, 'ada', 4000)).map((row) => row.username)).toEqual(['dora']);
		});
	});

	test('refuses an argument that would change its SQL rather than misread it', async () => {
		const call = byNameAfter as unknown as (db: DB, ...args: unknown[]) => Promise<unknown>;
		await expect(call(db, null, 1)).rejects.toThrow(/strings and numbers, not object/);
		await expect(call(db, ['ada'], 1)).rejects.toThrow(/strings and numbers, not object/);
		await expect(call(db, true, 1)).rejects.toThrow(/strings and numbers, not boolean/);
	});

	test('refuses a query that leaves an argument out of its parameters', async () => {
		const careless = prepared((db, name: string) =>
			db.selectFrom('users').select('username').where('username', '=', `${name}`.slice(0, 0))
		);
		await expect(careless(db, 'ada')).rejects.toThrow(/each of its 1 arguments/);
	});
});
