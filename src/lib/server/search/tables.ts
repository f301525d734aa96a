/** Table types of search, part of the database's type. */
import type { Generated } from 'kysely';

export type PassageKind = 'lesson' | 'question' | 'suggestion' | 'erratum';

export interface SearchPassageTable {
	id: Generated<number>;
	kind: PassageKind;
	course: string;
	/** `course/sequence/lesson`, the lesson the passage is in or the discussion hangs on. */
	lesson_key: string;
	language: string;
	/** A lesson section's heading id; null for the text before the first heading, and posts. */
	anchor: string | null;
	thread_id: number | null;
	post_id: number | null;
	/** The lesson's or the thread's title. */
	title: string;
	/** The section's heading (lessons). */
	heading: string;
	/** Plain text, as shown in a result. */
	text: string;
}

export interface SearchWordTable {
	/** The word folded (lower case, no accents): what a reader's word is looked up by. */
	word: string;
	term: string;
	/** The word as first written, for « did you mean ». */
	display: string;
	in_lessons: number;
	in_posts: number;
}

export interface SearchStateTable {
	key: string;
	value: string;
}

/** The FTS5 table: terms only (normalize.ts), under the passage's id; matched with raw SQL. */
export interface SearchIndexTable {
	rowid: number;
	title: string;
	heading: string;
	body: string;
}

export interface SearchTables {
	search_index: SearchIndexTable;
	search_passages: SearchPassageTable;
	search_words: SearchWordTable;
	search_state: SearchStateTable;
}
