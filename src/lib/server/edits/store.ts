// The one writer of `suggested_edits`.
import type { DB } from '../db/index.ts';

export interface NewEdit {
	threadId: number;
	file: string;
	contentVersion: string;
	fileBlob: string;
	from: number;
	to: number;
	original: string;
	proposed: string;
	signed: boolean;
}

/** Written in the transaction that opens its thread. */
export async function insertEdit(db: DB, edit: NewEdit, now = Date.now()) {
	await db
		.insertInto('suggested_edits')
		.values({
			thread_id: edit.threadId,
			file: edit.file,
			content_version: edit.contentVersion,
			file_blob: edit.fileBlob,
			from_line: edit.from,
			to_line: edit.to,
			original: edit.original,
			proposed: edit.proposed,
			signed: edit.signed ? 1 : 0,
			revised_by: null,
			revised_at: null,
			created_at: now
		})
		.execute();
}

export async function writeProposed(
	db: DB,
	threadId: number,
	proposed: string,
	by: number,
	now = Date.now()
) {
	await db
		.updateTable('suggested_edits')
		.set({ proposed, revised_by: by, revised_at: now })
		.where('thread_id', '=', threadId)
		.execute();
}

/** Whether any edit is still under review (its thread open or accepted), without loading edits. */
export async function anyEditUnderReview(db: DB): Promise<boolean> {
	const row = await db
		.selectFrom('suggested_edits as edit')
		.innerJoin('forum_threads as thread', 'thread.id', 'edit.thread_id')
		.select('edit.thread_id')
		.where('thread.status', 'in', ['open', 'accepted'])
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
