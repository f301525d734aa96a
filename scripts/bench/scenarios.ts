// The load runs of the shipped course, whichever database and however many instances serve it:
// what is written before the server starts, the pages and quiz answers loaded one after the other,
// and the mixed run of anonymous readers beside signed-in learners.
import type { Course } from '../../src/lib/content/types.ts';
import type { DatabaseTarget } from '../../src/lib/server/config.ts';
import type { CpuSampler } from './cpu.ts';
import {
	countAttempts,
	createLearners,
	quizForm,
	seedThreads,
	signedInLearners
} from './fixtures.ts';
import { measure, warmUp, type Measure, type Request, type Target } from './load.ts';
import type { PageResult, QuizCount } from './report.ts';
import { pause } from './server.ts';

export const CONNECTIONS = [1, 10, 50];
export const THREADS = 200;
/**
 * Learners who answer quizzes under load: each may store 5 attempts a minute at each quiz, so the
 * load goes round all of them (24,000 learner–quiz pairs with the shipped course's 8 quizzes).
 */
export const QUIZ_LEARNERS = 3000;
/** The mixed run: anonymous readers and signed-in learners at the same time. */
export const MIXED = { anonymous: 40, signedIn: 10 };
export const LEARNERS = ['bench-ada', 'bench-brune', 'bench-chloe', 'bench-driss', 'bench-emma'];

/** An answer says its attempt was stored by sending the learner to it. */
const STORED = /"type":"redirect".*\/quiz\/attempts\/\d/;

interface QuizAnswers {
	sent: number;
	answered: number;
	answeredStored: number;
}

export interface Timing {
	/** Seconds per measure. */
	seconds: number;
	/** Seconds of load before the measures of a page, at 10 connections. */
	warmUp: number;
}

export const step = (text: string) => console.log(`\n▸ ${text}`);

export function printMeasure(name: string, result: Measure) {
	console.log(
		`  ${name.padEnd(44)} ${String(result.connections).padStart(2)} conn  ` +
			`${Math.round(result.rps).toString().padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms`
	);
}

/** A target, how the report names its request, and what its answer must contain. */
export interface Scenario {
	target: Target;
	request: string;
	mustContain: string;
}

/**
 * A warm-up, then one measure per number of connections; with `cpu`, what each process spent
 * during each measure. `answered` counts the 2xx answers of the warm-up and the measures.
 */
export async function measurePage(
	timing: Timing,
	{ target, request }: Omit<Scenario, 'mustContain'>,
	{ connections = CONNECTIONS, cpu }: { connections?: number[]; cpu?: CpuSampler } = {}
) {
	const warm = await warmUp(target, timing.warmUp);
	let answered = warm.requests;
	const measures = [];
	for (const count of connections) {
		const result = await measure(target, count, timing.seconds, cpu);
		if (result.failures > 0) {
			throw new Error(`${target.name} at ${count} connections: ${result.failures} failed requests`);
		}
		printMeasure(target.name, result);
		answered += result.requests;
		measures.push(result);
	}
	return { page: { name: target.name, request, measures } satisfies PageResult, answered };
}

/**
 * 40 connections of anonymous readers going through every lesson, alone, then while 10 connections
 * of signed-in learners read lessons and answer quizzes: what signed-in learners cost anonymous ones.
 */
export async function measureMixed(
	timing: Timing,
	{ anonymous, signedIn }: { anonymous: Target; signedIn: Target }
) {
	await warmUp(anonymous, timing.warmUp);
	const alone = await measure(anonymous, MIXED.anonymous, timing.seconds);
	printMeasure(`${anonymous.name}, alone`, alone);
	await warmUp(signedIn, timing.warmUp);
	const [together, learners] = await Promise.all([
		measure(anonymous, MIXED.anonymous, timing.seconds),
		measure(signedIn, MIXED.signedIn, timing.seconds)
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

/**
 * One request before the load (the target's next one, when it makes each): the page must answer
 * 200 and show what it is meant to show.
 */
export async function check({ target, mustContain }: Scenario) {
	const request: Request = target.next ? target.next() : target;
	const response = await fetch(request.path ? new URL(request.path, target.url) : target.url, {
		method: request.method ?? target.method,
		headers: request.headers ?? target.headers,
		body: request.body ?? target.body,
		redirect: 'manual'
	});
	const text = await response.text();
	if (response.status !== 200 || !text.includes(mustContain)) {
		throw new Error(`${target.name}: ${response.status}, expected a page with «${mustContain}»`);
	}
}

export function firstLessons(course: Course) {
	const [sequence] = course.sequences;
	if (!sequence || sequence.lessons.length < 2 || !sequence.quiz) {
		throw new Error(`${course.slug}: the first sequence needs two lessons and a quiz`);
	}
	return { sequence, lesson: sequence.lessons[0], discussed: sequence.lessons[1] };
}

/**
 * What is written before the server starts: a few learners with a password, their discussions
 * under the second lesson, and the many signed-in learners who answer quizzes (their cookies).
 */
export async function seedCourse(database: DatabaseTarget, course: Course) {
	const { discussed } = firstLessons(course);
	step(`Seeding ${LEARNERS.length} learners and ${THREADS} discussions under ${discussed.key}`);
	const ids = await createLearners(database, LEARNERS);
	await seedThreads(database, discussed.key, ids, THREADS);
	return signedInLearners(database, QUIZ_LEARNERS);
}

/**
 * The course's pages and quiz as load targets on the server at `base`: `learnerCookie` is the
 * session of LEARNERS[0], signed in through the form; the quiz answers and the mixed run's
 * learners go round `quizLearners`.
 */
export function courseScenarios(
	base: string,
	course: Course,
	{ learnerCookie, quizLearners }: { learnerCookie: string; quizLearners: string[] }
) {
	const { sequence, lesson, discussed } = firstLessons(course);
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
	const answers = { sent: 0, answered: 0, answeredStored: 0 };
	const nextAnswer = () => {
		const n = answers.sent++;
		const quiz = quizzes[n % quizzes.length];
		const cookie = quizLearners[Math.floor(n / quizzes.length) % quizLearners.length];
		return { method: 'POST' as const, ...quiz, headers: { ...quizHeaders, cookie } };
	};
	const lessons = course.sequences.flatMap((each) => each.lessons);
	let read = 0;
	let learnerTurn = 0;
	const scenario = (target: Target, request: string, mustContain: string): Scenario => ({
		target,
		request,
		mustContain
	});
	return {
		anonymousLesson: scenario(
			{ name: 'Lesson page, anonymous', url: base + lesson.url },
			`GET ${lesson.url}`,
			lesson.title
		),
		coursePage: scenario(
			{ name: 'Course page, anonymous', url: base + course.url },
			`GET ${course.url}`,
			course.title
		),
		signedInLesson: scenario(
			{
				name: 'Lesson page, signed in',
				url: base + lesson.url,
				headers: { cookie: learnerCookie }
			},
			`GET ${lesson.url}`,
			LEARNERS[0]
		),
		quiz: scenario(
			{
				name: 'Quiz submission, signed in',
				url: base + sequence.quiz!.url,
				next: nextAnswer,
				onAnswer: (status, body) => {
					answers.answered++;
					if (status === 200 && STORED.test(body)) answers.answeredStored++;
				}
			},
			`POST /<course>/<sequence>/quiz (use:enhance), ${QUIZ_LEARNERS.toLocaleString('en-US')} learners × ${quizzes.length} quizzes in turn`,
			'"type":"redirect"'
		),
		discussedLesson: scenario(
			{ name: `Lesson page with ${THREADS} discussions`, url: base + discussed.url },
			`GET ${discussed.url}`,
			`Discussion ${THREADS} `
		),
		discussions: scenario(
			{ name: `Discussion list (${THREADS} threads)`, url: `${base}${course.url}/discussions` },
			`GET ${course.url}/discussions`,
			`Discussion ${THREADS} `
		),
		discussionsSignedIn: scenario(
			{
				name: `Discussion list (${THREADS} threads), signed in`,
				url: `${base}${course.url}/discussions`,
				headers: { cookie: learnerCookie }
			},
			`GET ${course.url}/discussions`,
			`Discussion ${THREADS} `
		),
		mixed: {
			anonymous: {
				name: 'Anonymous readers, every lesson',
				url: base + lessons[0].url,
				next: () => ({ path: lessons[read++ % lessons.length].url })
			},
			signedIn: {
				name: 'Signed-in learners, lessons and quizzes',
				url: base + lessons[0].url,
				// A lesson read, then a quiz answered, by the learners in turn.
				next: (): Request => {
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
		} satisfies Record<string, Target>,
		/**
		 * Quiz answers sent so far (autocannon asks for each request as it sends it), and the quiz
		 * load's answers received.
		 */
		quizAnswers: () => ({ ...answers })
	};
}

/**
 * The quiz load, with what it stored. autocannon ends each run (the warm-up's and each measure's)
 * by closing its connections, without reading the answers still in flight: answers received and
 * the attempts they say were stored are the same requests; the database also holds the attempts
 * of requests in flight that the server went on to store.
 */
export async function measureQuiz(
	timing: Timing,
	quiz: Scenario,
	{
		database,
		quizAnswers,
		cpu
	}: { database: DatabaseTarget; quizAnswers: () => QuizAnswers; cpu?: CpuSampler }
) {
	const storedBefore = await countAttempts(database);
	const before = quizAnswers();
	await check(quiz);
	const { page } = await measurePage(timing, quiz, { cpu });
	const after = quizAnswers();
	const count: QuizCount = {
		sent: after.sent - before.sent,
		// The check's submission (which must have been stored), then the load's.
		answered: 1 + after.answered - before.answered,
		answeredStored: 1 + after.answeredStored - before.answeredStored,
		stored: (await settledCount(() => countAttempts(database))) - storedBefore
	};
	console.log(
		`  quiz answers: ${count.sent} sent, ${count.answered} answered, ` +
			`${count.answeredStored} of them stored; ${count.stored} attempts in the database`
	);
	return { page, quiz: count };
}

/** The count once it stops moving: the requests still in flight when the load stopped are done. */
async function settledCount(count: () => Promise<number>) {
	let last = await count();
	for (let i = 0; i < 40; i++) {
		await pause(250);
		const next = await count();
		if (next === last) return next;
		last = next;
	}
	return last;
}
