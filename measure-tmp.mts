// Temporary: server CPU per request, for comparing builds. Usage: tsx measure-tmp.mts <root>...
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from './src/lib/content/load.ts';
import { createLearners, signIn } from './scripts/bench/fixtures.ts';
import { measure } from './scripts/bench/load.ts';
import { snapshotRelease, startServer } from './scripts/bench/server.ts';
import { cpuSampler } from './scripts/bench/cpu.ts';

const seconds = Number(process.env.SECONDS ?? 5);
for (const root of process.argv.slice(2)) {
	const { index } = loadContent(path.join(root, 'courses'));
	const lesson = index.courses[0].sequences[0].lessons[0].url;
	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-m-'));
	await createLearners({ kind: 'sqlite', file: path.join(dataDir, 'parcours.db') }, ['m-ada']);
	const release = snapshotRelease(root);
	const server = await startServer({ releaseDir: release.dir, dataDir });
	const cookie = await signIn(server.baseURL, 'm-ada');
	const cpu = cpuSampler({ server: () => [server.pid] });
	const targets = [
		{ name: 'healthz', url: server.baseURL + '/healthz' },
		{ name: 'robots anon', url: server.baseURL + '/robots.txt' },
		{ name: 'robots signed in', url: server.baseURL + '/robots.txt', headers: { cookie } },
		{ name: 'lesson anon', url: server.baseURL + lesson },
		{ name: 'lesson signed in', url: server.baseURL + lesson, headers: { cookie } },
		{ name: 'course signed in', url: server.baseURL + index.courses[0].url, headers: { cookie } }
	];
	for (const target of targets) {
		await measure(target, 10, 2);
		const m = await measure(target, 10, seconds, cpu);
		const ms = (m.cpu!.groups.server * 1000) / m.requests;
		console.log(`${root} ${target.name}: ${m.rps.toFixed(0)}/s, server ${ms.toFixed(3)} ms CPU/request, p99 ${m.p99} ms, machine ${(m.cpu!.machine / m.cpu!.seconds).toFixed(2)} cores`);
	}
	await server.stop();
	release.remove();
}
process.exit(0);
