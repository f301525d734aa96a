import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { migrations } from '../../src/lib/server/db/migrations.ts';
import { MIGRATION_MODULES, TABLE_OWNERS } from '../../src/lib/server/db/owners.ts';

const SOURCE = path.resolve('src');
const SERVER = path.join(SOURCE, 'lib/server');

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(file);
		return /\.(ts|js|svelte)$/.test(entry.name) ? [file] : [];
	});
}

/** Kysely's write builders and SQL write statements, with the table each one names. */
const WRITES = [
	/\.(?:insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(\s*['"`]([a-z_]+)/g,
	/\b(?:INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/g
];

/** Every write in src/ of a table by a module that does not own it, as `file: table`. */
function foreignWrites() {
	const owners: Record<string, string> = TABLE_OWNERS;
	const found: string[] = [];
	for (const file of sourceFiles(SOURCE)) {
		const module = path.relative(SERVER, file).split(path.sep).join('/');
		if (MIGRATION_MODULES.includes(module)) continue;
		const text = readFileSync(file, 'utf8');
		for (const pattern of WRITES) {
			for (const [, table] of text.matchAll(pattern)) {
				if (owners[table] !== module) found.push(`${path.relative(SOURCE, file)}: ${table}`);
			}
		}
	}
	return found;
}

test('each table is written by its owning module alone', () => {
	expect(foreignWrites()).toEqual([]);
});

test('every table the migrations create has an owner', () => {
	const created = migrations.flatMap((migration) =>
		[...migration.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map(
			([, name]) => name
		)
	);
	const renamedAway = migrations.flatMap((migration) =>
		[...migration.sql.matchAll(/ALTER TABLE ([a-z_]+) RENAME TO/g)].map(([, name]) => name)
	);
	const tables = created.filter((name) => !renamedAway.includes(name));
	expect(tables.filter((name) => !(name in TABLE_OWNERS))).toEqual([]);
	expect(tables.length).toBeGreaterThan(10);
});
