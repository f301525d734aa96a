// `npm start`: builds when the sources are newer than the last build, then serves the site.
// The tests and the benchmark use the same rule (`buildIsStale`) to build at most once per run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

/** 0 when there is no build yet. */
export function builtAt(root = ROOT) {
	const built = path.join(root, BUILT);
	return existsSync(built) ? statSync(built).mtimeMs : 0;
}

export function buildIsStale(root = ROOT) {
	return builtAt(root) < Math.max(...SOURCES.map((entry) => newest(path.join(root, entry))));
}

async function main() {
	if (buildIsStale()) {
		console.log(
			builtAt() ? 'Sources changed since the last build: building…' : 'First start: building…'
		);
		const result = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
	// server.js creates DATA_DIR, checks the configuration, then listens.
	await import(pathToFileURL(path.join(ROOT, 'server.js')).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	await main();
}
