// The integration tests run the production server (`node server.js`) on the built site. They
// build only when the build is missing or older than the sources, by the rule `npm start` uses:
// when the browser tests' setup has just built (it runs first in `npm test`), nothing is rebuilt.
// The tests then run a snapshot of that build, so a rebuild meanwhile (another `npm test`, an
// editor's `vite build`) cannot pull files from under a running server.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIsStale } from '../../scripts/start.js';
import { productionEnv, ROOT } from './env.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A folder laid out like a deployment: server.js, build/, package.json, node_modules. */
		releaseDir: string;
	}
}

function build() {
	const started = Date.now();
	const result = spawnSync('npx', ['vite', 'build'], {
		cwd: ROOT,
		env: productionEnv({}),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (result.status !== 0) {
		throw new Error(
			`vite build failed (${result.error?.message ?? `exit code ${result.status}`}):\n` +
				`${result.stdout}\n${result.stderr}`
		);
	}
	console.log(`integration: site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default function setup(project: TestProject) {
	if (buildIsStale(ROOT)) build();
	const releaseDir = mkdtempSync(path.join(tmpdir(), 'parcours-release-'));
	cpSync(path.join(ROOT, 'build'), path.join(releaseDir, 'build'), { recursive: true });
	for (const file of ['server.js', 'package.json']) {
		cpSync(path.join(ROOT, file), path.join(releaseDir, file));
	}
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(releaseDir, 'node_modules'), 'dir');
	project.provide('releaseDir', releaseDir);
	return () => rmSync(releaseDir, { recursive: true, force: true });
}
