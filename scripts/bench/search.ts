// Search over the shipped course and 10,000 discussion posts: the lessons indexed by the
// production server at its start (as in production), the posts written and indexed through the
// search module as the forum does it, then queries timed in this process against that database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Course } from '../../src/lib/content/types.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { renderPost } from '../../src/lib/server/forum/markdown.ts';
import { insertPost } from '../../src/lib/server/forum/posts.ts';
import { splitLessonKey } from '../../src/lib/server/forum/urls.ts';
import { search, syncPost } from '../../src/lib/server/search/index.ts';
import { createLearners } from './fixtures.ts';
import { startServer } from './server.ts';

export const SEARCH_POSTS = 10_000;
const POSTS_PER_THREAD = 5;
const KINDS = ['question', 'suggestion', 'erratum'] as const;
/** A one-word and a three-word query a learner could type, measured as they are. */
export const SEARCH_QUERIES = { oneWord: 'hébergeur', threeWords: 'données hébergeur association' };
const RUNS = 300;
const WARM_UP = 30;

export interface SearchQueryResult {
	query: string;
	results: number;
	p50: number;
	p95: number;
	max: number;
	/**
	 * The same, in CPU time of this process (user + system): what the query costs when the
	 * machine is shared and the clock also counts the time others had the cores.
	 */
	cpuP50: number;
	cpuP95: number;
}

export interface SearchResult {
	posts: number;
	lessonPassages: number;
	indexingSeconds: number;
	/** Pages of the search tables and of their indexes, FTS5's own tables included. */
	indexBytes: number;
	databaseBytes: number;
	oneWord: SearchQueryResult;
	threeWords: SearchQueryResult;
}

/** A small seeded generator, so every run writes the same posts. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Posts made of the course's own words, drawn as often as the course uses them. */
function postWriter(root: string, course: Course) {
	const words = course.sequences
		.flatMap((sequence) => sequence.lessons)
		.flatMap(
			(lesson) => readFileSync(path.join(root, lesson.file), 'utf8').match(/\p{L}{2,}/gu) ?? []
		);
	const next = random(17);
	const pick = () => words[Math.floor(next() * words.length)];
	return () => {
		const sentences: string[] = [];
		const count = 1 + Math.floor(next() * 5);
		for (let s = 0; s < count; s++) {
			const length = 6 + Math.floor(next() * 18);
			const sentence = Array.from({ length }, pick).join(' ');
			sentences.push(sentence[0].toUpperCase() + sentence.slice(1) + '.');
		}
		return sentences.join(' ');
	};
}

async function writePosts(databaseFile: string, course: Course, root: string, authorIds: number[]) {
	const { db, close } = await openDatabase(databaseFile);
	const lessons = course.sequences.flatMap((sequence) => sequence.lessons);
	const write = postWriter(root, course);
	const now = Date.now();
	try {
		const threads = SEARCH_POSTS / POSTS_PER_THREAD;
		for (let first = 0; first < threads; first += 100) {
			await db.transaction().execute(async (trx) => {
				for (let i = first; i < Math.min(first + 100, threads); i++) {
					const lesson = lessons[i % lessons.length];
					const { course: slug, sequence } = splitLessonKey(lesson.key);
					const createdAt = now - (threads - i) * 600_000;
					const { id } = await trx
						.insertInto('forum_threads')
						.values({
							course: slug,
							sequence,
							lesson_key: lesson.key,
							kind: KINDS[i % KINDS.length],
							title: write().slice(0, 80),
							status: 'open',
							status_note: null,
							status_set_by: null,
							status_set_at: null,
							locked_at: null,
							author_id: authorIds[i % authorIds.length],
							created_at: createdAt,
							last_activity_at: createdAt
						})
						.returning('id')
						.executeTakeFirstOrThrow();
					for (let p = 0; p < POSTS_PER_THREAD; p++) {
						const body = write();
						const postId = await insertPost(
							trx,
							{
								threadId: id,
								authorId: authorIds[(i + p) % authorIds.length],
								body,
								html: (await renderPost(body)).html
							},
							createdAt + p * 60_000
						);
						await syncPost(trx, postId);
					}
				}
			});
		}
	} finally {
		await close();
	}
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timeQuery(databaseFile: string, query: string): Promise<SearchQueryResult> {
	const { db, close } = await openDatabase(databaseFile);
	try {
		let results = 0;
		for (let i = 0; i < WARM_UP; i++) results = (await search(db, { query })).total;
		const times: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const cpuStarted = process.cpuUsage();
			const started = performance.now();
			await search(db, { query, page: 1 + (i % 3) });
			times.push(performance.now() - started);
			const used = process.cpuUsage(cpuStarted);
			cpu.push((used.user + used.system) / 1000);
		}
		times.sort((a, b) => a - b);
		cpu.sort((a, b) => a - b);
		return {
			query,
			results,
			p50: percentile(times, 50),
			p95: percentile(times, 95),
			max: times.at(-1)!,
			cpuP50: percentile(cpu, 50),
			cpuP95: percentile(cpu, 95)
		};
	} finally {
		await close();
	}
}

async function sizes(databaseFile: string) {
	const { sqlite, close } = await openDatabase(databaseFile);
	try {
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
		const index = sqlite
			.prepare(
				`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN (
					SELECT name FROM sqlite_schema WHERE tbl_name LIKE 'search\\_%' ESCAPE '\\'
				)`
			)
			.pluck()
			.get() as number;
		const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
		const pages = sqlite.pragma('page_count', { simple: true }) as number;
		const passages = sqlite
			.prepare(`SELECT count(*) FROM search_passages WHERE kind = 'lesson'`)
			.pluck()
			.get() as number;
		return { indexBytes: index, databaseBytes: pageSize * pages, lessonPassages: passages };
	} finally {
		void close();
	}
}

export async function measureSearch(options: {
	root: string;
	releaseDir: string;
	dataDir: string;
	course: Course;
}): Promise<SearchResult> {
	const databaseFile = path.join(options.dataDir, 'parcours.db');
	const ids = await createLearners(
		{ kind: 'sqlite', file: databaseFile },
		['ada', 'brune', 'chloe', 'driss', 'emma'].map((name) => `search-${name}`)
	);
	// The server indexes the lessons once it listens, from the text it renders; startServer
	// resolves once they are.
	const server = await startServer({ releaseDir: options.releaseDir, dataDir: options.dataDir });
	await server.stop();
	const started = performance.now();
	await writePosts(databaseFile, options.course, options.root, ids);
	const indexingSeconds = (performance.now() - started) / 1000;
	const { indexBytes, databaseBytes, lessonPassages } = await sizes(databaseFile);
	return {
		posts: SEARCH_POSTS,
		lessonPassages,
		indexingSeconds,
		indexBytes,
		databaseBytes,
		oneWord: await timeQuery(databaseFile, SEARCH_QUERIES.oneWord),
		threeWords: await timeQuery(databaseFile, SEARCH_QUERIES.threeWords)
	};
}
