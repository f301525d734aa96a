// Suggested edits: a reader proposes a new wording for one passage of a lesson, the staff review
// it as a diff, may retouch it, accept it, and take it away as a patch for the course's
// repository. An edit is a suggestion thread (threads.ts) with its row in `suggested_edits`.
import { EDIT_LIMITS, type EditView } from '../../edits.ts';
import type { Language } from '../../content/schema.ts';
import { messagesFor } from '../../i18n/index.ts';
import { isStaff } from '../../roles.ts';
import type { DB } from '../db/index.ts';
import { findActor } from '../forum/permissions.ts';
import { renderPost } from '../forum/markdown.ts';
import { failure, type ForumResult } from '../forum/schema.ts';
import { createThread, markThreadDone } from '../forum/threads.ts';
import { threadUrl } from '../forum/urls.ts';
import { findUserById } from '../user.ts';
import type { Placement } from './patch.ts';
import { insertEdit, writeProposed } from './store.ts';

/**
 * What reads a lesson's Markdown and compares texts (remark and its plugins, diff: about 2 MB of
 * memory once loaded), loaded when an edit is proposed, shown, retouched or exported, or when
 * one is still open at start, not by the pages that only count them.
 */
let textTools:
	Promise<[typeof import('../../content/passages.ts'), typeof import('./patch.ts')]> | undefined;
const tools = () =>
	(textTools ??= Promise.all([import('../../content/passages.ts'), import('./patch.ts')]));

/** Reads a lesson's file as it is now, from its path from the repository root; null if gone. */
export type Source = (file: string) => Promise<string | null> | string | null;

/** The lesson a proposal is about, as the content index and its file have it now. */
export interface EditedLesson {
	key: string;
	title: string;
	file: string;
	source: string;
	contentVersion: string;
}

/** Browsers send CRLF from a text area; the file's lines end with LF. Trailing space goes. */
export const cleanProposed = (value: string) =>
	value
		.replace(/\r\n?/g, '\n')
		.replace(/\u0000/g, '')
		.replace(/^\n+/, '')
		.replace(/\s+$/, '');

async function checkProposed(proposed: string, original: string): Promise<ForumResult> {
	if (proposed.trim() === '') return failure('proposed-required', { field: 'proposed' });
	if ([...proposed].length > EDIT_LIMITS.proposed)
		return failure('proposed-too-long', { field: 'proposed' });
	if (proposed === original) return failure('proposed-unchanged', { field: 'proposed' });
	const [{ checkPassage }] = await tools();
	const problem = checkPassage(proposed, original);
	if (problem) return failure('proposed-invalid', { field: 'proposed', problem });
	return { ok: true };
}

/** The passage at `lines` (`12-14`) of the lesson, or null when the file has no such passage. */
export async function findPassage(lesson: Pick<EditedLesson, 'source'>, lines: string | null) {
	const [{ parseLineRange, passageAt }] = await tools();
	const range = parseLineRange(lines);
	const text = range && passageAt(lesson.source, range);
	return range && text !== null ? { ...range, text } : null;
}

/** The proposed passage as it will read, sanitized as every post is: raw HTML never passes. */
export async function previewEdit(
	lesson: Pick<EditedLesson, 'source'>,
	input: { lines: string; proposed: string }
): Promise<ForumResult<{ html: string }>> {
	const passage = await findPassage(lesson, input.lines);
	if (!passage) return failure('passage-unknown', { field: 'proposed' });
	const proposed = cleanProposed(input.proposed);
	if (proposed.trim() === '') return failure('proposed-required', { field: 'proposed' });
	if ([...proposed].length > EDIT_LIMITS.proposed)
		return failure('proposed-too-long', { field: 'proposed' });
	return { ok: true, html: (await renderPost(proposed)).html };
}

/** Opens a suggestion thread holding the edit, through the same path as every thread. */
export async function proposeEdit(
	db: DB,
	actorId: number,
	lesson: EditedLesson,
	input: { lines: string; proposed: string; body: string; signed: boolean; title: string },
	now = Date.now()
): Promise<ForumResult<{ threadId: number; url: string }>> {
	const passage = await findPassage(lesson, input.lines);
	if (!passage) return failure('passage-unknown', { field: 'proposed' });
	const proposed = cleanProposed(input.proposed);
	const checked = await checkProposed(proposed, passage.text);
	if (!checked.ok) return checked;
	const [, { gitBlobId }] = await tools();
	return createThread(
		db,
		actorId,
		{ lessonKey: lesson.key, kind: 'suggestion', title: input.title, body: input.body },
		now,
		(trx, threadId) =>
			insertEdit(
				trx,
				{
					threadId,
					file: lesson.file,
					contentVersion: lesson.contentVersion,
					fileBlob: gitBlobId(lesson.source),
					from: passage.from,
					to: passage.to,
					original: passage.text,
					proposed,
					signed: input.signed
				},
				now
			)
	);
}

function selectEdits(db: DB) {
	return (
		db
			.selectFrom('suggested_edits as edit')
			.innerJoin('forum_threads as thread', 'thread.id', 'edit.thread_id')
			.leftJoin('users as proposer', 'proposer.id', 'thread.author_id')
			.leftJoin('users as reviser', 'reviser.id', 'edit.revised_by')
			.select([
				'edit.thread_id',
				'edit.file',
				'edit.content_version',
				'edit.from_line',
				'edit.to_line',
				'edit.original',
				'edit.proposed',
				'edit.signed',
				'edit.created_at',
				'thread.course',
				'thread.status',
				'thread.title',
				'proposer.username as proposer_name',
				'reviser.username as reviser_name'
			])
			// The reason is the first post, unless deleted or hidden: the thread's title then stands in.
			.select((eb) =>
				eb
					.selectFrom('forum_posts as first')
					.select('first.body')
					.where(
						'first.id',
						'=',
						eb
							.selectFrom('forum_posts as post')
							.select((inner) => inner.fn.min<number>('post.id').as('id'))
							.whereRef('post.thread_id', '=', 'edit.thread_id')
					)
					.where('first.deleted_at', 'is', null)
					.where('first.hidden_at', 'is', null)
					.as('reason')
			)
	);
}

type EditRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectEdits>['executeTakeFirst']>>>;

const proposalOf = (row: EditRow) => ({
	from: row.from_line,
	to: row.to_line,
	original: row.original,
	proposed: row.proposed
});

/**
 * The edit of a suggestion thread as its page shows it, or null when the thread holds none.
 * `source` is the lesson's file as the site serves it now, null when the lesson is gone.
 */
export async function loadEdit(
	db: DB,
	threadId: number,
	options: {
		source: Source;
		editUrl: string | null;
		viewer: { role: Parameters<typeof isStaff>[0] } | null;
	}
): Promise<EditView | null> {
	const row = await selectEdits(db).where('edit.thread_id', '=', threadId).executeTakeFirst();
	if (!row) return null;
	const source = await options.source(row.file);
	const [, { place, wordDiff }] = await tools();
	const placement =
		source === null ? { state: 'outdated' as const } : place(proposalOf(row), source);
	const staff = !!options.viewer && isStaff(options.viewer.role);
	const exportable = placement.state === 'current' || placement.state === 'rebased';
	return {
		file: row.file,
		from: row.from_line,
		to: row.to_line,
		contentVersion: row.content_version,
		original: row.original,
		proposed: row.proposed,
		diff: wordDiff(row.original, row.proposed),
		state: placement.state,
		forgeUrl: options.editUrl ? options.editUrl.replace('{path}', row.file) : null,
		patchUrl:
			staff && exportable && row.status === 'accepted'
				? `${threadUrl(row.course, row.thread_id)}/patch`
				: null,
		revisedBy: row.reviser_name,
		signed: row.signed === 1
	};
}

/** The staff retouch the proposed text before they accept it; the diff follows. */
export async function reviseEdit(
	db: DB,
	actorId: number,
	threadId: number,
	input: { proposed: string },
	now = Date.now()
): Promise<ForumResult> {
	const actor = await findActor(db, actorId);
	if (!actor) return failure('sign-in-required');
	if (!isStaff(actor.role)) return failure('forbidden');
	const row = await selectEdits(db).where('edit.thread_id', '=', threadId).executeTakeFirst();
	if (!row) return failure('not-found');
	const proposed = cleanProposed(input.proposed);
	const checked = await checkProposed(proposed, row.original);
	if (!checked.ok) return checked;
	await writeProposed(db, threadId, proposed, actor.id, now);
	return { ok: true };
}

export interface EditPatch {
	threadId: number;
	/** `0001-corrige-une-faute.patch`, as git format-patch names its files. */
	name: string;
	mail: string;
}

export interface EditExport {
	patches: EditPatch[];
	/** Edits whose passage is no longer in the lesson: they need a new proposal. */
	outdated: number[];
	/** Edits whose proposed text is already in the lesson. */
	applied: number[];
}

const ANONYMOUS = 'Anonymous';
const NO_REPLY = 'users.noreply.invalid';

/** The commit's author: the proposer's username when they signed, else nobody in particular. */
function authorOf(row: EditRow) {
	if (row.signed === 1 && row.proposer_name)
		return { name: row.proposer_name, email: `${row.proposer_name}@${NO_REPLY}` };
	return { name: ANONYMOUS, email: `anonymous@${NO_REPLY}` };
}

const slugOfSubject = (subject: string) =>
	subject
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 52) || 'edit';

/**
 * Patches of accepted edits, in the order they were proposed, each made against the file as the
 * ones before it leave it: `git am` takes them one after the other. `source` reads a lesson's
 * file as it is now (null when it is gone).
 */
export async function buildPatches(rows: EditRow[], source: Source): Promise<EditExport> {
	const files = new Map<string, string | null>();
	const result: EditExport = { patches: [], outdated: [], applied: [] };
	const [, { formatPatch, place, replaceLines }] = await tools();
	for (const row of rows) {
		if (!files.has(row.file)) files.set(row.file, await source(row.file));
		const before = files.get(row.file) ?? null;
		const placement: Placement =
			before === null ? { state: 'outdated' } : place(proposalOf(row), before);
		if (before === null || !('from' in placement)) {
			result[placement.state === 'applied' ? 'applied' : 'outdated'].push(row.thread_id);
			continue;
		}
		const after = replaceLines(before, placement.from, placement.to, placement.proposed);
		files.set(row.file, after);
		const message = (row.reason ?? '').trim() || row.title;
		const number = String(result.patches.length + 1).padStart(4, '0');
		result.patches.push({
			threadId: row.thread_id,
			name: `${number}-${slugOfSubject(message.split('\n')[0])}.patch`,
			mail: formatPatch({
				file: row.file,
				before,
				after,
				author: authorOf(row),
				date: new Date(row.created_at),
				message
			})
		});
	}
	return result;
}

/** The accepted edit of one thread as a patch, when it still applies. */
export async function exportEdit(
	db: DB,
	actorId: number,
	threadId: number,
	source: Source
): Promise<ForumResult<EditExport>> {
	const actor = await findUserById(db, actorId);
	if (!actor || !isStaff(actor.role)) return failure('forbidden');
	const row = await selectEdits(db)
		.where('edit.thread_id', '=', threadId)
		.where('thread.status', '=', 'accepted')
		.executeTakeFirst();
	if (!row) return failure('not-found');
	const built = await buildPatches([row], source);
	if (built.patches.length === 0) return failure('edit-outdated');
	return { ok: true, ...built };
}

/** Every accepted edit of a course, as patches to apply in order. */
export async function exportCourseEdits(
	db: DB,
	course: string,
	source: Source
): Promise<EditExport> {
	const rows = await selectEdits(db)
		.where('thread.course', '=', course)
		.where('thread.status', '=', 'accepted')
		.orderBy('edit.created_at')
		.orderBy('edit.thread_id')
		.execute();
	return buildPatches(rows, source);
}

/** The patches of an export as one mailbox, which `git am` reads in one go. */
export const asMailbox = (result: EditExport) => result.patches.map((patch) => patch.mail).join('');

/**
 * At start: suggested edits still open or accepted whose proposed text the lessons now hold are
 * marked done, with the content version, and their authors told. Returns the threads closed.
 */
export async function closeMergedEdits(
	db: DB,
	content: { source: Source; version: string; languageOf: (course: string) => Language },
	now = Date.now()
): Promise<number[]> {
	const rows = await selectEdits(db).where('thread.status', 'in', ['open', 'accepted']).execute();
	const closed: number[] = [];
	if (rows.length === 0) return closed;
	const [, { place }] = await tools();
	for (const row of rows) {
		const source = await content.source(row.file);
		if (source === null || place(proposalOf(row), source).state !== 'applied') continue;
		const note = messagesFor(content.languageOf(row.course)).forum.edit.merged(content.version);
		await markThreadDone(db, row.thread_id, note, now);
		closed.push(row.thread_id);
	}
	return closed;
}

/** Per lesson of a course, in the course's order: edits proposed, and of those accepted or done. */
export async function editCountsByLesson(db: DB, course: string, lessonOrder: string[]) {
	const rows = await db
		.selectFrom('suggested_edits as edit')
		.innerJoin('forum_threads as thread', 'thread.id', 'edit.thread_id')
		.where('thread.course', '=', course)
		.select((eb) => [
			'thread.lesson_key',
			eb.fn.countAll<number>().as('proposed'),
			eb.fn
				.sum<number>(
					eb.case().when('thread.status', 'in', ['accepted', 'done']).then(1).else(0).end()
				)
				.as('accepted')
		])
		.groupBy('thread.lesson_key')
		.execute();
	const place = (key: string) => {
		const index = lessonOrder.indexOf(key);
		return index < 0 ? lessonOrder.length : index;
	};
	return rows
		.map((row) => ({
			lessonKey: row.lesson_key,
			proposed: Number(row.proposed),
			accepted: Number(row.accepted)
		}))
		.sort((a, b) => place(a.lessonKey) - place(b.lessonKey));
}
