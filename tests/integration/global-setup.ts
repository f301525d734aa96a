// The integration tests run the production server (`node server.js`) on the built site. They
// build only when the build is missing or older than the sources, by the rule `npm start` uses:
// when the browser tests' setup has just built (it runs first in `npm test`), nothing is rebuilt.
// The tests then run a snapshot of that build, so a rebuild meanwhile (another `npm test`, an
// editor's `vite build`) cannot pull files from under a running server.
import type { TestProject } from 'vitest/node';
import { buildIsStale } from '../../scripts/start.js';
import { buildSite, ROOT, snapshotRelease } from '../../scripts/lib/production.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A folder laid out like a deployment: server.js, build/, package.json, node_modules. */
		releaseDir: string;
	}
}

export default function setup(project: TestProject) {
	if (buildIsStale(ROOT)) console.log(`integration: site built in ${buildSite().toFixed(1)} s`);
	const release = snapshotRelease();
	project.provide('releaseDir', release.dir);
	return release.remove;
}
