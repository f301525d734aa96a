import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { history } from '../../src/lib/server/db/migrations.ts';
import {
	MIGRATION_MODULES,
	TABLE_OWNERS,
	WHOLE_DATABASE_WRITERS
} from '../../src/lib/server/db/owners.ts';

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

/** A write whose table is not written out, so no owner can be checked. */
const UNNAMED_WRITE =
	/\.(?:insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(\s*(?!['"`])/g;

/**
 * Every write in src/ of a table by a module that does not own it, as `file: table`, and every
 * write of a table it does not name, unless the module is one that writes every table.
 */
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
		if (WHOLE_DATABASE_WRITERS.includes(module)) continue;
		for (const _ of text.matchAll(UNNAMED_WRITE))
			found.push(`${path.relative(SOURCE, file)}: a table it does not name`);
	}
	return found;
}

test('each table is written by its owning module alone', () => {
	expect(foreignWrites()).toEqual([]);
});

test('every table the migrations create has an owner, in a new database and an upgraded one', async () => {
	const made = await Promise.all([
		openDatabase(':memory:'),
		openDatabase(':memory:', { ...history, baseline: [] })
	]);
	for (const { sqlite, close } of made) {
		// FTS5 keeps the terms of search_index in shadow tables of its own.
		const tables = (
			sqlite
				.prepare(
					"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index_%'"
				)
				.pluck()
				.all() as string[]
		).filter((name) => !(name in TABLE_OWNERS));
		await close();
		expect(tables).toEqual([]);
	}
	expect(Object.keys(TABLE_OWNERS).length).toBeGreaterThan(10);
});
