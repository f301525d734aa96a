/** Table type of suggested edits, part of the database's type. */

export interface SuggestedEditTable {
	/** The suggestion thread the edit is discussed in: one edit per thread. */
	thread_id: number;
	/** Path of the lesson's Markdown file from the repository's root. */
	file: string;
	/** The content version (`ContentIndex.version`) the reader saw. */
	content_version: string;
	/** git's blob id of the file as it was then: the version a patch applies to. */
	file_blob: string;
	from_line: number;
	to_line: number;
	/** The lines `from_line`–`to_line` as the file had them. */
	original: string;
	proposed: string;
	/** 1: the patch names its proposer (their username); 0: it says « anonymous ». */
	signed: number;
	/** The author or moderator who last changed the proposed text, and when. */
	revised_by: number | null;
	revised_at: number | null;
	created_at: number;
}

export interface EditTables {
	suggested_edits: SuggestedEditTable;
}
