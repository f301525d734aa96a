import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';
import {
	closeMergedEdits,
	editCountsByLesson,
	exportCourseEdits,
	exportEdit,
	loadEdit,
	proposeEdit,
	reviseEdit,
	type EditedLesson
} from '../../src/lib/server/edits/index.ts';
import { buildCourseFeed } from '../../src/lib/server/forum/feed.ts';
import { forumErrorMessage } from '../../src/lib/server/forum/forms.ts';
import { loadThread } from '../../src/lib/server/forum/thread-page.ts';
import { setThreadStatus } from '../../src/lib/server/forum/threads.ts';
import { createUser, markEmailVerified } from '../../src/lib/server/user.ts';

const DAY = 24 * 60 * 60_000;
const FILE = 'courses/demo/01-premiers-pas/01-bienvenue.md';
const SOURCE = `---
title: Bienvenue
---

Une premiere phrase.

Un paragraphe du milieu, qui parle d’autre chose et reste tel quel.

La fin de la leçon, avec une faute a corriger un jour.
`;
const lesson = (source = SOURCE): EditedLesson => ({
	key: 'demo/premiers-pas/bienvenue',
	title: 'Bienvenue',
	file: FILE,
	source,
	contentVersion: 'v1'
});

let connection: TestDatabase;
const now = Date.UTC(2026, 11, 3, 8);
beforeEach(async () => {
	connection = await testDatabase();
});
afterEach(() => connection.close());
const db = () => connection.db;

async function person(username: string, role: Role = 'learner') {
	const user = await createUser(db(), {
		username,
		email: `${username}@example.org`,
		passwordHash: 'x',
		role,
		now: now - 2 * DAY
	});
	await markEmailVerified(db(), user.id, user.email, now - 2 * DAY);
	return user;
}

const proposal = (lines: string, proposed: string, body = 'Corrige une faute') => ({
	lines,
	proposed,
	body,
	signed: true,
	title: `Modification proposée : Bienvenue, ligne ${lines}`
});

describe('proposing an edit', () => {
	test('opens a suggestion thread holding the file, version, lines, original and proposed text', async () => {
		const reader = await person('lea');
		const result = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			proposal('5', 'Une première phrase.\r\n'),
			now
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const row = await db().selectFrom('suggested_edits').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			thread_id: result.threadId,
			file: FILE,
			content_version: 'v1',
			from_line: 5,
			to_line: 5,
			original: 'Une premiere phrase.',
			proposed: 'Une première phrase.',
			signed: 1
		});
		const page = await loadThread(db(), result.threadId, null);
		expect(page?.thread.kind).toBe('suggestion');
		const edit = await loadEdit(db(), result.threadId, {
			source: () => SOURCE,
			editUrl: 'https://forge.example.org/-/blob/main/{path}',
			viewer: null
		});
		expect(edit).toMatchObject({
			state: 'current',
			forgeUrl: `https://forge.example.org/-/blob/main/${FILE}`,
			patchUrl: null
		});
		expect(edit?.diff).toEqual([
			{ kind: 'same', text: 'Une ' },
			{ kind: 'del', text: 'premiere' },
			{ kind: 'ins', text: 'première' },
			{ kind: 'same', text: ' phrase.' }
		]);
	});

	test('refuses an empty, unchanged or too long text, a range that is no passage, and a reader without an account', async () => {
		const reader = await person('lea');
		const refusal = async (input: ReturnType<typeof proposal>, actor = reader.id) => {
			const result = await proposeEdit(db(), actor, lesson(), input, now);
			return result.ok ? null : { error: result.error, message: forumErrorMessage(result, 'fr') };
		};
		expect(await refusal(proposal('5', '  \n'))).toMatchObject({ error: 'proposed-required' });
		expect(await refusal(proposal('5', 'Une premiere phrase.\n'))).toMatchObject({
			error: 'proposed-unchanged'
		});
		expect(await refusal(proposal('5', 'x'.repeat(4_001)))).toMatchObject({
			error: 'proposed-too-long'
		});
		expect(await refusal(proposal('5', 'Une <script>alert(1)</script> phrase.'))).toMatchObject({
			error: 'proposed-invalid',
			message:
				'Ligne 1 du texte proposé\u00a0: la balise <script> n’est pas permise. Une leçon ne contient pas de HTML\u00a0: écrivez en Markdown (**gras**, *italique*, [lien](adresse)).'
		});
		expect(
			await refusal(proposal('5', '<Callout kind="retenir">Une **première** phrase.</Callout>'))
		).toMatchObject({
			error: 'proposed-invalid',
			message:
				'Ligne 1 du texte proposé\u00a0: le contenu du composant <Callout> touche ses balises, et s’afficherait tel que tapé. Mettez <Callout …> et </Callout> chacune sur sa ligne, avec une ligne vide après la première et avant la seconde.'
		});
		expect(await refusal(proposal('4-5', 'Autre chose'))).toMatchObject({
			error: 'passage-unknown'
		});
		expect(await refusal(proposal('70', 'Autre chose'))).toMatchObject({
			error: 'passage-unknown'
		});
		expect(await refusal(proposal('5', 'Autre chose', ''))).toMatchObject({
			error: 'body-required'
		});
		expect(await refusal(proposal('5', 'Autre chose'), 999)).toMatchObject({
			error: 'sign-in-required'
		});
		expect(await db().selectFrom('suggested_edits').selectAll().execute()).toEqual([]);
		expect(await db().selectFrom('forum_threads').selectAll().execute()).toEqual([]);
	});
});

describe('reviewing and exporting edits', () => {
	async function acceptedEdit(lines: string, proposed: string, body?: string) {
		const reader = await person(`lecteur-${lines}`);
		const author =
			(await db()
				.selectFrom('users')
				.select('id')
				.where('username', '=', 'autrice')
				.executeTakeFirst()) ?? (await person('autrice', 'author'));
		const result = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			proposal(lines, proposed, body),
			now
		);
		if (!result.ok) throw new Error(result.error);
		expect(
			(
				await setThreadStatus(
					db(),
					author.id,
					result.threadId,
					{ status: 'accepted', note: '' },
					now
				)
			).ok
		).toBe(true);
		return { threadId: result.threadId, authorId: author.id, readerId: reader.id };
	}

	test('only the staff retouch the proposed text, and the patch carries the retouched text', async () => {
		const { threadId, authorId, readerId } = await acceptedEdit('5', 'Une première phrase.');
		expect(await reviseEdit(db(), readerId, threadId, { proposed: 'Autre' }, now)).toMatchObject({
			error: 'forbidden'
		});
		expect(
			await reviseEdit(db(), authorId, threadId, { proposed: 'Une premiere phrase.' }, now)
		).toMatchObject({ error: 'proposed-unchanged' });
		expect(
			(await reviseEdit(db(), authorId, threadId, { proposed: 'Une toute première phrase.' }, now))
				.ok
		).toBe(true);
		expect(await exportEdit(db(), readerId, threadId, () => SOURCE)).toMatchObject({
			error: 'forbidden'
		});
		const exported = await exportEdit(db(), authorId, threadId, () => SOURCE);
		if (!exported.ok) throw new Error(exported.error);
		expect(exported.patches[0].mail).toContain('+Une toute première phrase.');
		expect(exported.patches[0].mail).toContain('From: lecteur-5 <lecteur-5@users.noreply.invalid>');
		const edit = await loadEdit(db(), threadId, {
			source: () => SOURCE,
			editUrl: null,
			viewer: { role: 'author' }
		});
		expect(edit).toMatchObject({
			revisedBy: 'autrice',
			patchUrl: `/demo/discussions/${threadId}/patch`
		});
	});

	test('a lesson changed since: carried over when the passage is still found, outdated when it is not', async () => {
		const first = await acceptedEdit('5', 'Une première phrase.');
		const last = await acceptedEdit('9', 'La fin de la leçon, avec une faute à corriger un jour.');
		// The author rewrote the first sentence, and added a line above the last paragraph.
		const changed = SOURCE.replace('Une premiere phrase.', 'Tout autre début.').replace(
			'La fin de la leçon, avec une faute a corriger un jour.',
			'Une ligne ajoutée.\n\nLa fin de la leçon, avec une faute a corriger un jour prochain.'
		);
		const result = await exportCourseEdits(db(), 'demo', () => changed);
		expect(result.outdated).toEqual([first.threadId]);
		expect(result.patches.map((patch) => patch.threadId)).toEqual([last.threadId]);
		expect(result.patches[0].mail).toContain(
			'+La fin de la leçon, avec une faute à corriger un jour prochain.'
		);
		const view = (threadId: number) =>
			loadEdit(db(), threadId, {
				source: () => changed,
				editUrl: null,
				viewer: { role: 'author' }
			});
		expect(await view(first.threadId)).toMatchObject({ state: 'outdated', patchUrl: null });
		expect(await view(last.threadId)).toMatchObject({ state: 'rebased' });
		expect(await exportEdit(db(), first.authorId, first.threadId, () => changed)).toMatchObject({
			error: 'edit-outdated'
		});
	});

	test('an anonymous edit is signed « Anonymous », and a gone lesson makes every edit outdated', async () => {
		const reader = await person('discret');
		const author = await person('autrice', 'author');
		const result = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			{ ...proposal('5', 'Une première phrase.'), signed: false },
			now
		);
		if (!result.ok) throw new Error(result.error);
		await setThreadStatus(db(), author.id, result.threadId, { status: 'accepted', note: '' }, now);
		const exported = await exportCourseEdits(db(), 'demo', () => SOURCE);
		expect(exported.patches[0].mail).toContain('From: Anonymous <anonymous@users.noreply.invalid>');
		expect(exported.patches[0].mail).not.toContain('discret');
		expect(await exportCourseEdits(db(), 'demo', () => null)).toMatchObject({
			patches: [],
			outdated: [result.threadId]
		});
	});
});

describe('once merged, closed', () => {
	test('a new build holding the proposed text marks the edit done with its version, and tells its author', async () => {
		const reader = await person('lea');
		const author = await person('autrice', 'author');
		const proposed = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			proposal('5', 'Une première phrase.'),
			now
		);
		const declined = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			proposal('9', 'La fin.', 'Raccourcit la fin'),
			now
		);
		if (!proposed.ok || !declined.ok) throw new Error('not proposed');
		await setThreadStatus(
			db(),
			author.id,
			proposed.threadId,
			{ status: 'accepted', note: '' },
			now
		);
		await setThreadStatus(
			db(),
			author.id,
			declined.threadId,
			{ status: 'declined', note: '' },
			now
		);
		const content = {
			version: 'abc123',
			languageOf: () => 'fr' as const
		};
		expect(await closeMergedEdits(db(), { ...content, source: () => SOURCE }, now)).toEqual([]);
		const merged = SOURCE.replace('Une premiere phrase.', 'Une première phrase.').replace(
			'La fin de la leçon, avec une faute a corriger un jour.',
			'La fin.'
		);
		expect(await closeMergedEdits(db(), { ...content, source: () => merged }, now)).toEqual([
			proposed.threadId
		]);
		const thread = await db()
			.selectFrom('forum_threads')
			.select(['status', 'status_note'])
			.where('id', '=', proposed.threadId)
			.executeTakeFirstOrThrow();
		expect(thread).toEqual({
			status: 'done',
			status_note: 'Intégrée au cours, dans la version abc123 du contenu.'
		});
		const told = await db()
			.selectFrom('notifications')
			.select(['kind', 'detail'])
			.where('user_id', '=', reader.id)
			.where('thread_id', '=', proposed.threadId)
			.execute();
		expect(told).toContainEqual({ kind: 'status', detail: 'done' });
		// Done once: the next start finds nothing more to close.
		expect(await closeMergedEdits(db(), { ...content, source: () => merged }, now)).toEqual([]);
	});
});

describe('the feed of suggestions', () => {
	test('carries an edit with its file and its diff', async () => {
		const reader = await person('lea');
		const result = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			proposal('5', 'Une première phrase.'),
			now
		);
		if (!result.ok) throw new Error(result.error);
		const xml = await buildCourseFeed(db(), {
			origin: 'https://cours.example.org',
			course: { slug: 'demo', title: 'Démo', language: 'fr' },
			lessonTitles: new Map(),
			now
		});
		expect(xml).toContain(`&lt;code&gt;${FILE}&lt;/code&gt;`);
		expect(xml).toMatch(/&lt;del title=&quot;[^&]+&quot;&gt;premiere&lt;\/del&gt;/);
		expect(xml).toMatch(/&lt;ins title=&quot;[^&]+&quot;&gt;première&lt;\/ins&gt;/);
	});
});

describe('the statistics of edits', () => {
	test('count, per lesson in the course’s order, the edits proposed and those accepted', async () => {
		const reader = await person('lea');
		const author = await person('autrice', 'author');
		const first = await proposeEdit(
			db(),
			reader.id,
			lesson(),
			proposal('5', 'Une première phrase.'),
			now
		);
		await proposeEdit(db(), reader.id, lesson(), proposal('9', 'La fin.', 'Raccourcit'), now);
		if (!first.ok) throw new Error(first.error);
		await setThreadStatus(db(), author.id, first.threadId, { status: 'accepted', note: '' }, now);
		expect(
			await editCountsByLesson(db(), 'demo', [
				'demo/premiers-pas/avant',
				'demo/premiers-pas/bienvenue'
			])
		).toEqual([{ lessonKey: 'demo/premiers-pas/bienvenue', proposed: 2, accepted: 1 }]);
		expect(await editCountsByLesson(db(), 'autre', [])).toEqual([]);
	});
});
