// The production server of one browser test file: `node server.js` on the build snapshot made by
// tests/global-setup.ts, with a data folder of its own, so files run side by side without seeing
// each other's accounts, posts or counts. tests/e2e/setup.ts starts it before each file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import type { RunnerTask } from 'vitest';
import { startServer, type RunningServer } from '../integration/server.ts';

export interface FileServer {
	/** Origin of the server, e.g. `http://127.0.0.1:41234`. */
	baseURL: string;
	/** Its data folder: `parcours.db`, `outbox/`. */
	dataDir: string;
}

let current: (FileServer & { server: RunningServer }) | undefined;

const failed = (task: RunnerTask): boolean =>
	task.result?.state === 'fail' || ('tasks' in task && task.tasks.some(failed));

/** Starts the file's server and stops it, removing its data, after the file's last test. */
export async function startFileServer(): Promise<FileServer> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-e2e-'));
	let server: RunningServer;
	try {
		server = await startServer({ dataDir });
	} catch (error) {
		rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}
	current = { baseURL: server.baseURL, dataDir, server };

	afterAll(async ({}, file) => {
		if (failed(file)) console.error(`output of the server under test:\n${server.output()}`);
		else if (server.child.exitCode !== null)
			console.error(`the server exited during the tests:\n${server.output()}`);
		const stopping = server.stop('SIGTERM');
		const killer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
		await stopping;
		clearTimeout(killer);
		rmSync(dataDir, { recursive: true, force: true });
		current = undefined;
	});
	return { baseURL: server.baseURL, dataDir };
}

/** The server of the browser test file being run. */
export function fileServer(): FileServer {
	if (!current)
		throw new Error(
			'no server for this file: browser tests live in tests/e2e, whose setup (tests/e2e/setup.ts) starts one'
		);
	return { baseURL: current.baseURL, dataDir: current.dataDir };
}

/** The database of this file's server, read as a host would inspect it. */
export function queryServerDatabase<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(path.join(fileServer().dataDir, 'parcours.db'), {
		readonly: true,
		fileMustExist: true
	});
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}
