// A production site built from another courses folder than the real one: the project's sources
// are copied beside that folder, built there and served by server.js, as `npm start` would.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, freePort, productionEnv, ROOT } from '../../scripts/lib/production.ts';

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

	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const dataDir = path.join(root, 'data');
	const server = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: productionEnv({
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: dataDir,
			DATABASE_URL: path.join(dataDir, 'parcours.db')
		}),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	server.stdout?.on('data', (chunk: Buffer) => (log += chunk));
	server.stderr?.on('data', (chunk: Buffer) => (log += chunk));
	const stop = async () => {
		if (server.exitCode === null && server.signalCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGTERM');
			await exited;
		}
		rmSync(root, { recursive: true, force: true });
	};

	// Polls until the server answers: how long it takes to start depends on the machine.
	for (;;) {
		if (server.exitCode !== null) {
			await stop();
			throw new Error(`the fixture site stopped before answering:\n${log}`);
		}
		const answered = await fetch(`${baseURL}/healthz`).then(
			(response) => response.ok,
			() => false
		);
		if (answered) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { baseURL, root, stop, log: () => log };
}
