// What the measured pages need: learners with a password, discussions written straight into the
// database before the server starts, a session obtained through the real sign-in form, and a quiz
// answer sheet. Each takes the database the server will open: the SQLite file of its data folder or
// a PostgreSQL database.
import type { DatabaseTarget } from '../../src/lib/server/config.ts';
import { connect } from '../../src/lib/server/db/index.ts';
import { renderPost } from '../../src/lib/server/forum/markdown.ts';
import { insertPost } from '../../src/lib/server/forum/posts.ts';
import { insertThread, touchThread } from '../../src/lib/server/forum/thread-store.ts';
import { hashPassword } from '../../src/lib/server/password.ts';
import { createSession } from '../../src/lib/server/session.ts';
import { createUser, markEmailVerified } from '../../src/lib/server/user.ts';
import type { Lesson, Sequence } from '../../src/lib/content/types.ts';
import { splitLessonKey } from '../../src/lib/server/forum/urls.ts';

export const PASSWORD = 'une phrase de passe pour le banc d’essai';
const DAY = 24 * 3600_000;
const KINDS = ['question', 'suggestion', 'erratum'] as const;

/** Learners with verified addresses, who joined a month ago; returns their ids by name. */
export async function createLearners(database: DatabaseTarget, usernames: string[]) {
	const { db, close } = await connect(database);
	try {
		const passwordHash = await hashPassword(PASSWORD);
		const ids: number[] = [];
		for (const username of usernames) {
			const user = await createUser(db, {
				username,
				email: `${username}@example.org`,
				passwordHash,
				now: Date.now() - 30 * DAY
			});
			await markEmailVerified(db, user.id, user.email);
			ids.push(user.id);
		}
		return ids;
	} finally {
		await close();
	}
}

/**
 * `count` threads under one lesson, by turns from each author, of every kind, each with its
 * first post and 0 to 4 replies, spread over the last weeks.
 */
export async function seedThreads(
	database: DatabaseTarget,
	lessonKey: string,
	authorIds: number[],
	count: number
) {
	const { db, close } = await connect(database);
	const { course, sequence } = splitLessonKey(lessonKey);
	const now = Date.now();
	try {
		for (let i = 0; i < count; i++) {
			const authorId = authorIds[i % authorIds.length];
			const createdAt = now - (count - i) * 3 * 3600_000;
			const replies = i % 5;
			const body =
				`Bonjour, dans cette leçon, le **point ${i + 1}** me pose question.\n\n` +
				`- ce qui est écrit au paragraphe ${(i % 7) + 1}\n- et ce que j’en comprends\n\nMerci !`;
			await db.transaction().execute(async (trx) => {
				const id = await insertThread(
					trx,
					{
						course,
						sequence,
						lessonKey,
						kind: KINDS[i % KINDS.length],
						title: `Discussion ${i + 1} : une question sur la leçon`
					},
					authorId,
					createdAt
				);
				await touchThread(trx, id, createdAt + replies * 600_000);
				await insertPost(
					trx,
					{ threadId: id, authorId, body, html: (await renderPost(body)).html },
					createdAt
				);
				for (let r = 1; r <= replies; r++) {
					const reply = `Réponse ${r} à la discussion ${i + 1}.`;
					const replier = authorIds[(i + r) % authorIds.length];
					await insertPost(
						trx,
						{ threadId: id, authorId: replier, body: reply, html: (await renderPost(reply)).html },
						createdAt + r * 600_000
					);
				}
			});
		}
	} finally {
		await close();
	}
}

/**
 * Many learners, each already signed in (a session written through the session module, as a
 * sign-in does): a quiz answered by one learner is limited to a few attempts a minute, so a load of
 * stored attempts needs many of them. Returns their Cookie headers.
 */
export async function signedInLearners(
	database: DatabaseTarget,
	count: number,
	prefix = 'bench-many-'
) {
	const { db, close } = await connect(database);
	try {
		return await db.transaction().execute(async (trx) => {
			const cookies: string[] = [];
			for (let i = 0; i < count; i++) {
				const username = `${prefix}${i}`;
				const user = await createUser(trx, {
					username,
					email: `${username}@example.org`,
					// Nobody signs in with a password: the session is made here.
					passwordHash: 'unused',
					now: Date.now() - 30 * DAY
				});
				await markEmailVerified(trx, user.id, user.email);
				const { token } = await createSession(trx, user.id, 'bench');
				cookies.push(`session=${token}`);
			}
			return cookies;
		});
	} finally {
		await close();
	}
}

/** Quiz attempts stored so far, by every learner. */
export async function countAttempts(database: DatabaseTarget): Promise<number> {
	const { db, close } = await connect(database);
	try {
		const row = await db
			.selectFrom('quiz_attempts')
			.select((eb) => eb.fn.countAll<number>().as('attempts'))
			.executeTakeFirstOrThrow();
		return Number(row.attempts);
	} finally {
		await close();
	}
}

/** Signs in through the form, as a browser without JavaScript does; returns the Cookie header. */
export async function signIn(baseURL: string, login: string): Promise<string> {
	const response = await fetch(`${baseURL}/login`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			'content-type': 'application/x-www-form-urlencoded',
			// What a browser sends: without it, SvelteKit answers a form post with JSON.
			accept: 'text/html'
		},
		body: new URLSearchParams({ login, password: PASSWORD }).toString(),
		redirect: 'manual'
	});
	await response.arrayBuffer();
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('session='));
	if (response.status !== 303 || !cookie) {
		throw new Error(`${login} could not sign in: ${response.status}`);
	}
	return cookie.split(';')[0];
}

/** The quiz form as a learner fills it: the first option of every question. */
export function quizForm(sequence: Sequence): string {
	if (!sequence.quiz) throw new Error(`${sequence.key} has no quiz`);
	return new URLSearchParams([
		// The seed of the order the quiz page showed; any one will do.
		['seed', '1'],
		...sequence.quiz.questions.map((question) => [`q:${question.id}`, question.options[0].id])
	]).toString();
}

export type { Lesson, Sequence };
