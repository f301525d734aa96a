// `npm run bench`: measures the production server on loopback and writes the results into
// docs/benchmarks.md. Options: --quick (3 s per measure instead of 10), --no-scale (skip the
// builds and the 500-lesson course; nothing is written then), --no-write (print only),
// --profile [page] (CPU profile of the server under load, top functions by self time), --postgres
// (a few pages on SQLite and on PostgreSQL with one and two instances; its own section), --memory
// (the server's memory at idle and after the load taken apart, or with --side-by-side the CPU
// time per request of several builds or settings: see memory.ts; nothing is written).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from '../lib/production.ts';
import { buildIsStale } from '../start.js';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import { assertChromium, visitInChromium, type Visit } from './browser.ts';
import { countAttempts, signIn } from './fixtures.ts';
import type { Target } from './load.ts';
import { measureMemory, sideBySide } from './memory.ts';
import { measurePostgres } from './postgres.ts';
import { profile } from './profile.ts';
import {
	budgets,
	describeMachine,
	median,
	renderMarkdown,
	renderPostgres,
	writeSection,
	POSTGRES_MARKERS,
	type BuildResult,
	type PageResult,
	type PostgresResults,
	type Results
} from './report.ts';
import {
	check,
	CONNECTIONS,
	courseScenarios,
	firstLessons,
	LEARNERS,
	measureMixed,
	measurePage,
	measureQuiz,
	MIXED,
	seedCourse,
	step,
	type Scenario,
	type Timing
} from './scenarios.ts';
import {
	killChildren,
	pause,
	QUIET_MS,
	snapshotRelease,
	startCeiling,
	startServer,
	timedBuild,
	type RunningServer
} from './server.ts';
import {
	copyRepository,
	SYNTHETIC_SLUG,
	syntheticLessonURL,
	writeSyntheticCourse
} from './synthetic-course.ts';
import { measureSearch, SEARCH_POSTS } from './search.ts';
import { lessonWeight } from './weight.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const timing: Timing = { seconds: quick ? 3 : 10, warmUp: quick ? 1 : 2 };
/** What the measured server is built from: a change elsewhere (docs, tests) changes nothing. */
const MEASURED_SOURCES = [
	'src',
	'courses',
	'static',
	'server.js',
	'svelte.config.js',
	'vite.config.ts'
];

function commitDescription() {
	const git = (...args: string[]) =>
		execFileSync('git', args, {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'ignore'],
			// Read only: `git status` would otherwise refresh the index of a tree others work in.
			env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }
		})
			.toString()
			.trim();
	try {
		const commit = git('rev-parse', '--short', 'HEAD');
		const changed = git('status', '--porcelain', '--', ...MEASURED_SOURCES);
		return changed ? `${commit} + uncommitted changes` : commit;
	} catch {
		return 'unknown (not a git checkout)';
	}
}

/** e.g. `74.2 KiB in 37 requests (Document 13.3 KiB in 1, Script 47.9 KiB in 25, …)` */
function describeVisit(visit: Visit) {
	const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
	const types = Object.entries(visit.byType)
		.sort(([, a], [, b]) => b.bytes - a.bytes)
		.map(([type, each]) => `${type} ${kib(each.bytes)} in ${each.requests}`);
	return (
		`${kib(visit.bytes)} on the wire, headers included, in ${visit.requests} requests` +
		(types.length > 0 ? ` (${types.join(', ')})` : '')
	);
}

/** e.g. `V8 heap 31.0 MiB used of 36.2, external 4.1 MiB (ArrayBuffers 1.2)` */
function describeMemory(memory: NodeJS.MemoryUsage) {
	const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);
	return (
		`V8 heap ${mib(memory.heapUsed)} MiB used of ${mib(memory.heapTotal)}, external ` +
		`${mib(memory.external)} MiB (ArrayBuffers ${mib(memory.arrayBuffers)})`
	);
}

/** A lesson that uses lesson components, whose scripts should be any lesson's. */
function lessonWithComponents(course: Course) {
	return course.sequences
		.flatMap((sequence) => sequence.lessons)
		.find((lesson) =>
			/<(Callout|Activity|Checkpoint|Term|Download|Figure|Video)\b/.test(
				readFileSync(path.join(ROOT, lesson.file), 'utf8')
			)
		);
}

/** The shipped content, served from the main build: every page, the ceiling, memory, weight. */
async function measureMain(dataDir: string) {
	const { index } = loadContent(path.join(ROOT, 'courses'));
	const [course] = index.courses;
	const { lesson } = firstLessons(course);
	const database = { kind: 'sqlite', file: path.join(dataDir, 'parcours.db') } as const;
	const quizLearners = await seedCourse(database, course);

	step('Starting the production server (3 times, for the start-up time)');
	if (buildIsStale(ROOT)) {
		console.log('  the build is older than the sources: building…');
		console.log(`  built in ${timedBuild(ROOT).toFixed(1)} s`);
	}
	const release = snapshotRelease(ROOT);
	const startupMs: number[] = [];
	let server: RunningServer | undefined;
	try {
		for (let i = 0; i < 3; i++) {
			await server?.stop();
			server = await startServer({ releaseDir: release.dir, dataDir });
			startupMs.push(server.startupMs);
		}
		console.log(`  start-up: ${startupMs.map((value) => `${value.toFixed(0)} ms`).join(', ')}`);
		const running = server!;
		await pause(1000);
		const rssStarted = running.rss();
		await pause(QUIET_MS - 1000);
		const rssIdle = running.rss();
		const memoryIdle = await running.memory();
		const base = running.baseURL;

		step('Page weight of the lesson page');
		const { weight, page } = await lessonWeight(base, lesson.url, lesson.file);
		console.log(
			`  HTML ${(weight.html / 1024).toFixed(1)} KiB, CSS ${(weight.css / 1024).toFixed(1)} KiB, ` +
				`JS ${(weight.js / 1024).toFixed(1)} KiB (gzip -9); fetched file by file, bodies as ` +
				`sent: ${(weight.firstVisit.bytes / 1024).toFixed(1)} KiB in ${weight.firstVisit.files} files`
		);
		const browser = await visitInChromium(base + lesson.url);
		console.log(
			`  in Chromium ${browser.chromium}, first visit: ${describeVisit(browser.first)}; ` +
				`JavaScript ${(browser.first.script.bytes / 1024).toFixed(1)} KiB in ` +
				`${browser.first.script.requests} requests`
		);
		console.log(
			`  second visit, same browser: ${describeVisit(browser.second)}, ` +
				`${browser.second.fromCache} from its cache`
		);
		for (const problem of [...browser.first.problems, ...browser.second.problems]) {
			console.log(`  warning: ${problem}`);
		}
		const rich = lessonWithComponents(course);
		if (rich) {
			const { weight: richWeight } = await lessonWeight(base, rich.url, rich.file);
			console.log(
				`  a lesson using components (${rich.url}): JS ${(richWeight.js / 1024).toFixed(1)} KiB` +
					(richWeight.js === weight.js ? ', the same scripts' : `, not ${weight.js} bytes`)
			);
		}

		const scenarios = courseScenarios(base, course, {
			learnerCookie: await signIn(base, LEARNERS[0]),
			quizLearners
		});
		const lessons = course.sequences.flatMap((each) => each.lessons);

		step(`Load: ${timing.seconds} s per measure at ${CONNECTIONS.join(', ')} connections`);
		const pages: PageResult[] = [];
		const measureOne = async (scenario: Scenario) => {
			await check(scenario);
			pages.push((await measurePage(timing, scenario)).page);
		};
		await measureOne(scenarios.anonymousLesson);
		await measureOne(scenarios.coursePage);
		await measureOne(scenarios.signedInLesson);
		const { page: quizPage, quiz } = await measureQuiz(timing, scenarios.quiz, {
			database,
			quizAnswers: scenarios.quizAnswers
		});
		pages.push(quizPage);
		await measureOne(scenarios.discussedLesson);
		await measureOne(scenarios.discussions);
		await measureOne(scenarios.discussionsSignedIn);

		step(
			`Mixed: ${MIXED.anonymous} connections of anonymous readers across the ${lessons.length} ` +
				`lessons, with ${MIXED.signedIn} of signed-in learners reading and answering quizzes`
		);
		const mixed = await measureMixed(timing, scenarios.mixed);
		const rssRightAfter = running.rss();
		const rssPeak = running.rss('VmHWM');
		await pause(QUIET_MS);
		const rssAfter = running.rss();
		const memoryAfter = await running.memory();
		console.log(
			`  RSS once quiet: ${rssIdle.toFixed(0)} MiB idle (${rssStarted.toFixed(0)} 1 s after the ` +
				`start), ${rssAfter.toFixed(0)} MiB after the load (${rssRightAfter.toFixed(0)} right ` +
				`after it), peak ${rssPeak.toFixed(0)} MiB`
		);
		console.log(`  idle: ${describeMemory(memoryIdle)}`);
		console.log(`  after: ${describeMemory(memoryAfter)}`);

		step('Ceiling: the same HTML from a bare node:http server');
		const htmlFile = path.join(dataDir, 'lesson.html');
		writeFileSync(htmlFile, page);
		const ceilingServer = await startCeiling(htmlFile);
		let ceiling: PageResult;
		try {
			({ page: ceiling } = await measurePage(timing, {
				target: {
					name: 'Ceiling: same HTML, bare node:http',
					url: ceilingServer.baseURL + lesson.url
				},
				request: `GET (any path)`
			}));
		} finally {
			await ceilingServer.stop();
		}
		await running.stop();
		server = undefined;
		return {
			pages,
			ceiling,
			startupMs,
			rss: {
				idle: rssIdle,
				afterLoad: rssAfter,
				peak: rssPeak,
				started: rssStarted,
				rightAfterLoad: rssRightAfter
			},
			memory: { idle: memoryIdle, afterLoad: memoryAfter },
			weight,
			browser,
			pageBytes: Buffer.byteLength(page),
			attemptsStored: await countAttempts(database),
			quiz,
			mixed,
			nodeOptions: serverNodeOptions(release.dir),
			lessonCount: index.courses.reduce(
				(sum, each) => sum + each.sequences.reduce((n, s) => n + s.lessons.length, 0),
				0
			),
			lesson
		};
	} finally {
		await server?.stop();
		release.remove();
	}
}

/** Search over the shipped course and its discussions, on the same build as measureMain's. */
async function measureSearchStep() {
	step(`Search: the shipped course and ${SEARCH_POSTS.toLocaleString('en-US')} discussion posts`);
	const { index } = loadContent(path.join(ROOT, 'courses'));
	const release = snapshotRelease(ROOT);
	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-search-'));
	try {
		const result = await measureSearch({
			root: ROOT,
			releaseDir: release.dir,
			dataDir,
			course: index.courses[0]
		});
		console.log(
			`  ${result.lessonPassages} lesson sections and ${result.posts} posts indexed ` +
				`(posts written and indexed in ${result.indexingSeconds.toFixed(1)} s); ` +
				`index ${(result.indexBytes / 1024 ** 2).toFixed(1)} MiB of a ` +
				`${(result.databaseBytes / 1024 ** 2).toFixed(1)} MiB database`
		);
		for (const each of [result.oneWord, result.threeWords]) {
			console.log(
				`  «${each.query}»: ${each.results} results, p50 ${each.p50.toFixed(1)} ms, ` +
					`p95 ${each.p95.toFixed(1)} ms, max ${each.max.toFixed(1)} ms ` +
					`(CPU p50 ${each.cpuP50.toFixed(1)} ms, p95 ${each.cpuP95.toFixed(1)} ms)`
			);
		}
		return result;
	} finally {
		release.remove();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/** A real build of a copy of the repository, as it is and then with 500 more lessons. */
async function measureBuilds(shipped: {
	lessonCount: number;
	lessonURL: string;
	lessonFile: string;
}) {
	const repository = copyRepository(ROOT);
	const builds: BuildResult[] = [];
	try {
		step('vite build of a copy of the repository');
		const baseSeconds = timedBuild(repository.dir);
		console.log(`  built in ${baseSeconds.toFixed(1)} s`);

		step('vite build with a generated course of 50 sequences × 10 lessons');
		const added = writeSyntheticCourse(path.join(repository.dir, 'courses'));
		const scaledSeconds = timedBuild(repository.dir);
		console.log(`  built in ${scaledSeconds.toFixed(1)} s`);

		const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-data-'));
		const server = await startServer({ releaseDir: repository.dir, dataDir });
		try {
			await pause(1000);
			const rssIdle = server.rss();
			const base = server.baseURL;
			const { weight } = await lessonWeight(base, shipped.lessonURL, shipped.lessonFile);
			const synthetic = syntheticLessonURL(25, 5);
			const targets: [Target, string, number[]][] = [
				[
					{ name: 'Lesson page, anonymous', url: base + shipped.lessonURL },
					`GET ${shipped.lessonURL}`,
					CONNECTIONS
				],
				[
					{ name: 'Generated lesson page, anonymous', url: base + synthetic },
					`GET ${synthetic}`,
					[10]
				],
				[
					{ name: 'Generated course page (500 lessons)', url: `${base}/${SYNTHETIC_SLUG}` },
					`GET /${SYNTHETIC_SLUG}`,
					[10]
				]
			];
			const pages: PageResult[] = [];
			for (const [target, request, connections] of targets) {
				await check({ target, request, mustContain: '<h1' });
				pages.push((await measurePage(timing, { target, request }, { connections })).page);
			}
			builds.push({
				label: `Shipped course + generated course`,
				lessons: shipped.lessonCount + added,
				buildSeconds: scaledSeconds,
				startupMs: server.startupMs,
				rssIdle,
				rssAfter: server.rss(),
				weight,
				pages
			});
		} finally {
			await server.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
		return { baseSeconds, scaled: builds[0] };
	} finally {
		repository.remove();
	}
}

/** Keeps a run's raw results in bench-results/ (not committed). */
function keep(results: { date: string }, suffix = '') {
	const outDir = path.join(ROOT, 'bench-results');
	mkdirSync(outDir, { recursive: true });
	const json = path.join(outDir, `${results.date.replace(/[:.]/g, '-')}${suffix}.json`);
	writeFileSync(json, JSON.stringify(results, null, '\t'));
	console.log(`\nRaw results: ${path.relative(ROOT, json)}`);
}

/** `--postgres`: SQLite and PostgreSQL with one and two instances, side by side (postgres.ts). */
async function mainPostgres() {
	const results: PostgresResults = {
		date: new Date().toISOString(),
		mode: quick ? 'quick' : 'full',
		secondsPerMeasure: timing.seconds,
		commit: commitDescription(),
		machine: describeMachine(),
		...(await measurePostgres(ROOT, timing))
	};
	step('Two instances / one, at 10 connections');
	const [, one, two] = results.setups;
	for (const [i, page] of two.pages.entries()) {
		const rate = (setup: typeof one) =>
			setup.pages[i].measures.find((measure) => measure.connections === 10)!.rps;
		console.log(`  ${page.name.padEnd(44)} ${(rate(two) / rate(one)).toFixed(2)}`);
	}
	keep(results, '-postgres');
	if (!args.includes('--no-write')) {
		await writeSection(
			path.join(ROOT, 'docs/benchmarks.md'),
			renderPostgres(results),
			POSTGRES_MARKERS
		);
		console.log('Written to docs/benchmarks.md, section PostgreSQL');
	}
}

async function main() {
	if (args.includes('--memory')) {
		try {
			if (args.includes('--side-by-side')) await sideBySide(ROOT, args);
			else await measureMemory(ROOT, args);
		} finally {
			killChildren();
		}
		return;
	}
	if (args.includes('--profile')) {
		const page = args[args.indexOf('--profile') + 1];
		await profile(ROOT, page && !page.startsWith('--') ? page : undefined, timing.seconds);
		return;
	}
	const started = Date.now();
	if (args.includes('--postgres')) {
		try {
			await mainPostgres();
			console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		} finally {
			killChildren();
		}
		return;
	}
	// Before anything else: the first visit to a lesson is measured in Chromium.
	assertChromium();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-data-'));
	try {
		const main = await measureMain(dataDir);
		const search = await measureSearchStep();
		const builds: BuildResult[] = [];
		if (!args.includes('--no-scale')) {
			const { baseSeconds, scaled } = await measureBuilds({
				lessonCount: main.lessonCount,
				lessonURL: main.lesson.url,
				lessonFile: main.lesson.file
			});
			builds.push(
				{
					label: 'Shipped course',
					lessons: main.lessonCount,
					buildSeconds: baseSeconds,
					startupMs: median(main.startupMs),
					rssIdle: main.rss.idle,
					rssAfter: main.rss.afterLoad,
					weight: main.weight,
					pages: [main.pages[0]]
				},
				scaled
			);
		}
		const results: Results = {
			date: new Date().toISOString(),
			mode: quick ? 'quick' : 'full',
			secondsPerMeasure: timing.seconds,
			commit: commitDescription(),
			machine: describeMachine(),
			pages: main.pages,
			ceiling: main.ceiling,
			startupMs: main.startupMs,
			rss: main.rss,
			memory: main.memory,
			weight: main.weight,
			browser: main.browser,
			attemptsStored: main.attemptsStored,
			quiz: main.quiz,
			mixed: main.mixed,
			pageBytes: main.pageBytes,
			search,
			builds
		};

		step('Budgets');
		for (const [what, target, measured, met] of budgets(results)) {
			console.log(`  ${met ? 'met    ' : 'MISSED '} ${what}: ${measured} (budget ${target})`);
		}
		keep(results);
		if (builds.length > 0 && !args.includes('--no-write')) {
			await writeSection(path.join(ROOT, 'docs/benchmarks.md'), renderMarkdown(results));
			console.log('Written to docs/benchmarks.md');
		}
		console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		killChildren();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		killChildren();
		process.exit(130);
	});
}

main().catch((error) => {
	killChildren();
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
