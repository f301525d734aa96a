// One build for the whole run: the browser tests and the integration tests serve the same
// production site, built only when the build is missing or older than the sources (the rule
// `npm start` and the benchmark use), so the first project to start builds and the other finds it
// fresh. Each project then serves a snapshot of that build, so a rebuild meanwhile (another
// `npm test`, an editor's `vite build`) cannot pull files from under a running server.
import type { TestProject } from 'vitest/node';
import { buildIsStale } from '../scripts/start.js';
import { buildSite, ROOT, snapshotRelease } from '../scripts/lib/production.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A folder laid out like a deployment: server.js, build/, package.json, node_modules. */
		releaseDir: string;
	}
}

export default function setup(project: TestProject) {
	if (buildIsStale(ROOT)) console.log(`${project.name}: site built in ${buildSite().toFixed(1)} s`);
	const release = snapshotRelease();
	project.provide('releaseDir', release.dir);
	return release.remove;
}
