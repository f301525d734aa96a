// A production site built from another courses folder than the real one: the project's sources
// are copied beside that folder, built there and served by server.js, as `npm start` would.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, ROOT } from '../../scripts/lib/production.ts';
import { startServer } from '../integration/server.ts';

const SOURCES = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'server.js'
];

export async function serveFixtureSite(coursesDir: string) {
	const root = mkdtempSync(path.join(tmpdir(), 'parcours-fixture-site-'));
	for (const entry of SOURCES)
		cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
	cpSync(coursesDir, path.join(root, 'courses'), { recursive: true });
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
	buildSite(root);

	const remove = () => rmSync(root, { recursive: true, force: true });
	let server;
	try {
		server = await startServer({ dataDir: path.join(root, 'data'), releaseDir: root });
	} catch (error) {
		remove();
		throw error;
	}
	const stop = async () => {
		await server.stop();
		remove();
	};
	return { baseURL: server.baseURL, root, stop, log: server.output };
}
