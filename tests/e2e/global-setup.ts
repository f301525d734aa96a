// Builds the site once and serves it with the production server, as `npm start` would, for every
// browser test file. Tests read the address with `inject('baseURL')`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIsStale } from '../../scripts/start.js';
import { buildSite, freePort, productionEnv, ROOT } from '../../scripts/lib/production.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Origin of the production server under test, e.g. `http://127.0.0.1:41234`. */
		baseURL: string;
		/** The server's data folder (database, uploads), fresh for each run. */
		dataDir: string;
	}
}

const START_TIMEOUT = 30_000;

async function waitUntilServing(baseURL: string, server: ChildProcess, output: () => string) {
	const deadline = Date.now() + START_TIMEOUT;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) {
			throw new Error(`the server stopped before answering (${server.exitCode}):\n${output()}`);
		}
		try {
			const response = await fetch(`${baseURL}/`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the server did not answer GET / within ${START_TIMEOUT} ms:\n${output()}`);
}

export default async function setup(project: TestProject) {
	// The integration project may have built already in this run; build again only when stale.
	if (buildIsStale(ROOT)) console.log(`e2e: site built in ${buildSite().toFixed(1)} s`);

	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-e2e-'));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['server.js'], {
		cwd: ROOT,
		env: productionEnv({
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: dataDir,
			DATABASE_URL: path.join(dataDir, 'parcours.db')
		}),
		stdio: ['ignore', 'pipe', 'pipe']
	});

	// What the server prints (it logs every 404 too) is kept, and shown when something fails.
	let log = '';
	server.stdout?.on('data', (chunk: Buffer) => (log += chunk));
	server.stderr?.on('data', (chunk: Buffer) => (log += chunk));
	let stopping = false;
	server.on('exit', (code, signal) => {
		if (!stopping)
			console.error(`e2e: the server exited (${code ?? signal}) during the tests:\n${log}`);
	});

	const stop = async () => {
		stopping = true;
		if (server.exitCode === null && server.signalCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
			if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
		}
		rmSync(dataDir, { recursive: true, force: true });
	};

	try {
		await waitUntilServing(baseURL, server, () => log);
	} catch (error) {
		await stop();
		throw error;
	}

	project.provide('baseURL', baseURL);
	project.provide('dataDir', dataDir);

	return async function teardown() {
		// The state API is experimental: without it, show the output rather than hide it.
		const failures = project.vitest.state?.getCountOfFailedTests?.() ?? 1;
		if (failures > 0) console.error(`e2e: output of the server under test:\n${log}`);
		await stop();
	};
}
