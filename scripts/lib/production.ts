// The production site as the tests and the benchmark run it: built with `vite build`, served by
// `node server.js` from a snapshot of the build, in an environment free of the caller's settings.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The environment of a production process: without what marks Vitest's or npm's own process,
 * and without the settings of whoever runs it; `extra` comes last.
 */
export function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name === 'NODE_ENV' || name === 'TEST' || /^(VITEST|npm_)/.test(name)) delete env[name];
	}
	for (const name of ['DATABASE_URL', 'ORIGIN', 'SMTP_URL', 'SHUTDOWN_TIMEOUT', 'LOG_LEVEL']) {
		delete env[name];
	}
	return { ...env, ...extra };
}

/** Runs `vite build` in `root`; returns how long it took, in seconds, or throws with its output. */
export function buildSite(root = ROOT): number {
	const started = performance.now();
	const result = spawnSync(
		process.execPath,
		[path.join('node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			env: productionEnv(),
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024
		}
	);
	if (result.status !== 0) {
		throw new Error(
			`vite build failed in ${root} (${result.error?.message ?? `exit code ${result.status}`}):\n` +
				`${result.stdout}\n${result.stderr}`
		);
	}
	return (performance.now() - started) / 1000;
}

/**
 * A folder laid out like a deployment (server.js, build/, package.json, node_modules): a rebuild
 * meanwhile cannot pull files from under the server running there.
 */
export function snapshotRelease(root = ROOT): { dir: string; remove(): void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-release-'));
	cpSync(path.join(root, 'build'), path.join(dir, 'build'), { recursive: true });
	for (const file of ['server.js', 'package.json']) {
		cpSync(path.join(root, file), path.join(dir, file));
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}
