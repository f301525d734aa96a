// `npm run bench -- --profile [page]`: the server runs under `node --cpu-prof` while autocannon
// loads one page at 10 connections; prints the functions with the most self time. Pages: lesson,
// course, discussions (anonymous: served from the page cache after the first request),
// lesson-signed-in, discussions-signed-in (rendered every time), and quiz (answers sent as the
// benchmark's quiz load sends them). The profile is kept in bench-results/ for Chrome's DevTools.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIsStale } from '../start.js';
import { loadContent } from '../../src/lib/content/load.ts';
import { createLearners, seedThreads, signedInLearners, signIn } from './fixtures.ts';
import { courseScenarios, QUIZ_LEARNERS } from './scenarios.ts';
import { measure, warmUp } from './load.ts';
import { snapshotRelease, startServer, timedBuild } from './server.ts';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Self time per function, as a share of the time the process was not idle. */
export function topSelfTime(profile: CpuProfile, count = 30) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<string, number>();
	let busy = 0;
	profile.samples.forEach((id, i) => {
		const frame = byId.get(id)!.callFrame;
		if (frame.functionName === '(idle)') return;
		const where = frame.url.replace(/^.*\/(node_modules|build)\//, '$1/');
		const key = `${frame.functionName || '(anonymous)'} ${where}${where ? `:${frame.lineNumber + 1}` : ''}`;
		const delta = profile.timeDeltas[i] ?? 0;
		self.set(key, (self.get(key) ?? 0) + delta);
		busy += delta;
	});
	return [...self]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([name, time]) => ({ name, share: time / busy }));
}

export async function profile(root: string, page = 'lesson', seconds: number) {
	if (buildIsStale(root)) timedBuild(root);
	const { index } = loadContent(path.join(root, 'courses'));
	const [course] = index.courses;
	const [sequence] = course.sequences;
	const urls: Record<string, string> = {
		lesson: sequence.lessons[0].url,
		course: course.url,
		discussions: `${course.url}/discussions`
	};
	const signedIn = page.endsWith('-signed-in');
	const url = urls[page.replace(/-signed-in$/, '')];
	if (!url && page !== 'quiz') {
		const pages = [...Object.keys(urls).flatMap((name) => [name, `${name}-signed-in`]), 'quiz'];
		throw new Error(`--profile takes one of: ${pages.join(', ')}`);
	}

	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-data-'));
	const profileDir = path.join(root, 'bench-results', `profile-${page}-${Date.now()}`);
	mkdirSync(profileDir, { recursive: true });
	const release = snapshotRelease(root);
	try {
		const database = { kind: 'sqlite', file: path.join(dataDir, 'parcours.db') } as const;
		const ids = await createLearners(database, ['bench-ada']);
		await seedThreads(database, sequence.lessons[1].key, ids, 200);
		const quizLearners = page === 'quiz' ? await signedInLearners(database, QUIZ_LEARNERS) : [];
		const server = await startServer({
			releaseDir: release.dir,
			dataDir,
			nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]
		});
		const cookie = signedIn || page === 'quiz' ? await signIn(server.baseURL, 'bench-ada') : '';
		const target =
			page === 'quiz'
				? courseScenarios(server.baseURL, course, { learnerCookie: cookie, quizLearners }).quiz
						.target
				: { name: page, url: server.baseURL + url, headers: signedIn ? { cookie } : {} };
		await warmUp(target, 2);
		const result = await measure(target, 10, seconds);
		await server.stop();
		console.log(`${page}: ${Math.round(result.rps)} requests/s under the profiler\n`);
		const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
		const top = topSelfTime(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')));
		for (const { name, share } of top) {
			console.log(`${(share * 100).toFixed(1).padStart(5)} %  ${name}`);
		}
		console.log(`\nProfile: ${path.relative(root, path.join(profileDir, file))}`);
	} finally {
		release.remove();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
