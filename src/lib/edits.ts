// Suggested edits as their pages receive them: the change to one passage of a lesson, shown as a
// diff, and where it stands against the lesson as it is now. Safe for the browser.

/** One run of words of a diff: kept, removed from the lesson or added by the proposal. */
export interface DiffSegment {
	kind: 'same' | 'del' | 'ins';
	text: string;
}

/**
 * Where the proposal stands against the lesson served now: the passage unchanged (`current`),
 * found elsewhere in the file or with other changes around it (`rebased`), already written
 * there (`applied`), or no longer found (`outdated`).
 */
export type EditState = 'current' | 'rebased' | 'applied' | 'outdated';

export const EDIT_LIMITS = {
	/** Characters of the proposed passage: one passage at a time. */
	proposed: 4_000
};

export interface EditView {
	file: string;
	from: number;
	to: number;
	contentVersion: string;
	original: string;
	proposed: string;
	diff: DiffSegment[];
	state: EditState;
	/** The file on the forge, when the course names one. */
	forgeUrl: string | null;
	/** Where the staff download it as a patch, once accepted. */
	patchUrl: string | null;
	revisedBy: string | null;
	signed: boolean;
}
