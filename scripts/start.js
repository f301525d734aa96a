// `npm start`: builds when the sources are newer than the last build, then serves the site.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
	'src',
	'courses',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const BUILT = 'build/handler.js';

/** @param {string} entry @returns {number} */
function newest(entry) {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(
		stat.mtimeMs,
		...readdirSync(entry).map((name) => newest(path.join(entry, name)))
	);
}

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
if (builtAt < Math.max(...SOURCES.map(newest))) {
	console.log(
		builtAt ? 'Sources changed since the last build: building…' : 'First start: building…'
	);
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(path.resolve('server.js'));
