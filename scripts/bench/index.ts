// `npm run bench`: measures the production server on loopback and writes the results into
// docs/benchmarks.md. Options: --quick (3 s per measure instead of 10), --no-scale (skip the
// builds and the 500-lesson course; nothing is written then), --no-write (print only),
// --profile [page] (CPU profile of the server under load, top functions by self time).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale } from '../start.js';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import {
	countAttempts,
	createLearners,
	quizForm,
	seedThreads,
	signedInLearners,
	signIn
} from './fixtures.ts';
import { measure, warmUp, type Measure, type Target } from './load.ts';
import { profile } from './profile.ts';
import {
	budgets,
	describeMachine,
	median,
	renderMarkdown,
	writeSection,
	type BuildResult,
	type PageResult,
	type Results
} from './report.ts';
import {
	killChildren,
	pause,
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
const SECONDS = quick ? 3 : 10;
const WARM_UP = quick ? 1 : 2;
const CONNECTIONS = [1, 10, 50];
/** What the measured server is built from: a change elsewhere (docs, tests) changes nothing. */
const MEASURED_SOURCES = [
	'src',
	'courses',
	'static',
	'server.js',
	'svelte.config.js',
	'vite.config.ts'
];
const THREADS = 200;
/**
 * Learners who answer quizzes under load: each may store 5 attempts a minute at each quiz, so the
 * load goes round all of them (24,000 learner–quiz pairs with the shipped course's 8 quizzes).
 */
const QUIZ_LEARNERS = 3000;
/** The mixed run: anonymous readers and signed-in learners at the same time. */
const MIXED = { anonymous: 40, signedIn: 10 };
const LEARNERS = ['bench-ada', 'bench-brune', 'bench-chloe', 'bench-driss', 'bench-emma'];

const step = (text: string) => console.log(`\n▸ ${text}`);

async function measurePage(target: Target, request: string, connections = CONNECTIONS) {
	const warm = await warmUp(target, WARM_UP);
	answered.set(target.name, warm.requests);
	const measures = [];
	for (const count of connections) {
		const result = await measure(target, count, SECONDS);
		if (result.failures > 0) {
			throw new Error(`${target.name} at ${count} connections: ${result.failures} failed requests`);
		}
		printMeasure(target.name, result);
		answered.set(target.name, (answered.get(target.name) ?? 0) + result.requests);
		measures.push(result);
	}
	return { name: target.name, request, measures } satisfies PageResult;
}

/** Requests answered per target, warm-up included: quiz answers must all have been stored. */
const answered = new Map<string, number>();

function printMeasure(name: string, result: Measure) {
	console.log(
		`  ${name.padEnd(44)} ${String(result.connections).padStart(2)} conn  ` +
			`${Math.round(result.rps).toString().padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms`
	);
}

/**
 * 40 connections of anonymous readers going through every lesson, alone, then while 10 connections
 * of signed-in learners read lessons and answer quizzes: what signed-in learners cost anonymous ones.
 */
async function measureMixed(anonymous: Target, signedIn: Target) {
	await warmUp(anonymous, WARM_UP);
	const alone = await measure(anonymous, MIXED.anonymous, SECONDS);
	printMeasure(`${anonymous.name}, alone`, alone);
	await warmUp(signedIn, WARM_UP);
	const [together, learners] = await Promise.all([
		measure(anonymous, MIXED.anonymous, SECONDS),
		measure(signedIn, MIXED.signedIn, SECONDS)
	]);
	for (const result of [together, learners]) {
		if (result.failures > 0) throw new Error(`mixed run: ${result.failures} failed requests`);
	}
	printMeasure(`${anonymous.name}, with learners`, together);
	printMeasure(signedIn.name, learners);
	console.log(
		`  anonymous readers with learners: ${((together.rps / alone.rps) * 100).toFixed(0)} % of alone`
	);
	return { alone, together, learners };
}

/** One GET before the load: the page must answer 200 and show what it is meant to show. */
async function check(target: Target, mustContain: string) {
	const response = await fetch(target.url, {
		method: target.method,
		headers: target.headers,
		body: target.body,
		redirect: 'manual'
	});
	const text = await response.text();
	if (response.status !== 200 || !text.includes(mustContain)) {
		throw new Error(`${target.name}: ${response.status}, expected a page with «${mustContain}»`);
	}
}

function firstLessons(course: Course) {
	const [sequence] = course.sequences;
	if (!sequence || sequence.lessons.length < 2 || !sequence.quiz) {
		throw new Error(`${course.slug}: the first sequence needs two lessons and a quiz`);
	}
	return { sequence, lesson: sequence.lessons[0], discussed: sequence.lessons[1] };
}

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
	const { sequence, lesson, discussed } = firstLessons(course);
	const databaseFile = path.join(dataDir, 'parcours.db');

	step(`Seeding ${LEARNERS.length} learners and ${THREADS} discussions under ${discussed.key}`);
	const ids = await createLearners(databaseFile, LEARNERS);
	await seedThreads(databaseFile, discussed.key, ids, THREADS);
	const quizLearners = await signedInLearners(databaseFile, QUIZ_LEARNERS);

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
		const rssIdle = running.rss();
		const base = running.baseURL;

		step('Page weight of the lesson page');
		const { weight, page } = await lessonWeight(base, lesson.url, lesson.file);
		console.log(
			`  HTML ${(weight.html / 1024).toFixed(1)} KiB, CSS ${(weight.css / 1024).toFixed(1)} KiB, ` +
				`JS ${(weight.js / 1024).toFixed(1)} KiB (gzip -9); first visit as sent: ` +
				`${(weight.firstVisit.bytes / 1024).toFixed(1)} KiB in ${weight.firstVisit.files} files`
		);
		const rich = lessonWithComponents(course);
		if (rich) {
			const { weight: richWeight } = await lessonWeight(base, rich.url, rich.file);
			console.log(
				`  a lesson using components (${rich.url}): JS ${(richWeight.js / 1024).toFixed(1)} KiB` +
					(richWeight.js === weight.js ? ', the same scripts' : `, not ${weight.js} bytes`)
			);
		}

		const learnerCookie = await signIn(base, LEARNERS[0]);
		const quizURL = `${base}${sequence.quiz!.url}`;
		const quizHeaders = {
			origin: base,
			'content-type': 'application/x-www-form-urlencoded',
			// As `use:enhance` sends it: the answer is where the stored attempt is shown, not
			// the whole page, whose list of the learner's attempts would grow with every request.
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		};
		const quizzes = course.sequences
			.filter((each) => each.quiz)
			.map((each) => ({ path: each.quiz!.url, body: quizForm(each) }));
		// Every learner–quiz pair in turn, across the quiz load and the mixed one.
		let answer = 0;
		const nextAnswer = () => {
			const n = answer++;
			const quiz = quizzes[n % quizzes.length];
			const cookie = quizLearners[Math.floor(n / quizzes.length) % quizLearners.length];
			return { method: 'POST' as const, ...quiz, headers: { ...quizHeaders, cookie } };
		};
		const lessons = course.sequences.flatMap((each) => each.lessons);
		const targets: [Target, string, string][] = [
			[
				{ name: 'Lesson page, anonymous', url: base + lesson.url },
				`GET ${lesson.url}`,
				lesson.title
			],
			[
				{ name: 'Course page, anonymous', url: base + course.url },
				`GET ${course.url}`,
				course.title
			],
			[
				{
					name: 'Lesson page, signed in',
					url: base + lesson.url,
					headers: { cookie: learnerCookie }
				},
				`GET ${lesson.url}`,
				LEARNERS[0]
			],
			[
				{
					name: 'Quiz submission, signed in',
					url: quizURL,
					...nextAnswer(),
					next: nextAnswer
				},
				`POST /<course>/<sequence>/quiz (use:enhance), ${QUIZ_LEARNERS.toLocaleString('en-US')} learners × ${quizzes.length} quizzes in turn`,
				'"type":"redirect"'
			],
			[
				{ name: `Lesson page with ${THREADS} discussions`, url: base + discussed.url },
				`GET ${discussed.url}`,
				`Discussion ${THREADS} `
			],
			[
				{ name: `Discussion list (${THREADS} threads)`, url: `${base}${course.url}/discussions` },
				`GET ${course.url}/discussions`,
				`Discussion ${THREADS} `
			],
			[
				{
					name: `Discussion list (${THREADS} threads), signed in`,
					url: `${base}${course.url}/discussions`,
					headers: { cookie: learnerCookie }
				},
				`GET ${course.url}/discussions`,
				`Discussion ${THREADS} `
			]
		];

		step(`Load: ${SECONDS} s per measure at ${CONNECTIONS.join(', ')} connections`);
		const pages: PageResult[] = [];
		const attemptsBefore = await countAttempts(databaseFile);
		for (const [target, request, mustContain] of targets) {
			await check(target, mustContain);
			pages.push(await measurePage(target, request));
		}
		const quiz = {
			// The check's submission, then every answer counted by autocannon.
			answered: 1 + (answered.get('Quiz submission, signed in') ?? 0),
			stored: (await countAttempts(databaseFile)) - attemptsBefore
		};
		console.log(`  quiz answers: ${quiz.answered} answered, ${quiz.stored} attempts stored`);

		step(
			`Mixed: ${MIXED.anonymous} connections of anonymous readers across the ${lessons.length} ` +
				`lessons, with ${MIXED.signedIn} of signed-in learners reading and answering quizzes`
		);
		let read = 0;
		let learnerTurn = 0;
		const mixed = await measureMixed(
			{
				name: 'Anonymous readers, every lesson',
				url: base + lessons[0].url,
				next: () => ({ path: lessons[read++ % lessons.length].url })
			},
			{
				name: 'Signed-in learners, lessons and quizzes',
				url: base + lessons[0].url,
				// A lesson read, then a quiz answered, by the learners in turn.
				next: () => {
					const n = learnerTurn++;
					if (n % 2 === 1) return nextAnswer();
					const cookie = quizLearners[(n >> 1) % quizLearners.length];
					return {
						method: 'GET',
						path: lessons[(n >> 1) % lessons.length].url,
						headers: { cookie }
					};
				}
			}
		);
		const rssAfter = running.rss();
		const rssPeak = running.rss('VmHWM');
		console.log(
			`  RSS: ${rssIdle.toFixed(0)} MiB idle, ${rssAfter.toFixed(0)} MiB after, peak ${rssPeak.toFixed(0)} MiB`
		);

		step('Ceiling: the same HTML from a bare node:http server');
		const htmlFile = path.join(dataDir, 'lesson.html');
		writeFileSync(htmlFile, page);
		const ceilingServer = await startCeiling(htmlFile);
		let ceiling: PageResult;
		try {
			ceiling = await measurePage(
				{ name: 'Ceiling: same HTML, bare node:http', url: ceilingServer.baseURL + lesson.url },
				`GET (any path)`
			);
		} finally {
			await ceilingServer.stop();
		}
		await running.stop();
		server = undefined;
		return {
			pages,
			ceiling,
			startupMs,
			rss: { idle: rssIdle, afterLoad: rssAfter, peak: rssPeak },
			weight,
			pageBytes: Buffer.byteLength(page),
			attemptsStored: await countAttempts(databaseFile),
			quiz,
			mixed,
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
				await check(target, '<h1');
				pages.push(await measurePage(target, request, connections));
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

async function main() {
	if (args.includes('--profile')) {
		const page = args[args.indexOf('--profile') + 1];
		await profile(ROOT, page && !page.startsWith('--') ? page : undefined, SECONDS);
		return;
	}
	const started = Date.now();
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
			secondsPerMeasure: SECONDS,
			commit: commitDescription(),
			machine: describeMachine(),
			pages: main.pages,
			ceiling: main.ceiling,
			startupMs: main.startupMs,
			rss: main.rss,
			weight: main.weight,
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
		const outDir = path.join(ROOT, 'bench-results');
		mkdirSync(outDir, { recursive: true });
		const json = path.join(outDir, `${results.date.replace(/[:.]/g, '-')}.json`);
		writeFileSync(json, JSON.stringify(results, null, '\t'));
		console.log(`\nRaw results: ${path.relative(ROOT, json)}`);
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
