// The nginx example of docs/deploy.md ("nginx in front of two instances"), run as written: the
// block is read from the document, only its ports are changed. Requests go to both instances, a
// learner stays signed in whichever answers, and while one instance is down the other answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	createLearners,
	databaseEnv,
	freePort,
	getPage,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from '../integration/server.ts';

const PASSWORD = 'un mot de passe assez long';
const MARKER = '<!-- tested by tests/integration-postgres/proxy.test.ts, which runs this block -->';

/** The nginx block that follows the marker in docs/deploy.md. */
function documentedBlock() {
	const doc = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
	const after = doc.slice(doc.indexOf(MARKER) + MARKER.length);
	const block = /```nginx\n([\s\S]*?)```/.exec(after)?.[1];
	if (!doc.includes(MARKER) || !block) throw new Error('docs/deploy.md has no tested nginx block');
	return block;
}

let dirs: string[];
let servers: RunningServer[];
let nginx: ChildProcess;
let proxy: string;

beforeAll(async () => {
	const found = spawnSync('nginx', ['-v']);
	if (found.error)
		throw new Error('this test runs the documented nginx setup: apt-get install nginx-light');
	dirs = [0, 1, 2].map(() => mkdtempSync(path.join(tmpdir(), 'parcours-proxy-')));
	await createLearners(dirs[0], ['ada'], PASSWORD);
	const [port, ...ports] = await Promise.all([freePort(), freePort(), freePort()]);
	proxy = `http://127.0.0.1:${port}`;
	const env = {
		...(await databaseEnv(dirs[0])),
		ORIGIN: proxy,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		HOST: '127.0.0.1'
	};
	servers = await Promise.all(
		ports.map((each, i) => startServer({ dataDir: dirs[i], port: each, env }))
	);

	const prefix = dirs[2];
	mkdirSync(path.join(prefix, 'logs'));
	const block = documentedBlock()
		.replace('127.0.0.1:3001', `127.0.0.1:${ports[0]}`)
		.replace('127.0.0.1:3002', `127.0.0.1:${ports[1]}`)
		.replace('listen 8080;', `listen 127.0.0.1:${port};`);
	const conf = [
		// Under root, nginx would otherwise hand its workers to `nobody`.
		userInfo().uid === 0 ? 'user root;' : '',
		'worker_processes 1;',
		`pid ${prefix}/nginx.pid;`,
		`error_log ${prefix}/logs/error.log;`,
		'events {}',
		'http {',
		`access_log ${prefix}/logs/access.log;`,
		...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
			(kind) => `${kind}_temp_path ${prefix}/${kind};`
		),
		block,
		'}'
	].join('\n');
	writeFileSync(path.join(prefix, 'nginx.conf'), conf);
	const checked = spawnSync('nginx', ['-t', '-p', prefix, '-c', 'nginx.conf'], {
		encoding: 'utf8'
	});
	if (checked.status !== 0) throw new Error(`nginx -t: ${checked.stderr}`);
	nginx = spawn('nginx', ['-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], {
		stdio: 'ignore'
	});
	const deadline = Date.now() + 10_000;
	while ((await fetch(`${proxy}/healthz`).catch(() => null))?.status !== 200) {
		if (Date.now() > deadline) throw new Error('nginx did not answer within 10 s');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
});
afterAll(async () => {
	nginx?.kill('SIGQUIT');
	await Promise.all((servers ?? []).map((server) => server.stop()));
	for (const dir of dirs ?? []) rmSync(dir, { recursive: true, force: true });
});

const lessonRequests = (server: RunningServer) =>
	server.logLines().filter((line) => line.route === '/' && line.status === 200).length;

test('nginx shares the requests between the instances, and a learner stays signed in on both', async () => {
	for (let i = 0; i < 6; i++) expect((await getPage(proxy, '/')).status).toBe(200);
	expect(lessonRequests(servers[0])).toBeGreaterThan(0);
	expect(lessonRequests(servers[1])).toBeGreaterThan(0);

	const cookie = await signIn(proxy, 'ada', PASSWORD);
	for (let i = 0; i < 4; i++) {
		const dashboard = await fetch(`${proxy}/dashboard`, { headers: { cookie } });
		expect(dashboard.status).toBe(200);
		expect(await dashboard.text()).toContain('ada');
	}
});

test('while one instance is down, the other answers every request', async () => {
	const cookie = await signIn(proxy, 'ada', PASSWORD);
	await servers[0].stop();
	for (let i = 0; i < 6; i++) {
		expect((await getPage(proxy, '/')).status).toBe(200);
		expect((await getPage(proxy, '/dashboard', cookie)).status).toBe(200);
	}
});
