// `npm run bench -- --postgres`: the anonymous lesson page, the pages whose cost is the database's
// (a signed-in lesson page, a quiz submission) and the mixed run, served one after the other in
// the same run by SQLite, by PostgreSQL with one instance, and by PostgreSQL with two instances
// behind a round-robin balancer; then what the balancer itself costs, in front of two bare
// node:http servers. Each setup starts from a fresh database with the same learners.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildIsStale } from '../start.js';
import { createDatabase, startCluster, type Cluster } from '../lib/postgres-cluster.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Course } from '../../src/lib/content/types.ts';
import type { DatabaseTarget } from '../../src/lib/server/config.ts';
import { cpuSampler, withChildren, type CpuGroups } from './cpu.ts';
import { signIn } from './fixtures.ts';
import type { BalancerCost, PageResult, SetupResult } from './report.ts';
import {
	check,
	courseScenarios,
	firstLessons,
	LEARNERS,
	measureMixed,
	measurePage,
	measureQuiz,
	seedCourse,
	step,
	type Timing
} from './scenarios.ts';
import {
	cleanUpAtExit,
	freePort,
	snapshotRelease,
	startBalancer,
	startCeiling,
	startServer,
	timedBuild,
	type RunningServer
} from './server.ts';

/** Connections in each instance's pool (DATABASE_POOL_SIZE); also the server's default. */
export const POOL_SIZE = 10;

const LOAD_GENERATOR = 'load generator';

/** The three setups and the balancer's cost, built from `root`'s build (made if stale). */
export async function measurePostgres(root: string, timing: Timing) {
	const { index } = loadContent(path.join(root, 'courses'));
	const [course] = index.courses;
	if (buildIsStale(root)) {
		console.log('  the build is older than the sources: building…');
		console.log(`  built in ${timedBuild(root).toFixed(1)} s`);
	}
	const release = snapshotRelease(root);
	const folders: string[] = [];
	const dataDir = () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'parcours-bench-data-'));
		folders.push(folder);
		return folder;
	};
	const removeFolders = cleanUpAtExit(() => {
		release.remove();
		for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	});
	try {
		const setups: SetupResult[] = [];
		let lessonHTML = '';

		const sqliteDir = dataDir();
		const sqlite = { kind: 'sqlite', file: path.join(sqliteDir, 'parcours.db') } as const;
		const sqliteLearners = await seedCourse(sqlite, course);
		step('SQLite, one instance');
		const server = await startServer({ releaseDir: release.dir, dataDir: sqliteDir });
		try {
			lessonHTML = await (await fetch(server.baseURL + firstLessons(course).lesson.url)).text();
			setups.push(
				await measureSetup(timing, {
					label: 'SQLite, one instance',
					database: sqlite,
					instances: [server],
					base: server.baseURL,
					course,
					quizLearners: sqliteLearners,
					cpu: { Parcours: () => [server.pid] }
				})
			);
		} finally {
			await server.stop();
		}

		let postgresVersion = '';
		for (const count of [1, 2]) {
			const label = `PostgreSQL, ${count === 1 ? 'one instance' : 'two instances'}`;
			step(`${label}: a cluster of its own, fsync on`);
			await withCluster(async (cluster) => {
				const url = await createDatabase(cluster.url, 'parcours');
				postgresVersion = await serverVersion(url);
				const database = { kind: 'postgres', url, poolSize: POOL_SIZE } as const;
				const quizLearners = await seedCourse(database, course);
				const balancerPort = count > 1 ? await freePort() : undefined;
				const instances: RunningServer[] = [];
				let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
				try {
					// One after the other: the first brings the search index of the content up to date.
					for (let i = 0; i < count; i++) {
						instances.push(
							await startServer({
								releaseDir: release.dir,
								dataDir: dataDir(),
								env: {
									DATABASE_URL: url,
									DATABASE_POOL_SIZE: String(POOL_SIZE),
									// Behind the balancer, the address learners' browsers use (the Origin
									// of their forms) is the balancer's.
									...(balancerPort ? { ORIGIN: `http://127.0.0.1:${balancerPort}` } : {})
								}
							})
						);
					}
					if (balancerPort) balancer = await startBalancer(instances.map(port), balancerPort);
					const postgres = () => withChildren(cluster.pid);
					setups.push(
						await measureSetup(timing, {
							label: count === 1 ? label : `${label} behind the balancer`,
							database,
							instances,
							base: balancer?.baseURL ?? instances[0].baseURL,
							course,
							quizLearners,
							cpu: {
								Parcours: () => instances.map((each) => each.pid),
								...(balancer ? { balancer: () => [balancer!.pid] } : {}),
								PostgreSQL: postgres
							}
						})
					);
				} finally {
					await balancer?.stop();
					for (const instance of instances) await instance.stop();
				}
			});
		}

		const balancer = await measureBalancer(timing, dataDir(), lessonHTML);
		return { setups, balancer, poolSize: POOL_SIZE, postgresVersion };
	} finally {
		removeFolders();
	}
}

/** A cluster for `run`, stopped and removed after it, or when the benchmark is interrupted. */
async function withCluster(run: (cluster: Cluster) => Promise<void>) {
	const cluster = await startCluster({ fsync: true });
	const remove = cleanUpAtExit(() => cluster.stop());
	try {
		await run(cluster);
	} finally {
		remove();
	}
}

async function serverVersion(url: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
		return `PostgreSQL ${rows[0].server_version.split(' ')[0]}`;
	} finally {
		await client.end();
	}
}

const port = (server: { baseURL: string }) => Number(new URL(server.baseURL).port);

/** The setup's pages, its quiz answers and the mixed run, with where the CPU went. */
async function measureSetup(
	timing: Timing,
	setup: {
		label: string;
		database: DatabaseTarget;
		instances: RunningServer[];
		base: string;
		course: Course;
		quizLearners: string[];
		cpu: CpuGroups;
	}
): Promise<SetupResult> {
	const scenarios = courseScenarios(setup.base, setup.course, {
		learnerCookie: await signIn(setup.base, LEARNERS[0]),
		quizLearners: setup.quizLearners
	});
	const cpu = cpuSampler({ ...setup.cpu, [LOAD_GENERATOR]: () => [process.pid] });
	const pages: PageResult[] = [];
	for (const scenario of [scenarios.anonymousLesson, scenarios.signedInLesson]) {
		await check(scenario);
		pages.push((await measurePage(timing, scenario, { cpu })).page);
	}
	const { page, quiz } = await measureQuiz(timing, scenarios.quiz, {
		database: setup.database,
		quizAnswers: scenarios.quizAnswers,
		cpu
	});
	pages.push(page);
	const mixed = await measureMixed(timing, scenarios.mixed);
	return {
		label: setup.label,
		database: setup.database.kind,
		instances: setup.instances.length,
		pages,
		quiz,
		mixed
	};
}

/**
 * What the balancer costs on its own: the bare node:http ceiling answering the lesson page's
 * HTML, alone, then two of them behind the balancer.
 */
async function measureBalancer(
	timing: Timing,
	folder: string,
	lessonHTML: string
): Promise<BalancerCost> {
	step('The balancer alone: two bare node:http servers behind it, against one without it');
	const htmlFile = path.join(folder, 'lesson.html');
	writeFileSync(htmlFile, lessonHTML);
	const connections = [10, 50];
	const ceilings = [await startCeiling(htmlFile), await startCeiling(htmlFile)];
	let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
	try {
		const direct = await measurePage(
			timing,
			{
				target: { name: 'Ceiling: bare node:http', url: `${ceilings[0].baseURL}/` },
				request: 'GET (any path)'
			},
			{
				connections,
				cpu: cpuSampler({
					'node:http': () => [ceilings[0].pid],
					[LOAD_GENERATOR]: () => [process.pid]
				})
			}
		);
		balancer = await startBalancer(ceilings.map(port));
		const balancerPid = balancer.pid;
		const balanced = await measurePage(
			timing,
			{
				target: { name: 'Two of them behind the balancer', url: `${balancer.baseURL}/` },
				request: 'GET (any path)'
			},
			{
				connections,
				cpu: cpuSampler({
					'node:http': () => ceilings.map((each) => each.pid),
					balancer: () => [balancerPid],
					[LOAD_GENERATOR]: () => [process.pid]
				})
			}
		);
		return { direct: direct.page, balanced: balanced.page };
	} finally {
		await balancer?.stop();
		for (const ceiling of ceilings) await ceiling.stop();
	}
}
