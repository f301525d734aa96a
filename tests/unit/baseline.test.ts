// The schema made in one step (db/baseline.ts) is the schema every numbered migration made, table
// by table: columns, keys, references, indexes, checks and collations.
import type SQLite from 'better-sqlite3';
import { expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { history } from '../../src/lib/server/db/migrations.ts';

/** What SQLite knows of each table, in a form that does not depend on how the SQL was spelled. */
function describe(sqlite: SQLite.Database) {
	const tables = sqlite
		.prepare(
			`SELECT name, type, sql FROM sqlite_master
			WHERE type = 'table' AND name <> 'schema_migrations' AND name NOT LIKE 'search_index_%'
			ORDER BY name`
		)
		.all() as { name: string; sql: string }[];
	const spelling = (text: string) => text.toLowerCase().replace(/["'`]/g, '').replace(/\s+/g, ' ');
	return Object.fromEntries(
		tables.map(({ name, sql }) => {
			const columns = sqlite.prepare(`PRAGMA table_xinfo("${name}")`).all() as {
				name: string;
				type: string;
				notnull: number;
				dflt_value: string | null;
				pk: number;
			}[];
			const indexes = (
				sqlite.prepare(`PRAGMA index_list("${name}")`).all() as {
					name: string;
					unique: number;
					origin: string;
				}[]
			).map((index) => ({
				// SQLite names the indexes of UNIQUE and PRIMARY KEY constraints itself.
				name: index.origin === 'c' ? index.name : index.origin,
				unique: index.unique,
				columns: (
					sqlite.prepare(`PRAGMA index_xinfo("${index.name}")`).all() as {
						name: string | null;
						desc: number;
						key: number;
					}[]
				)
					.filter((column) => column.key)
					.map((column) => `${column.name}${column.desc ? ' desc' : ''}`)
			}));
			const references = sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
				table: string;
				from: string;
				to: string;
				on_delete: string;
			}[];
			const text = spelling(sql);
			return [
				name,
				{
					columns: columns.map((column) => ({
						...column,
						type: column.type.toLowerCase(),
						dflt_value: column.dflt_value && spelling(column.dflt_value)
					})),
					indexes: indexes.sort((a, b) =>
						`${a.name}${a.columns}`.localeCompare(`${b.name}${b.columns}`)
					),
					references: references.map(({ table, from, to, on_delete }) => ({
						table,
						from,
						to,
						on_delete
					})),
					checks: [...text.matchAll(/check ?\((.*?\))\)/g)].map(([, check]) =>
						check.replace(/[() ]/g, '')
					),
					caseless: [...text.matchAll(/collate nocase/g)].length,
					withoutRowid: text.endsWith('without rowid'),
					virtual: text.startsWith('create virtual') ? text : null
				}
			];
		})
	);
}

test('the one-step schema is the schema of every migration applied in turn', async () => {
	// Without a baseline, a new database takes every numbered migration in turn.
	const migrated = await openDatabase(':memory:', { ...history, baseline: [] });
	const fresh = await openDatabase(':memory:');
	try {
		const expected = describe(migrated.sqlite);
		expect(Object.keys(expected).length).toBeGreaterThan(20);
		expect(describe(fresh.sqlite)).toEqual(expected);
		expect(fresh.sqlite.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
			migrated.sqlite.prepare('SELECT version FROM schema_migrations').pluck().all()
		);
	} finally {
		await fresh.close();
		await migrated.close();
	}
});
