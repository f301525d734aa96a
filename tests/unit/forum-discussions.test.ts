import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';
import { exportForumData } from '../../src/lib/server/forum/account.ts';
import { buildCourseFeed } from '../../src/lib/server/forum/feed.ts';
import { flagPost } from '../../src/lib/server/forum/flags.ts';
import { forumErrorMessage } from '../../src/lib/server/forum/forms.ts';
import {
	FORUM_LIMITS,
	consumeFlagQuota,
	consumePostingQuota
} from '../../src/lib/server/forum/limits.ts';
import { listModerationLog } from '../../src/lib/server/forum/log.ts';
import { RENDER_VERSION } from '../../src/lib/server/forum/markdown.ts';
import {
	dismissFlags,
	liftSuspension,
	loadModerationQueue,
	setPostHidden,
	suspendPostAuthor,
	suspendUser
} from '../../src/lib/server/forum/moderation.ts';
import { asViewer } from '../../src/lib/server/forum/permissions.ts';
import { createReply, deletePost, editPost } from '../../src/lib/server/forum/posts.ts';
import { listCourseThreads } from '../../src/lib/server/forum/thread-lists.ts';
import { listFiltersSchema } from '../../src/lib/server/forum/schema.ts';
import { loadLessonDiscussion, loadThread } from '../../src/lib/server/forum/thread-page.ts';
import {
	createThread,
	createThreadInCourse,
	setThreadLocked,
	setThreadStatus
} from '../../src/lib/server/forum/threads.ts';
import {
	createUser,
	deleteUser,
	findUserById,
	markEmailVerified
} from '../../src/lib/server/user.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const LESSON = 'demo/premiers-pas/bienvenue';
const OTHER_LESSON = 'demo/suite/fin';

let connection: TestDatabase;
let now: number;
beforeEach(async () => {
	connection = await testDatabase();
	now = Date.UTC(2025, 2, 10, 12);
});
afterEach(() => connection.close());

const db = () => connection.db;

/** An account with a verified address, created two days ago unless told otherwise. */
async function person(
	username: string,
	{
		role = 'learner',
		age = 2 * DAY,
		verified = true
	}: { role?: Role; age?: number; verified?: boolean } = {}
) {
	const user = await createUser(db(), {
		username,
		email: `${username}@example.org`,
		passwordHash: 'not-a-real-hash',
		role,
		now: now - age
	});
	if (verified) await markEmailVerified(db(), user.id, user.email, now - age);
	return (await findUserById(db(), user.id))!;
}

async function viewerOf(userId: number) {
	return asViewer((await findUserById(db(), userId))!);
}

async function openThread(
	authorId: number,
	overrides: Partial<{ lessonKey: string; kind: string; title: string; body: string }> = {},
	at = now
) {
	const result = await createThread(
		db(),
		authorId,
		{
			lessonKey: LESSON,
			kind: 'suggestion',
			title: 'Ajouter un exemple de charte',
			body: 'Un exemple **concret** aiderait.',
			...overrides
		},
		at
	);
	if (!result.ok) throw new Error(`thread refused: ${result.error}`);
	return result;
}

describe('threads under a lesson', () => {
	test('a verified learner opens a suggestion; the lesson shows it with its status and author', async () => {
		const alice = await person('alice');
		const { threadId, url } = await openThread(alice.id);
		expect(url).toBe(`/demo/discussions/${threadId}`);

		const discussion = await loadLessonDiscussion(db(), LESSON, null, now);
		expect(discussion.threads).toEqual([
			expect.objectContaining({
				id: threadId,
				kind: 'suggestion',
				status: 'open',
				title: 'Ajouter un exemple de charte',
				authorName: 'alice',
				replyCount: 0,
				locked: false
			})
		]);
		expect(discussion.openSuggestionCount).toBe(1);
		expect(discussion.posting).toEqual({
			allowed: false,
			block: 'sign-in-required',
			suspendedUntil: null
		});
		expect((await loadLessonDiscussion(db(), OTHER_LESSON, null, now)).threads).toEqual([]);
	});

	test('the first post is the thread text, rendered to safe HTML; replies follow and count', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const { threadId } = await openThread(alice.id, { kind: 'question', title: 'Pourquoi ?' });
		expect(await createReply(db(), bob.id, threadId, { body: 'Parce que.' }, now + 1000)).toEqual({
			ok: true,
			postId: expect.any(Number)
		});
		const page = await loadThread(db(), threadId, await viewerOf(bob.id), now + 2000);
		expect(page?.posts.map((post) => [post.authorName, post.html])).toEqual([
			['alice', '<p>Un exemple <strong>concret</strong> aiderait.</p>'],
			['bob', '<p>Parce que.</p>']
		]);
		expect(page?.posts[0].isFirst).toBe(true);
		const [summary] = (await loadLessonDiscussion(db(), LESSON, null, now + 2000)).threads;
		expect(summary).toMatchObject({ replyCount: 1, lastActivityAt: now + 1000 });
	});

	test('threads of a lesson come latest activity first', async () => {
		const alice = await person('alice');
		const first = await openThread(alice.id, { title: 'Premier', body: 'un' }, now);
		const second = await openThread(alice.id, { title: 'Deuxième', body: 'deux' }, now + 1000);
		await createReply(db(), alice.id, first.threadId, { body: 'relance' }, now + 2000);
		const { threads } = await loadLessonDiscussion(db(), LESSON, null, now + 3000);
		expect(threads.map((thread) => thread.title)).toEqual(['Premier', 'Deuxième']);
		expect(second.threadId).toBeGreaterThan(first.threadId);
	});

	test('an empty or too long title or text is refused, naming the field', async () => {
		const alice = await person('alice');
		const base = { lessonKey: LESSON, kind: 'question', title: 'Titre', body: 'Texte' };
		const attempt = (input: Partial<typeof base>) =>
			createThread(db(), alice.id, { ...base, ...input }, now);
		expect(await attempt({ title: '   ' })).toMatchObject({
			error: 'title-required',
			field: 'title'
		});
		expect(await attempt({ title: 'é'.repeat(151) })).toMatchObject({
			error: 'title-too-long',
			field: 'title'
		});
		expect((await attempt({ title: '🙂'.repeat(150) })).ok).toBe(true);
		expect(await attempt({ body: ' \n ' })).toMatchObject({
			error: 'body-required',
			field: 'body'
		});
		expect(await attempt({ body: 'x'.repeat(10_001) })).toMatchObject({
			error: 'body-too-long',
			field: 'body'
		});
		expect(await attempt({ kind: 'rumeur' })).toMatchObject({ error: 'kind-invalid' });
		expect(await attempt({ lessonKey: '../etc/passwd' })).toMatchObject({
			error: 'lesson-unknown'
		});
	});

	test('a thread under a lesson the course does not have is refused, nothing written', async () => {
		const alice = await person('alice');
		const course = { lessons: new Map([[LESSON, {}]]) };
		const input = { kind: 'question', title: 'Titre', body: 'Texte' };
		expect(
			await createThreadInCourse(db(), alice.id, course, { ...input, lessonKey: OTHER_LESSON }, now)
		).toEqual({ ok: false, error: 'lesson-unknown', field: 'lessonKey' });
		expect((await listCourseThreads(db(), 'demo', { page: 1 })).total).toBe(0);
		const created = await createThreadInCourse(
			db(),
			alice.id,
			course,
			{ ...input, lessonKey: LESSON },
			now
		);
		expect(created.ok).toBe(true);
	});

	test('a visitor whose email is not verified cannot post, and the lesson says why', async () => {
		const carol = await person('carol', { verified: false });
		expect(
			await createThread(
				db(),
				carol.id,
				{ lessonKey: LESSON, kind: 'question', title: 'Titre', body: 'Texte' },
				now
			)
		).toMatchObject({ ok: false, error: 'email-unverified' });
		const discussion = await loadLessonDiscussion(db(), LESSON, await viewerOf(carol.id), now);
		expect(discussion.posting).toMatchObject({ allowed: false, block: 'email-unverified' });
	});

	test('the course list filters by kind, status and sequence, and paginates', async () => {
		const alice = await person('alice');
		const mod = await person('mod', { role: 'moderator' });
		for (let i = 0; i < 3; i++)
			await openThread(alice.id, { kind: 'question', title: `Q${i}`, body: `q${i}` }, now + i);
		const erratum = await openThread(
			alice.id,
			{ kind: 'erratum', title: 'Coquille', body: 'coquille', lessonKey: OTHER_LESSON },
			now + 10
		);
		await setThreadStatus(db(), mod.id, erratum.threadId, { status: 'done', note: '' }, now + 20);

		const all = await listCourseThreads(db(), 'demo', { page: 1 }, 2);
		expect(all).toMatchObject({ total: 4, page: 1, pageCount: 2 });
		expect(all.threads.map((thread) => thread.title)).toEqual(['Coquille', 'Q2']);
		const second = await listCourseThreads(db(), 'demo', { page: 2 }, 2);
		expect(second.threads.map((thread) => thread.title)).toEqual(['Q1', 'Q0']);
		// A page past the end, near or far, is the last one; what is no page number, the first.
		for (const query of ['page=3', 'page=99999', 'page=123456789012']) {
			const past = listFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query)));
			expect(await listCourseThreads(db(), 'demo', past, 2), query).toMatchObject({
				page: 2,
				threads: [{ title: 'Q1' }, { title: 'Q0' }]
			});
		}
		for (const query of ['page=0', 'page=-2', 'page=abc', 'page=1.5', '']) {
			expect(listFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query))).page).toBe(1);
		}
		expect(
			(await listCourseThreads(db(), 'demo', { page: 1, kind: 'erratum', status: 'done' })).threads
		).toHaveLength(1);
		expect(
			(await listCourseThreads(db(), 'demo', { page: 1, sequence: 'premiers-pas' })).total
		).toBe(3);
		expect((await listCourseThreads(db(), 'demo', { page: 1, status: 'open' })).total).toBe(3);
		expect((await listCourseThreads(db(), 'autre-cours', { page: 1 })).total).toBe(0);
	});
});

describe('statuses', () => {
	test('an author accepts a suggestion with a note, then marks it done; both are logged', async () => {
		const alice = await person('alice');
		const author = await person('autrice', { role: 'author' });
		const { threadId } = await openThread(alice.id);
		expect(
			await setThreadStatus(
				db(),
				author.id,
				threadId,
				{ status: 'accepted', note: 'Bonne idée, à faire.' },
				now + 1
			)
		).toEqual({ ok: true });
		const page = await loadThread(db(), threadId, null, now + 2);
		expect(page?.thread).toMatchObject({
			status: 'accepted',
			statusNote: 'Bonne idée, à faire.',
			statusSetBy: 'autrice',
			statusSetAt: now + 1
		});
		expect((await loadLessonDiscussion(db(), LESSON, null, now)).openSuggestionCount).toBe(1);
		await setThreadStatus(db(), author.id, threadId, { status: 'done', note: '' }, now + 3);
		expect((await loadLessonDiscussion(db(), LESSON, null, now)).openSuggestionCount).toBe(0);
		const log = await listModerationLog(db());
		expect(
			log.entries.map((entry) => [entry.action, entry.actorName, entry.detail, entry.note])
		).toEqual([
			['status', 'autrice', 'done', null],
			['status', 'autrice', 'accepted', 'Bonne idée, à faire.']
		]);
	});

	test('a learner cannot set the status of a suggestion, even their own', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const { threadId } = await openThread(alice.id);
		for (const who of [alice, bob]) {
			expect(
				await setThreadStatus(db(), who.id, threadId, { status: 'accepted', note: '' }, now)
			).toMatchObject({ ok: false, error: 'forbidden' });
		}
		const page = await loadThread(db(), threadId, await viewerOf(alice.id), now);
		expect(page?.thread.status).toBe('open');
		expect(page?.can.setStatus).toBe(false);
	});

	test('the asker marks their question answered; a question cannot be « accepted »', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const { threadId } = await openThread(alice.id, { kind: 'question' });
		expect(
			await setThreadStatus(db(), bob.id, threadId, { status: 'answered', note: '' }, now)
		).toMatchObject({ error: 'forbidden' });
		expect(
			await setThreadStatus(db(), alice.id, threadId, { status: 'accepted', note: '' }, now)
		).toMatchObject({ error: 'status-invalid' });
		expect(
			await setThreadStatus(db(), alice.id, threadId, { status: 'answered', note: '' }, now)
		).toEqual({ ok: true });
		expect((await loadThread(db(), threadId, null, now))?.thread.status).toBe('answered');
	});
});

describe('locked threads', () => {
	test('a locked thread refuses replies and edits until it is unlocked', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const author = await person('autrice', { role: 'author' });
		const { threadId } = await openThread(alice.id);
		expect(await setThreadLocked(db(), bob.id, threadId, true, { note: '' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(
			await setThreadLocked(db(), author.id, threadId, true, { note: 'Hors sujet' }, now)
		).toEqual({ ok: true });
		expect(await createReply(db(), bob.id, threadId, { body: 'Encore moi' }, now)).toMatchObject({
			ok: false,
			error: 'locked'
		});
		const page = await loadThread(db(), threadId, await viewerOf(bob.id), now);
		expect(page?.can).toMatchObject({ reply: false, replyBlock: 'locked' });
		expect(
			await editPost(db(), alice.id, page!.posts[0].id, { body: 'Modifié' }, now)
		).toMatchObject({ error: 'locked' });

		await setThreadLocked(db(), author.id, threadId, false, { note: '' }, now + 1);
		expect((await createReply(db(), bob.id, threadId, { body: 'Encore moi' }, now + 2)).ok).toBe(
			true
		);
		expect((await listModerationLog(db())).entries.map((entry) => entry.action)).toEqual([
			'unlock',
			'lock'
		]);
	});
});

describe('editing and deleting', () => {
	test('authors edit their own posts (marked edited) and delete them softly', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const { threadId } = await openThread(alice.id);
		const page = await loadThread(db(), threadId, await viewerOf(alice.id), now);
		const postId = page!.posts[0].id;
		expect(page?.posts[0]).toMatchObject({
			source: 'Un exemple **concret** aiderait.',
			can: { edit: true, delete: true, flag: false }
		});

		expect(await editPost(db(), bob.id, postId, { body: 'Pirate' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(
			await editPost(
				db(),
				alice.id,
				postId,
				{ body: 'Un *meilleur* texte', title: 'Nouveau titre' },
				now + 5
			)
		).toEqual({ ok: true, threadId });
		let seen = await loadThread(db(), threadId, await viewerOf(bob.id), now + 6);
		expect(seen?.thread.title).toBe('Nouveau titre');
		expect(seen?.posts[0]).toMatchObject({
			html: '<p>Un <em>meilleur</em> texte</p>',
			editedAt: now + 5,
			source: null,
			can: { edit: false, delete: false, flag: true }
		});

		expect(await deletePost(db(), bob.id, postId, now)).toMatchObject({ error: 'forbidden' });
		expect(await deletePost(db(), alice.id, postId, now + 7)).toEqual({ ok: true, threadId });
		seen = await loadThread(db(), threadId, await viewerOf(bob.id), now + 8);
		expect(seen?.posts[0]).toMatchObject({ state: 'deleted', html: null });
		const row = await db()
			.selectFrom('forum_posts')
			.select(['body', 'deleted_at'])
			.where('id', '=', postId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ body: 'Un *meilleur* texte', deleted_at: now + 7 });
		expect(await editPost(db(), alice.id, postId, { body: 'Retour' }, now + 9)).toMatchObject({
			error: 'post-deleted'
		});
	});
});

describe('flags and moderation', () => {
	test('a flagged post reaches the queue; hiding it masks it for others, resolves the flags and is logged', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const carol = await person('carol');
		const mod = await person('mod', { role: 'moderator' });
		const { threadId } = await openThread(alice.id);
		const reply = await createReply(db(), bob.id, threadId, { body: 'Propos blessant' }, now);
		if (!reply.ok) throw new Error(reply.error);

		expect(await flagPost(db(), alice.id, reply.postId, { reason: 'Insultant' }, now)).toEqual({
			ok: true,
			threadId
		});
		expect(await flagPost(db(), alice.id, reply.postId, { reason: 'Encore' }, now)).toMatchObject({
			error: 'already-flagged'
		});
		expect(await flagPost(db(), bob.id, reply.postId, { reason: 'Moi' }, now)).toMatchObject({
			error: 'own-post'
		});
		expect(await flagPost(db(), carol.id, reply.postId, { reason: ' ' }, now)).toMatchObject({
			error: 'reason-required',
			field: 'reason'
		});
		await flagPost(db(), carol.id, reply.postId, { reason: 'Agressif' }, now + 1);

		const queue = await loadModerationQueue(db(), await viewerOf(mod.id), now + 2);
		expect(queue.flagged).toEqual([
			expect.objectContaining({
				postId: reply.postId,
				authorName: 'bob',
				state: 'visible',
				html: '<p>Propos blessant</p>',
				canSuspendAuthor: true,
				flags: [
					{ reason: 'Insultant', flaggerName: 'alice', createdAt: now },
					{ reason: 'Agressif', flaggerName: 'carol', createdAt: now + 1 }
				]
			})
		]);
		expect(queue.pending.map((thread) => thread.id)).toEqual([threadId]);

		expect(
			await setPostHidden(db(), alice.id, reply.postId, true, { note: '' }, now)
		).toMatchObject({
			error: 'forbidden'
		});
		expect(
			await setPostHidden(db(), mod.id, reply.postId, true, { note: 'Insulte' }, now + 3)
		).toEqual({ ok: true, threadId });

		const forCarol = await loadThread(db(), threadId, await viewerOf(carol.id), now + 4);
		expect(forCarol?.posts[1]).toMatchObject({ state: 'hidden', html: null });
		const forAnonymous = await loadThread(db(), threadId, null, now + 4);
		expect(forAnonymous?.posts[1]).toMatchObject({ state: 'hidden', html: null });
		const forBob = await loadThread(db(), threadId, await viewerOf(bob.id), now + 4);
		expect(forBob?.posts[1]).toMatchObject({ state: 'hidden', html: '<p>Propos blessant</p>' });
		const forMod = await loadThread(db(), threadId, await viewerOf(mod.id), now + 4);
		expect(forMod?.posts[1]).toMatchObject({
			state: 'hidden',
			html: '<p>Propos blessant</p>',
			can: { hide: false, unhide: true }
		});

		expect((await loadModerationQueue(db(), await viewerOf(mod.id), now + 5)).flagged).toEqual([]);
		const flags = await db()
			.selectFrom('forum_flags')
			.select(['resolution', 'resolved_by'])
			.execute();
		expect(flags).toEqual([
			{ resolution: 'hidden', resolved_by: mod.id },
			{ resolution: 'hidden', resolved_by: mod.id }
		]);
		const log = await listModerationLog(db());
		expect(
			log.entries.map((entry) => ({
				action: entry.action,
				actor: entry.actorName,
				target: entry.targetName,
				note: entry.note,
				detail: entry.detail,
				postUrl: entry.postUrl
			}))
		).toEqual([
			{
				action: 'resolve-flags',
				actor: 'mod',
				target: 'bob',
				note: 'Insulte',
				detail: 'hidden',
				postUrl: `/demo/discussions/${threadId}#post-${reply.postId}`
			},
			{
				action: 'hide',
				actor: 'mod',
				target: 'bob',
				note: 'Insulte',
				detail: null,
				postUrl: `/demo/discussions/${threadId}#post-${reply.postId}`
			}
		]);

		expect(await setPostHidden(db(), mod.id, reply.postId, false, { note: '' }, now + 6)).toEqual({
			ok: true,
			threadId
		});
		expect((await loadThread(db(), threadId, null, now + 7))?.posts[1].html).toBe(
			'<p>Propos blessant</p>'
		);
		expect((await listModerationLog(db())).entries[0].action).toBe('unhide');
	});

	test('a moderator dismisses flags without hiding the post', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const admin = await person('root', { role: 'admin' });
		const { threadId } = await openThread(alice.id);
		const page = await loadThread(db(), threadId, null, now);
		await flagPost(db(), bob.id, page!.posts[0].id, { reason: 'Je ne suis pas d’accord' }, now);
		expect(await dismissFlags(db(), bob.id, page!.posts[0].id, { note: '' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(
			await dismissFlags(
				db(),
				admin.id,
				page!.posts[0].id,
				{ note: 'Désaccord, pas abus' },
				now + 1
			)
		).toEqual({ ok: true });
		expect((await loadModerationQueue(db(), await viewerOf(admin.id), now + 2)).flagged).toEqual(
			[]
		);
		expect((await loadThread(db(), threadId, null, now + 2))?.posts[0].state).toBe('visible');
		expect((await listModerationLog(db())).entries[0]).toMatchObject({
			action: 'resolve-flags',
			detail: 'dismissed',
			note: 'Désaccord, pas abus'
		});
	});

	test('a suspended learner cannot post, reply, edit or flag until the suspension ends', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const mod = await person('mod', { role: 'moderator' });
		const { threadId } = await openThread(alice.id);
		const post = (await loadThread(db(), threadId, null, now))!.posts[0];

		expect(
			await suspendUser(db(), mod.id, bob.id, { until: '2025-03-12', note: 'Spam' }, now)
		).toEqual({ ok: true, until: Date.UTC(2025, 2, 13) });
		const suspendedUntil = Date.UTC(2025, 2, 13);
		expect(await createReply(db(), bob.id, threadId, { body: 'Bonjour' }, now)).toMatchObject({
			ok: false,
			error: 'suspended',
			until: suspendedUntil
		});
		expect(
			await createThread(
				db(),
				bob.id,
				{ lessonKey: LESSON, kind: 'question', title: 'T', body: 'B' },
				now
			)
		).toMatchObject({ error: 'suspended' });
		expect(await flagPost(db(), bob.id, post.id, { reason: 'x' }, now)).toMatchObject({
			error: 'suspended'
		});
		const discussion = await loadLessonDiscussion(db(), LESSON, await viewerOf(bob.id), now);
		expect(discussion.posting).toEqual({
			allowed: false,
			block: 'suspended',
			suspendedUntil
		});
		// The last day still counts; the next day, bob writes again.
		expect(
			(await createReply(db(), bob.id, threadId, { body: 'Bonjour' }, suspendedUntil - 1)).ok
		).toBe(false);
		expect(
			(await createReply(db(), bob.id, threadId, { body: 'Bonjour' }, suspendedUntil)).ok
		).toBe(true);
		expect((await listModerationLog(db())).entries[0]).toMatchObject({
			action: 'suspend',
			actorName: 'mod',
			targetName: 'bob',
			detail: '2025-03-12',
			note: 'Spam'
		});
	});

	test('a suspension is the discussions’ own record, not a change to the account', async () => {
		const bob = await person('bob');
		const mod = await person('mod', { role: 'moderator' });
		await suspendUser(db(), mod.id, bob.id, { until: '2025-03-12', note: '' }, now);
		expect(
			await db().selectFrom('forum_suspensions').select(['user_id', 'until']).execute()
		).toEqual([{ user_id: bob.id, until: Date.UTC(2025, 2, 13) }]);
		expect(
			await db()
				.selectFrom('users')
				.select('posting_suspended_until')
				.where('id', '=', bob.id)
				.executeTakeFirst()
		).toEqual({ posting_suspended_until: null });
		await liftSuspension(db(), mod.id, bob.id, { note: '' }, now);
		expect(await db().selectFrom('forum_suspensions').selectAll().execute()).toEqual([]);
	});

	test('a moderator suspends the author of a post from the post itself', async () => {
		const bob = await person('bob');
		const mod = await person('mod', { role: 'moderator' });
		const { threadId } = await openThread(bob.id);
		const [first] = (await loadThread(db(), threadId, null, now))!.posts;
		expect(
			await suspendPostAuthor(db(), mod.id, first.id, { until: '2025-03-12', note: '' }, now)
		).toEqual({ ok: true, until: Date.UTC(2025, 2, 13) });
		expect(await findUserById(db(), bob.id)).toMatchObject({
			postingSuspendedUntil: Date.UTC(2025, 2, 13)
		});
		expect(
			await suspendPostAuthor(db(), mod.id, 9999, { until: '2025-03-12', note: '' }, now)
		).toMatchObject({ ok: false, error: 'not-found' });
	});

	test('who may suspend whom: not learners, not authors; moderators not their peers; nobody themselves', async () => {
		const bob = await person('bob');
		const author = await person('autrice', { role: 'author' });
		const mod = await person('mod', { role: 'moderator' });
		const otherMod = await person('mod2', { role: 'moderator' });
		const admin = await person('root', { role: 'admin' });
		const input = { until: '2025-04-01', note: '' };
		expect(await suspendUser(db(), bob.id, author.id, input, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(await suspendUser(db(), author.id, bob.id, input, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(await suspendUser(db(), mod.id, otherMod.id, input, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(await suspendUser(db(), mod.id, mod.id, input, now)).toMatchObject({
			error: 'forbidden'
		});
		expect((await suspendUser(db(), mod.id, author.id, input, now)).ok).toBe(true);
		expect((await suspendUser(db(), admin.id, otherMod.id, input, now)).ok).toBe(true);
		expect(
			await suspendUser(db(), mod.id, bob.id, { until: '2025-03-01', note: '' }, now)
		).toMatchObject({ error: 'date-invalid', field: 'until' });
		expect(
			await suspendUser(db(), mod.id, bob.id, { until: 'demain', note: '' }, now)
		).toMatchObject({ error: 'date-invalid', field: 'until' });
		expect(await findUserById(db(), bob.id)).toMatchObject({ postingSuspendedUntil: null });

		expect(await liftSuspension(db(), author.id, author.id, { note: '' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(await liftSuspension(db(), mod.id, author.id, { note: 'Erreur' }, now)).toEqual({
			ok: true
		});
		expect(await findUserById(db(), author.id)).toMatchObject({ postingSuspendedUntil: null });
		expect(await liftSuspension(db(), mod.id, author.id, { note: '' }, now)).toMatchObject({
			error: 'not-suspended'
		});
	});

	test('a learner cannot hide a post, and an author cannot suspend anyone', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const author = await person('autrice', { role: 'author' });
		const { threadId } = await openThread(alice.id);
		const post = (await loadThread(db(), threadId, null, now))!.posts[0];
		expect(await setPostHidden(db(), bob.id, post.id, true, { note: '' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(await setPostHidden(db(), author.id, post.id, true, { note: '' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(
			await suspendUser(db(), author.id, alice.id, { until: '2025-04-01', note: '' }, now)
		).toMatchObject({ error: 'forbidden' });
		const forAuthor = await loadThread(db(), threadId, await viewerOf(author.id), now);
		expect(forAuthor?.can).toMatchObject({ setStatus: true, lock: true, moderate: false });
		expect(forAuthor?.posts[0].can).toMatchObject({ hide: false, suspendAuthor: false });
		expect((await listModerationLog(db())).entries).toEqual([]);
	});
});

describe('abuse limits', () => {
	test('an account in its first day opens at most 3 threads an hour', async () => {
		const newcomer = await person('nouveau', { age: HOUR });
		for (let i = 0; i < 3; i++)
			await openThread(newcomer.id, { title: `Sujet ${i}`, body: `Texte ${i}` }, now + i);
		const refused = await createThread(
			db(),
			newcomer.id,
			{ lessonKey: LESSON, kind: 'question', title: 'Sujet 4', body: 'Texte 4' },
			now + 10
		);
		expect(refused).toMatchObject({ ok: false, error: 'throttled', minutes: 60 });
		// A refused thread was not counted: an hour later, it goes through.
		expect(
			(
				await createThread(
					db(),
					newcomer.id,
					{ lessonKey: LESSON, kind: 'question', title: 'Sujet 4', body: 'Texte 4' },
					now + HOUR
				)
			).ok
		).toBe(true);
	});

	test('an account in its first day replies at most 10 times an hour; older accounts more', async () => {
		const newcomer = await person('nouveau', { age: HOUR });
		const regular = await person('habitue');
		const { threadId } = await openThread(regular.id);
		for (let i = 0; i < 10; i++) {
			expect((await createReply(db(), newcomer.id, threadId, { body: `r${i}` }, now + i)).ok).toBe(
				true
			);
			expect((await createReply(db(), regular.id, threadId, { body: `r${i}` }, now + i)).ok).toBe(
				true
			);
		}
		expect(await createReply(db(), newcomer.id, threadId, { body: 'r10' }, now + 20)).toMatchObject(
			{
				error: 'throttled'
			}
		);
		expect((await createReply(db(), regular.id, threadId, { body: 'r10' }, now + 20)).ok).toBe(
			true
		);
	});

	test('fifty replies sent at once by a new account: at most ten are stored', async () => {
		const newcomer = await person('nouveau', { age: HOUR });
		const regular = await person('habitue');
		const { threadId } = await openThread(regular.id);
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				createReply(db(), newcomer.id, threadId, { body: `réponse ${i}` }, now)
			)
		);
		const stored = await db()
			.selectFrom('forum_posts')
			.select('id')
			.where('author_id', '=', newcomer.id)
			.execute();
		expect(stored.length).toBeLessThanOrEqual(FORUM_LIMITS.newAccountReplies.max);
		expect(results.filter((result) => result.ok)).toHaveLength(stored.length);
	});

	test('quotas asked for fifty times at once grant no more than their limit', async () => {
		const newcomer = await person('nouveau', { age: HOUR });
		const regular = await person('habitue');
		const replies = await Promise.all(
			Array.from({ length: 50 }, () => consumePostingQuota(db(), newcomer, 'reply', now))
		);
		expect(replies.filter((refusal) => refusal === null)).toHaveLength(
			FORUM_LIMITS.newAccountReplies.max
		);
		const flags = await Promise.all(
			Array.from({ length: 50 }, () => consumeFlagQuota(db(), regular, now))
		);
		expect(flags.filter((refusal) => refusal === null)).toHaveLength(FORUM_LIMITS.flags.max);
	});

	test('the limits of the first day end after 24 hours', async () => {
		const newcomer = await person('nouveau', { age: 0 });
		const { threadId } = await openThread(newcomer.id);
		const links = 'Voir https://a.example, https://b.example et https://c.example';
		expect(await createReply(db(), newcomer.id, threadId, { body: links }, now)).toMatchObject({
			error: 'too-many-links',
			max: 2,
			field: 'body'
		});
		expect(
			(
				await createReply(
					db(),
					newcomer.id,
					threadId,
					{ body: links },
					now + FORUM_LIMITS.newAccountPeriodMs
				)
			).ok
		).toBe(true);
	});

	test('a new account puts at most 2 links in a post, also when editing', async () => {
		const newcomer = await person('nouveau', { age: HOUR });
		const two = 'Voir [la doc](https://doc.example) et <https://wiki.example>.';
		const three = `${two} Et www.troisieme.example`;
		const { threadId } = await openThread(newcomer.id, { body: two });
		expect(
			await createThread(
				db(),
				newcomer.id,
				{ lessonKey: LESSON, kind: 'question', title: 'Liens', body: three },
				now
			)
		).toMatchObject({ error: 'too-many-links' });
		const post = (await loadThread(db(), threadId, null, now))!.posts[0];
		expect(await editPost(db(), newcomer.id, post.id, { body: three }, now + 1)).toMatchObject({
			error: 'too-many-links'
		});
		// Links to a lesson of this site are not counted.
		expect(
			(
				await editPost(
					db(),
					newcomer.id,
					post.id,
					{ body: `${two} Et [la leçon](/demo/x/y)` },
					now + 2
				)
			).ok
		).toBe(true);
	});

	test('the same text posted twice by the same person within 10 minutes is refused', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const { threadId } = await openThread(alice.id);
		expect((await createReply(db(), bob.id, threadId, { body: 'Merci beaucoup !' }, now)).ok).toBe(
			true
		);
		expect(
			await createReply(db(), bob.id, threadId, { body: '  merci   BEAUCOUP !\n' }, now + 60_000)
		).toMatchObject({ ok: false, error: 'duplicate', field: 'body' });
		expect(
			(await createReply(db(), alice.id, threadId, { body: 'Merci beaucoup !' }, now + 60_000)).ok
		).toBe(true);
		expect(
			(
				await createReply(
					db(),
					bob.id,
					threadId,
					{ body: 'Merci beaucoup !' },
					now + 10 * 60_000 + 1
				)
			).ok
		).toBe(true);
	});
});

describe('account data', () => {
	test('the export lists threads, posts (deleted ones too) and flags, and nothing of others', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const { threadId } = await openThread(alice.id);
		const reply = await createReply(db(), bob.id, threadId, { body: 'Réponse de bob' }, now);
		const own = await createReply(db(), alice.id, threadId, { body: 'Oups' }, now + 1);
		if (!reply.ok || !own.ok) throw new Error('reply refused');
		await deletePost(db(), alice.id, own.postId, now + 2);
		await flagPost(db(), alice.id, reply.postId, { reason: 'Hors sujet' }, now + 3);

		const data = await exportForumData(db(), alice.id);
		expect(data.threads).toEqual([
			{
				url: `/demo/discussions/${threadId}`,
				lesson: LESSON,
				kind: 'suggestion',
				title: 'Ajouter un exemple de charte',
				status: 'open',
				createdAt: new Date(now).toISOString()
			}
		]);
		expect(data.posts.map((post) => [post.text, post.state])).toEqual([
			['Un exemple **concret** aiderait.', 'visible'],
			['Oups', 'deleted']
		]);
		expect(data.flags).toEqual([
			{
				post: `/demo/discussions/${threadId}#post-${reply.postId}`,
				reason: 'Hors sujet',
				createdAt: new Date(now + 3).toISOString(),
				resolution: null
			}
		]);
		expect(JSON.stringify(data)).not.toContain('Réponse de bob');
	});

	test('a deleted account leaves its posts readable, signed as a deleted account; its flags go', async () => {
		const alice = await person('alice');
		const bob = await person('bob');
		const mod = await person('mod', { role: 'moderator' });
		const { threadId } = await openThread(alice.id);
		const reply = await createReply(db(), bob.id, threadId, { body: 'Réponse' }, now);
		if (!reply.ok) throw new Error(reply.error);
		await flagPost(db(), alice.id, reply.postId, { reason: 'Spam' }, now);
		await setThreadStatus(db(), mod.id, threadId, { status: 'accepted', note: '' }, now);

		await deleteUser(db(), alice.id);
		await deleteUser(db(), mod.id);

		const page = await loadThread(db(), threadId, null, now);
		expect(page?.thread).toMatchObject({ authorName: null, statusSetBy: null, status: 'accepted' });
		expect(page?.posts.map((post) => [post.authorName, post.html])).toEqual([
			[null, '<p>Un exemple <strong>concret</strong> aiderait.</p>'],
			['bob', '<p>Réponse</p>']
		]);
		expect((await loadLessonDiscussion(db(), LESSON, null, now)).threads[0].authorName).toBeNull();
		expect(await db().selectFrom('forum_flags').selectAll().execute()).toEqual([]);
		expect((await listModerationLog(db())).entries[0]).toMatchObject({
			action: 'status',
			actorName: null
		});
	});
});

describe('the course feed', () => {
	const course = { slug: 'demo', title: 'Cours & démo', language: 'fr' as const };
	const lessonTitles = new Map([[LESSON, { title: 'Bienvenue' }]]);

	test('lists suggestions and errata, newest first, with usernames and no email', async () => {
		const alice = await person('alice');
		const mod = await person('mod', { role: 'moderator' });
		await openThread(alice.id, { kind: 'question', title: 'Une question', body: 'q' }, now);
		await openThread(alice.id, { title: 'Une <suggestion>', body: 'Un *texte*' }, now + 1);
		const erratum = await openThread(
			alice.id,
			{ kind: 'erratum', title: 'Coquille', body: 'Texte à masquer' },
			now + 2
		);
		const post = (await loadThread(db(), erratum.threadId, null, now))!.posts[0];
		await setPostHidden(db(), mod.id, post.id, true, { note: '' }, now + 3);

		const xml = await buildCourseFeed(db(), {
			origin: 'https://cours.example.org',
			course,
			lessonTitles,
			now: now + 10
		});
		expect(xml).toMatch(
			/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/
		);
		expect(xml).toContain('<title>Cours &amp; démo — suggestions et errata</title>');
		expect(xml).toContain(
			'<link rel="self" type="application/atom+xml" href="https://cours.example.org/demo/discussions/feed.xml"/>'
		);
		const titles = [...xml.matchAll(/<entry>[\s\S]*?<title>([^<]*)<\/title>/g)].map((m) => m[1]);
		expect(titles).toEqual([
			'[Erratum] Coquille',
			'[Suggestion d’amélioration] Une &lt;suggestion&gt;'
		]);
		expect(xml).toContain(
			`<id>https://cours.example.org/demo/discussions/${erratum.threadId}</id>`
		);
		expect(xml).toContain('<author><name>alice</name></author>');
		expect(xml).toContain('&lt;em&gt;texte&lt;/em&gt;');
		expect(xml).toContain('leçon «\u00a0Bienvenue\u00a0»');
		expect(xml).not.toContain('Texte à masquer');
		expect(xml).toContain('message masqué par la modération');
		expect(xml).not.toContain('example.org</name>');
		expect(xml).not.toContain('@example.org');
		expect(xml).toContain(`<updated>${new Date(now + 2).toISOString()}</updated>`);
	});

	test('the feed reads its entries in one query, however many there are', async () => {
		const alice = await person('alice');
		for (let i = 0; i < 5; i++)
			await openThread(alice.id, { title: `Suggestion ${i}`, body: `Texte ${i}` }, now + i);
		let queries = 0;
		const counted = db().withPlugin({
			transformQuery: ({ node }) => (queries++, node),
			transformResult: async ({ result }) => result
		});
		const xml = await buildCourseFeed(counted, {
			origin: 'https://x.example',
			course,
			lessonTitles
		});
		expect(xml.match(/<entry>/g)).toHaveLength(5);
		expect(queries).toBe(1);
	});

	test('an empty feed is still a valid feed', async () => {
		const xml = await buildCourseFeed(db(), {
			origin: 'https://cours.example.org',
			course,
			lessonTitles,
			now
		});
		expect(xml).toContain(`<updated>${new Date(now).toISOString()}</updated>`);
		expect(xml).not.toContain('<entry>');
		expect(xml.trim().endsWith('</feed>')).toBe(true);
	});
});

describe('stored HTML', () => {
	test('a post rendered by an older renderer is rendered again when read, and saved', async () => {
		const alice = await person('alice');
		const { threadId } = await openThread(alice.id, { body: 'Du *texte*' });
		await db()
			.updateTable('forum_posts')
			.set({ body_html: '<p onclick="alert(1)">ancien</p>', render_version: RENDER_VERSION - 1 })
			.execute();
		const page = await loadThread(db(), threadId, null, now);
		expect(page?.posts[0].html).toBe('<p>Du <em>texte</em></p>');
		expect(
			await db().selectFrom('forum_posts').select(['body_html', 'render_version']).execute()
		).toEqual([{ body_html: '<p>Du <em>texte</em></p>', render_version: RENDER_VERSION }]);
	});
});

describe('messages', () => {
	test('a refusal reads in the page language, with the last day of a suspension', () => {
		const until = Date.UTC(2025, 2, 13);
		expect(forumErrorMessage({ ok: false, error: 'suspended', until }, 'fr')).toBe(
			'Votre compte ne peut pas écrire dans les discussions jusqu’au 12 mars 2025 inclus.'
		);
		expect(forumErrorMessage({ ok: false, error: 'suspended', until }, 'en')).toBe(
			'Your account cannot write in discussions until March 12, 2025 included.'
		);
		expect(forumErrorMessage({ ok: false, error: 'throttled', minutes: 12 }, 'fr')).toBe(
			'Vous avez beaucoup écrit ces derniers temps. Réessayez dans 12 minutes.'
		);
		expect(forumErrorMessage({ ok: false, error: 'too-many-links', max: 2 }, 'en')).toContain(
			'at most 2 links'
		);
	});
});
