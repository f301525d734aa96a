// `npm run bench -- --memory`: the server's memory alone, measured as the main run measures it
// (at idle, once quiet after its third start on the same data, then once quiet after the main
// run's load at 3 s per measure; also 1 s after the start and right after the load), taken apart:
// /proc/<pid>/status and smaps (anonymous memory, files mapped, malloc's heap), V8's heap and its
// spaces, with the server's CPU time per request of three pages, to see what a memory setting
// costs. The server runs with the node options of `npm start` (package.json). Options after
// `--memory`:
//   --root <dir>       serves the build of another checkout (made with `git archive`, say)
//   --node <flag>      adds to node's options (repeatable; the last of a kind wins), e.g.
//                      `--node --trace-gc`, or `--node --v8-pool-size=4` for node's default
//   --env NAME=value   adds to the server's environment (repeatable)
//   --runs <n>         measures n times, each on a fresh server and data folder; medians at the end
//   --output <file>    writes what the server printed (its log, `--trace-gc`…) to a file
//   --hold <seconds>   keeps the server running after the load, to look into /proc
//   --heap-snapshot    writes a V8 heap snapshot after the load into bench-results/
// With `--side-by-side <dir>[,<node flag>…] <dir>…`, the CPU time per request of several builds
// or settings instead: their servers run at the same time, each loaded by its own autocannon, so
// that whatever else the machine does slows them alike (see sideBySide).
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/lib/content/load.ts';
import { serverNodeOptions } from '../lib/production.ts';
import { buildIsStale } from '../start.js';
import { cpuSampler } from './cpu.ts';
import { signIn } from './fixtures.ts';
import { measure, type Target } from './load.ts';
import {
	check,
	courseScenarios,
	LEARNERS,
	measureMixed,
	measurePage,
	measureQuiz,
	seedCourse,
	step,
	type Timing
} from './scenarios.ts';
import {
	pause,
	QUIET_MS,
	snapshotRelease,
	startServer,
	timedBuild,
	type ProbedMemory,
	type RunningServer
} from './server.ts';

/** What /proc says of the process, in MiB. */
function procMemory(pid: number) {
	const fields = (file: string, names: string[]) => {
		const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
		return Object.fromEntries(
			names.map((name) => {
				const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
				return [name, match ? Number(match[1]) / 1024 : NaN];
			})
		);
	};
	return {
		...fields('status', ['VmRSS', 'VmHWM', 'RssAnon', 'RssFile', 'RssShmem']),
		...fields('smaps_rollup', ['Pss', 'Private_Clean', 'Private_Dirty', 'Shared_Clean'])
	};
}

/** Resident memory of the process's malloc heap (`[heap]`, the main thread's arena), in MiB. */
function mallocHeap(pid: number) {
	const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
	const match = /\[heap\]\n(?:.*\n)*?Rss:\s+(\d+) kB/.exec(text);
	return match ? Number(match[1]) / 1024 : 0;
}

/** The largest anonymous mappings of the process (V8's spaces, malloc's arenas), in MiB. */
function largestMappings(pid: number, count = 8) {
	const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
	const mappings: { what: string; rss: number }[] = [];
	let current: { what: string; rss: number } | undefined;
	for (const line of text.split('\n')) {
		const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (header) {
			current = { what: header[1] || '[anonymous]', rss: 0 };
			mappings.push(current);
		} else if (current && line.startsWith('Rss:')) {
			current.rss = Number(/(\d+)/.exec(line)![1]) / 1024;
		}
	}
	const byName = new Map<string, number>();
	for (const each of mappings) byName.set(each.what, (byName.get(each.what) ?? 0) + each.rss);
	return [...byName]
		.sort(([, a], [, b]) => b - a)
		.slice(0, count)
		.map(([what, rss]) => `${path.basename(what)} ${rss.toFixed(1)}`);
}

const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

function describe(label: string, proc: Record<string, number>, memory: ProbedMemory) {
	const spaces = Object.entries(memory.heapSpaces ?? {})
		.filter(([, space]) => space.size > 0)
		.map(([name, space]) => `${name.replace(/_space$/, '')} ${mib(space.used)}/${mib(space.size)}`)
		.join(', ');
	console.log(
		`  ${label}: RSS ${proc.VmRSS.toFixed(1)} MiB (anon ${proc.RssAnon.toFixed(1)}, file ` +
			`${proc.RssFile.toFixed(1)}, shmem ${proc.RssShmem.toFixed(1)}), private dirty ` +
			`${proc.Private_Dirty.toFixed(1)}, peak ${proc.VmHWM.toFixed(1)}\n` +
			`    V8 heap ${mib(memory.heapUsed)} used of ${mib(memory.heapTotal)}, external ` +
			`${mib(memory.external)} (ArrayBuffers ${mib(memory.arrayBuffers)})\n` +
			`    spaces (used/size MiB): ${spaces}`
	);
}

export async function measureMemory(root: string, args: string[]) {
	const values = (name: string) => args.flatMap((arg, i) => (args[i - 1] === name ? [arg] : []));
	const nodeOptions = values('--node');
	const env = Object.fromEntries(
		values('--env').map((pair) => [
			pair.slice(0, pair.indexOf('=')),
			pair.slice(pair.indexOf('=') + 1)
		])
	);
	const runs = Number(values('--runs')[0] ?? 1);
	const snapshot = args.includes('--heap-snapshot');
	const timing: Timing = { seconds: 3, warmUp: 1 };
	// Another checkout's build (`--root <dir>`), to compare two versions on the same load.
	const served = path.resolve(values('--root')[0] ?? root);
	if (buildIsStale(served)) {
		console.log('The build is older than the sources: building…');
		console.log(`  built in ${timedBuild(served).toFixed(1)} s`);
	}
	const { index } = loadContent(path.join(root, 'courses'));
	const [course] = index.courses;
	const results = [];
	for (let run = 1; run <= runs; run++) {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-memory-'));
		const release = snapshotRelease(served);
		let server: RunningServer | undefined;
		try {
			const database = { kind: 'sqlite', file: path.join(dataDir, 'parcours.db') } as const;
			const quizLearners = await seedCourse(database, course);
			step(
				`Run ${run} of ${runs}: node ${[...serverNodeOptions(release.dir), ...nodeOptions, 'server.js'].join(' ')}` +
					(Object.keys(env).length ? ` with ${JSON.stringify(env)}` : '')
			);
			// Started three times, as the main run does: the first start indexes the content for search,
			// and the one measured finds it indexed, as a server restarted on the same data does.
			for (let start = 0; start < 3; start++) {
				await server?.stop();
				server = await startServer({
					releaseDir: release.dir,
					dataDir,
					nodeOptions: [...nodeOptions, ...(snapshot ? ['--heapsnapshot-signal=SIGUSR1'] : [])],
					env
				});
			}
			const running = server!;
			console.log(`  started in ${running.startupMs.toFixed(0)} ms`);
			await pause(1000);
			const started = { proc: procMemory(running.pid), memory: await running.memory() };
			describe('1 s after the start', started.proc, started.memory);
			await pause(QUIET_MS - 1000);
			const idle = { proc: procMemory(running.pid), memory: await running.memory() };
			describe(`idle, once quiet (${QUIET_MS / 1000} s after the start)`, idle.proc, idle.memory);
			console.log(`    largest mappings (MiB): ${largestMappings(running.pid).join(', ')}`);
			const trace = async (what: string) => {
				const proc = procMemory(running.pid);
				const memory = await running.memory();
				console.log(
					`    after ${what}: RSS ${proc.VmRSS.toFixed(1)} MiB, malloc heap ` +
						`${mallocHeap(running.pid).toFixed(1)}, V8 ${mib(memory.heapUsed)}/${mib(memory.heapTotal)}, ` +
						`external ${mib(memory.external)}`
				);
			};

			const scenarios = courseScenarios(running.baseURL, course, {
				learnerCookie: await signIn(running.baseURL, LEARNERS[0]),
				quizLearners
			});
			await trace('a sign-in');
			const cpu = cpuSampler({ server: () => [running.pid] });
			const cpuPerRequest: Record<string, number> = {};
			for (const scenario of [
				scenarios.anonymousLesson,
				scenarios.coursePage,
				scenarios.signedInLesson
			]) {
				await check(scenario);
				const { page } = await measurePage(timing, scenario, { cpu });
				const at10 = page.measures.find((each) => each.connections === 10)!;
				cpuPerRequest[page.name] = (at10.cpu!.groups.server / at10.requests) * 1000;
				await trace(page.name);
			}
			await measureQuiz(timing, scenarios.quiz, {
				database,
				quizAnswers: scenarios.quizAnswers
			});
			await trace('quiz');
			for (const scenario of [
				scenarios.discussedLesson,
				scenarios.discussions,
				scenarios.discussionsSignedIn
			]) {
				await check(scenario);
				await measurePage(timing, scenario);
				await trace(scenario.target.name);
			}
			await measureMixed(timing, scenarios.mixed);
			const rightAfter = { proc: procMemory(running.pid), memory: await running.memory() };
			describe('right after the load', rightAfter.proc, rightAfter.memory);
			await pause(QUIET_MS);
			const after = { proc: procMemory(running.pid), memory: await running.memory() };
			describe(`after the load, once quiet (${QUIET_MS / 1000} s later)`, after.proc, after.memory);
			console.log(`    largest mappings (MiB): ${largestMappings(running.pid).join(', ')}`);
			for (const [name, ms] of Object.entries(cpuPerRequest)) {
				console.log(`  CPU per request, ${name}, 10 connections: ${ms.toFixed(3)} ms`);
			}
			results.push({
				started,
				idle,
				rightAfter,
				after,
				cpuPerRequest,
				startupMs: running.startupMs
			});
			const outputFile = values('--output')[0];
			if (outputFile) writeFileSync(outputFile, running.output());
			const hold = Number(values('--hold')[0] ?? 0);
			if (hold) {
				console.log(`  holding pid ${running.pid} for ${hold} s`);
				await pause(hold * 1000);
			}
			if (snapshot) {
				const snapshots = () =>
					readdirSync(release.dir).filter((each) => each.endsWith('.heapsnapshot'));
				process.kill(running.pid, 'SIGUSR1');
				while (snapshots().length === 0) await pause(100);
				// The snapshot is written on the server's thread: once it answers, the file is whole.
				await (await fetch(`${running.baseURL}/healthz`)).arrayBuffer();
				const outDir = path.join(root, 'bench-results');
				mkdirSync(outDir, { recursive: true });
				for (const file of snapshots()) {
					renameSync(path.join(release.dir, file), path.join(outDir, file));
					console.log(`  heap snapshot: bench-results/${file}`);
				}
			}
		} finally {
			await server?.stop();
			release.remove();
			rmSync(dataDir, { recursive: true, force: true });
		}
	}
	if (runs > 1) {
		const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
		step(`Medians of ${runs} runs`);
		console.log(
			`  RSS once quiet: idle ${median(results.map((each) => each.idle.proc.VmRSS)).toFixed(1)} MiB, ` +
				`after the load ${median(results.map((each) => each.after.proc.VmRSS)).toFixed(1)} MiB ` +
				`(right after it ${median(results.map((each) => each.rightAfter.proc.VmRSS)).toFixed(1)}), ` +
				`peak ${median(results.map((each) => each.after.proc.VmHWM)).toFixed(1)} MiB`
		);
		for (const name of Object.keys(results[0].cpuPerRequest)) {
			const ms = median(results.map((each) => each.cpuPerRequest[name]));
			console.log(`  CPU per request, ${name}: ${ms.toFixed(3)} ms`);
		}
	}
	return results;
}

/**
 * `--side-by-side <dir>[,<node flag>…] …`: the server's CPU time per request under each variant
 * (a checkout's build, and flags to start node with), at 10 connections, four pages in turn:
 * the signed-in lesson page, the anonymous one (from memory), quiz answers, and anonymous readers
 * across every lesson. The variants' servers run at the same time, each on its own data and
 * loaded by its own autocannon: on a shared machine, CPU time per request grows with what else
 * runs (caches, frequency), and this way it grows alike for all. Medians over `--runs` rounds
 * (3 by default), each on freshly started servers, with their RSS after the round.
 */
export async function sideBySide(root: string, args: string[]) {
	const variants = args
		.slice(args.indexOf('--side-by-side') + 1)
		.filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--runs');
	const runsAt = args.indexOf('--runs');
	const rounds = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
	const seconds = 5;
	const { index } = loadContent(path.join(root, 'courses'));
	const [course] = index.courses;
	const pages = ['signed-in lesson', 'anonymous lesson', 'quiz answers', 'every lesson'];
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
	const results = new Map(variants.map((variant) => [variant, {} as Record<string, number[]>]));
	const prepared: {
		variant: string;
		flags: string[];
		dataDir: string;
		release: { dir: string; remove(): void };
		quizLearners: string[];
	}[] = [];
	try {
		for (const variant of variants) {
			const [dir, ...flags] = variant.split(',');
			if (buildIsStale(path.resolve(dir))) throw new Error(`${dir}: the build is out of date`);
			const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-cpu-'));
			const release = snapshotRelease(path.resolve(dir));
			const database = { kind: 'sqlite', file: path.join(dataDir, 'parcours.db') } as const;
			prepared.push({ variant, flags, dataDir, release, quizLearners: [] });
			prepared.at(-1)!.quizLearners = await seedCourse(database, course);
		}
		for (let round = 1; round <= rounds; round++) {
			step(`Round ${round} of ${rounds}: ${pages.join(', ')}, side by side`);
			const servers: { variant: string; server: RunningServer; targets: Target[] }[] = [];
			try {
				for (const each of prepared) {
					const server = await startServer({
						releaseDir: each.release.dir,
						dataDir: each.dataDir,
						nodeOptions: each.flags
					});
					const scenarios = courseScenarios(server.baseURL, course, {
						learnerCookie: await signIn(server.baseURL, LEARNERS[0]),
						quizLearners: each.quizLearners
					});
					const targets = [
						scenarios.signedInLesson.target,
						scenarios.anonymousLesson.target,
						scenarios.quiz.target,
						scenarios.mixed.anonymous
					];
					servers.push({ variant: each.variant, server, targets });
				}
				for (const [i, page] of pages.entries()) {
					await Promise.all(servers.map(({ targets }) => measure(targets[i], 10, 1)));
					const measures = await Promise.all(
						servers.map(({ server, targets }) =>
							measure(targets[i], 10, seconds, cpuSampler({ server: () => [server.pid] }))
						)
					);
					servers.forEach(({ variant }, n) => {
						const { cpu, requests } = measures[n];
						(results.get(variant)![page] ??= []).push((cpu!.groups.server / requests) * 1000);
					});
				}
				for (const { variant, server } of servers) {
					(results.get(variant)!.RSS ??= []).push(server.rss());
				}
			} finally {
				for (const { server } of servers) await server.stop();
			}
			for (const [variant, row] of results) {
				const cpu = pages.map((page) => `${page} ${median(row[page]).toFixed(3)}`).join(', ');
				console.log(
					`  ${variant}\n    CPU per request (ms): ${cpu}; RSS ${median(row.RSS).toFixed(0)} MiB`
				);
			}
		}
	} finally {
		for (const { dataDir, release } of prepared) {
			release.remove();
			rmSync(dataDir, { recursive: true, force: true });
		}
	}
}
