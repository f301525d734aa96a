// The admin command as a host runs it, in a terminal (a pseudo-terminal made by util-linux `script`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { createSession } from '../../src/lib/server/session.ts';
import { findUserByUsername } from '../../src/lib/server/user.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'une phrase que personne ne doit voir';
/** Each command starts Node and compiles TypeScript: seconds on a busy machine. */
const COMMAND_TIMEOUT = 60_000;

let folder: string;
let databaseFile: string;
beforeEach(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'parcours-admin-'));
	databaseFile = path.join(folder, 'parcours.db');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const admin = (...args: string[]) =>
	`node --import tsx scripts/admin.ts ${args.map((arg) => `'${arg}'`).join(' ')}`;

/** Runs a command in a terminal, typing `line` once `prompt` shows; returns everything shown. */
function inTerminal(command: string, prompt: string, line: string) {
	return new Promise<string>((resolve, reject) => {
		const child = spawn('script', ['-qfec', command, '/dev/null'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: databaseFile, PARCOURS_PASSWORD: '' }
		});
		let shown = '';
		let typed = false;
		child.stdout.on('data', (chunk: Buffer) => {
			shown += chunk.toString('utf8');
			if (!typed && shown.includes(prompt)) {
				typed = true;
				child.stdin.write(`${line}\r`);
			}
		});
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(shown) : reject(new Error(shown))));
	});
}

test(
	'create-user asks for the password without showing what is typed',
	async () => {
		const shown = await inTerminal(
			admin('create-user', 'hote', 'hote@example.org', '--role', 'admin'),
			'Password:',
			PASSWORD
		);
		expect(shown).toContain('created hote (hote@example.org) with role admin');
		expect(shown).not.toContain(PASSWORD);
		expect(shown).not.toContain('une phrase');
	},
	COMMAND_TIMEOUT
);

test(
	'end-sessions signs an account out everywhere',
	async () => {
		const created = spawnSync('sh', ['-c', admin('create-user', 'lea', 'lea@example.org')], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: databaseFile, PARCOURS_PASSWORD: PASSWORD },
			encoding: 'utf8'
		});
		expect(created.status, created.stderr).toBe(0);
		const connection = await openDatabase(databaseFile);
		const lea = (await findUserByUsername(connection.db, 'lea'))!;
		await createSession(connection.db, lea.id, 'portable');
		await createSession(connection.db, lea.id, 'téléphone');
		await connection.close();

		const ended = spawnSync('sh', ['-c', admin('end-sessions', 'lea')], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: databaseFile },
			encoding: 'utf8'
		});
		expect(ended.stdout).toContain('lea: 2 sessions ended');
		const after = await openDatabase(databaseFile);
		try {
			expect(await after.db.selectFrom('sessions').select('id').execute()).toEqual([]);
		} finally {
			await after.close();
		}
	},
	COMMAND_TIMEOUT
);
