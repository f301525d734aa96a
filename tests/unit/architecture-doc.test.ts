import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

test('every file and folder docs/architecture.md names exists', () => {
	const text = readFileSync('docs/architecture.md', 'utf8');
	const named = [...text.matchAll(/`((?:src|scripts|tests|courses|docs)\/[^`\s<]*)/g)].map(
		([, name]) => name
	);
	expect(named.length).toBeGreaterThan(30);
	expect(named.filter((name) => !existsSync(path.resolve(name)))).toEqual([]);
});
