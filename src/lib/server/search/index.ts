// Search over lesson sections and discussion posts: SQLite FTS5, ranked by bm25 with titles and
// headings weighed above the text. Lessons are indexed again whenever the content changes (once
// the server listens after a start, see ready.ts and lessons.ts); a post is indexed by the forum
// in the transaction that writes it, and leaves the index in the one that hides or deletes it.
import { sql, type RawBuilder } from 'kysely';
import { distance } from 'fastest-levenshtein';
import { dialectOf } from '../db/dialect.ts';
import type { DB } from '../db/index.ts';
import { openingPostId } from '../forum/thread-store.ts';
import { postUrl } from '../forum/urls.ts';
import { excerpt } from './excerpt.ts';
import type { Section } from './html.ts';
import {
	candidateTerms,
	fold,
	indexText,
	termOf,
	type Indexed,
	type SearchLanguage
} from './normalize.ts';
import {
	highlighter,
	isEmpty,
	matchExpression,
	parseQuery,
	termsOfWord,
	tsqueryExpression,
	type ParsedQuery,
	type WordTerms
} from './query.ts';
import { LESSONS_VERSION_KEY, lessonsVersionOf, postsOutOfStep } from './state.ts';
import type { PassageKind } from './tables.ts';

export { parseQuery, isEmpty } from './query.ts';

/** Title, heading, text: a word in a title says more about a passage than one in its text. */
const WEIGHTS = sql.raw('10.0, 4.0, 1.0');
export const RESULTS_PER_PAGE = 10;

export type KindFilter = 'lessons' | 'questions' | 'suggestions';
const KINDS: Record<KindFilter, PassageKind[]> = {
	lessons: ['lesson'],
	questions: ['question'],
	// An erratum is a suggestion to correct a mistake.
	suggestions: ['suggestion', 'erratum']
};

const asLanguage = (value: string | null | undefined): SearchLanguage =>
	value === 'en' ? 'en' : 'fr';

// ——— Writing ———

/** Rows per statement: a post adds its distinct words in one or two. */
const WORDS_PER_INSERT = 400;

async function addWords(
	db: DB,
	vocabulary: Indexed['vocabulary'],
	column: 'in_lessons' | 'in_posts'
) {
	const rows = [...vocabulary].map(([word, { term, display, count }]) => ({
		word,
		term,
		display,
		in_lessons: column === 'in_lessons' ? count : 0,
		in_posts: column === 'in_posts' ? count : 0
	}));
	for (let i = 0; i < rows.length; i += WORDS_PER_INSERT) {
		await db
			.insertInto('search_words')
			.values(rows.slice(i, i + WORDS_PER_INSERT))
			.onConflict((conflict) =>
				conflict.columns(['word', 'term']).doUpdateSet({
					[column]: sql<number>`search_words.${sql.ref(column)} + excluded.${sql.ref(column)}`
				})
			)
			.execute();
	}
}

interface Passage {
	kind: PassageKind;
	course: string;
	lessonKey: string;
	language: SearchLanguage;
	anchor: string | null;
	threadId: number | null;
	postId: number | null;
	title: string;
	heading: string;
	text: string;
	/** What the title column holds: a reply does not repeat its thread's title. */
	indexedTitle: string;
}

const passageRow = (passage: Passage) => ({
	kind: passage.kind,
	course: passage.course,
	lesson_key: passage.lessonKey,
	language: passage.language,
	anchor: passage.anchor,
	thread_id: passage.threadId,
	post_id: passage.postId,
	title: passage.title,
	heading: passage.heading,
	text: passage.text
});

/** The passage's terms for search_index, its words counted in `vocabulary`. */
function passageTerms(passage: Passage, vocabulary: Indexed['vocabulary']) {
	return {
		title: indexText(passage.indexedTitle, passage.language, vocabulary).terms,
		heading: indexText(passage.heading, passage.language, vocabulary).terms,
		body: indexText(passage.text, passage.language, vocabulary).terms
	};
}

async function insertPassage(db: DB, passage: Passage, vocabulary: Indexed['vocabulary']) {
	const { id } = await db
		.insertInto('search_passages')
		.values(passageRow(passage))
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('search_index')
		.values({ rowid: id, ...passageTerms(passage, vocabulary) })
		.execute();
}

async function removePassages(db: DB, where: 'lessons' | { postId: number }) {
	const query = db.selectFrom('search_passages').select('id');
	const rows = await (
		where === 'lessons'
			? query.where('kind', '=', 'lesson')
			: query.where('post_id', '=', where.postId)
	).execute();
	if (rows.length === 0) return;
	const ids = rows.map((row) => row.id);
	await db.deleteFrom('search_index').where('rowid', 'in', ids).execute();
	await db.deleteFrom('search_passages').where('id', 'in', ids).execute();
}

/** Posts with what their passage holds, in a query of their own. */
function postsWithThreads(db: DB) {
	return db
		.selectFrom('forum_posts as post')
		.innerJoin('forum_threads as thread', 'thread.id', 'post.thread_id')
		.select([
			'post.id',
			'post.body_html',
			'post.hidden_at',
			'post.deleted_at',
			'thread.id as thread_id',
			'thread.kind',
			'thread.title',
			'thread.course',
			'thread.lesson_key',
			openingPostId.as('first_id')
		]);
}

/** What a post's passage holds; `first_id` is its thread's opening post. */
interface PostText {
	id: number;
	body_html: string;
	thread_id: number;
	kind: PassageKind;
	title: string;
	course: string;
	lesson_key: string;
	first_id: number;
}

/**
 * The HTML parser that reads the text out of a post or a lesson (hast-util-from-html and parse5,
 * about 2 MB of memory once loaded), loaded when something is indexed: a post written, or the
 * lessons of a new content version once the server listens (ready.ts). A server restarted on an
 * index that is up to date parses no HTML until then.
 */
export const htmlReader = () => import('./html.ts');

const postPassage = (
	post: PostText,
	language: SearchLanguage,
	plainText: (html: string) => string
): Passage => ({
	kind: post.kind,
	course: post.course,
	lessonKey: post.lesson_key,
	language,
	anchor: null,
	threadId: post.thread_id,
	postId: post.id,
	title: post.title,
	heading: '',
	text: plainText(post.body_html),
	indexedTitle: post.first_id === post.id ? post.title : ''
});

/**
 * Brings one post's entry up to date with the post: (re)indexed while anyone may read it, gone
 * once hidden or deleted. Called by the forum wherever a post is written, edited, hidden, shown
 * again or deleted, with the transaction doing it.
 */
export async function syncPost(db: DB, postId: number) {
	await removePassages(db, { postId });
	const post = await postsWithThreads(db).where('post.id', '=', postId).executeTakeFirst();
	if (!post || post.hidden_at !== null || post.deleted_at !== null) return;
	// A thread's title is kept with its replies for display; it changes with its first post.
	if (post.first_id === post.id) {
		await db
			.updateTable('search_passages')
			.set({ title: post.title })
			.where('thread_id', '=', post.thread_id)
			.execute();
	}
	const language = asLanguage(await courseLanguage(db, post.course));
	const vocabulary: Indexed['vocabulary'] = new Map();
	const { plainText } = await htmlReader();
	await insertPassage(db, postPassage(post, language, plainText), vocabulary);
	await addWords(db, vocabulary, 'in_posts');
}

/** Posts indexed at a time by indexAllPosts: their passages go in two statements. */
const POSTS_PER_BATCH = 1000;

/**
 * Every post anyone may read, indexed with the caller's transaction, for a database whose forum
 * tables were copied in while its index holds no post (db/transfer.ts). As replaceLessons does,
 * the words are counted over all of them and written once: PostgreSQL keeps every version of a
 * row one transaction updates, so counting them post by post, as syncPost does, would slow down
 * with each post. The lessons are indexed later, when the server starts: `languages`
 * (lessonLanguages of the database the posts come from) tells each course's language meanwhile,
 * French for one it lacks. Returns how many posts were indexed.
 */
export async function indexAllPosts(trx: DB, languages: ReadonlyMap<string, SearchLanguage>) {
	// One vocabulary per language, as syncPost's would be: a word has a term in each.
	const vocabularies = new Map<SearchLanguage, Indexed['vocabulary']>();
	const vocabularyOf = (language: SearchLanguage) => {
		if (!vocabularies.has(language)) vocabularies.set(language, new Map());
		return vocabularies.get(language)!;
	};
	const { plainText } = await htmlReader();
	let indexed = 0;
	let after = 0;
	while (true) {
		const posts = await postsWithThreads(trx)
			.where('post.id', '>', after)
			.where('post.hidden_at', 'is', null)
			.where('post.deleted_at', 'is', null)
			.orderBy('post.id')
			.limit(POSTS_PER_BATCH)
			.execute();
		if (posts.length === 0) break;
		const passages = posts.map((post) =>
			postPassage(post, languages.get(post.course) ?? 'fr', plainText)
		);
		// Matched by post, not by position: neither database promises RETURNING's order.
		const rows = await trx
			.insertInto('search_passages')
			.values(passages.map(passageRow))
			.returning(['id', 'post_id'])
			.execute();
		const idOf = new Map(rows.map((row) => [row.post_id, row.id]));
		await trx
			.insertInto('search_index')
			.values(
				passages.map((passage) => ({
					rowid: idOf.get(passage.postId)!,
					...passageTerms(passage, vocabularyOf(passage.language))
				}))
			)
			.execute();
		indexed += posts.length;
		after = posts[posts.length - 1].id;
	}
	for (const vocabulary of vocabularies.values()) await addWords(trx, vocabulary, 'in_posts');
	return indexed;
}

/** Each course's language, as its lessons were indexed; for indexAllPosts in another database. */
export async function lessonLanguages(db: DB): Promise<Map<string, SearchLanguage>> {
	const rows = await db
		.selectFrom('search_passages')
		.select(['course', 'language'])
		.where('kind', '=', 'lesson')
		.groupBy(['course', 'language'])
		.execute();
	return new Map(rows.map((row) => [row.course, asLanguage(row.language)]));
}

/** Every post of a thread, as syncPost does for one: for a thread just opened. */
export async function syncThread(db: DB, threadId: number) {
	const posts = await db
		.selectFrom('forum_posts')
		.select('id')
		.where('thread_id', '=', threadId)
		.orderBy('id')
		.execute();
	for (const { id } of posts) await syncPost(db, id);
}

/** The course's language, as its lessons were indexed with it; French until they are. */
async function courseLanguage(db: DB, course: string) {
	const row = await db
		.selectFrom('search_passages')
		.select('language')
		.where('kind', '=', 'lesson')
		.where('course', '=', course)
		.limit(1)
		.executeTakeFirst();
	return row?.language;
}

/**
 * Brings every post out of step with the index (state.ts) in step: the visible ones it is missing
 * added, the hidden or deleted ones removed, the ones read in the wrong language indexed again.
 * Returns how many posts were added.
 */
export async function indexMissingPosts(db: DB) {
	const { missing, stale } = await postsOutOfStep(db);
	if (missing.length + stale.length === 0) return 0;
	await db.transaction().execute(async (trx) => {
		for (const id of [...missing, ...stale]) await syncPost(trx, id);
	});
	return missing.length;
}

export interface LessonText {
	course: string;
	lessonKey: string;
	language: SearchLanguage;
	title: string;
	sections: Section[];
}

/**
 * Replaces every lesson passage at once, so a search never sees half of the new content. The
 * terms are worked out before the transaction, lesson by lesson with `pause()` between them (the
 * server gives it a turn of its event loop, so that requests are answered meanwhile): the
 * transaction then only writes, and holds the database for as little time as it can.
 */
export async function replaceLessons(
	db: DB,
	contentVersion: string,
	lessons: LessonText[],
	pause: () => Promise<void> = async () => {}
) {
	const vocabulary: Indexed['vocabulary'] = new Map();
	const passages: { row: ReturnType<typeof passageRow>; terms: ReturnType<typeof passageTerms> }[] =
		[];
	for (const lesson of lessons) {
		for (const section of lesson.sections) {
			const passage: Passage = {
				kind: 'lesson',
				course: lesson.course,
				lessonKey: lesson.lessonKey,
				language: lesson.language,
				anchor: section.anchor,
				threadId: null,
				postId: null,
				title: lesson.title,
				heading: section.heading,
				text: section.text,
				indexedTitle: lesson.title
			};
			passages.push({ row: passageRow(passage), terms: passageTerms(passage, vocabulary) });
		}
		await pause();
	}
	await db.transaction().execute(async (trx) => {
		await removePassages(trx, 'lessons');
		await trx.updateTable('search_words').set({ in_lessons: 0 }).execute();
		await trx.deleteFrom('search_words').where('in_posts', '=', 0).execute();
		for (const { row, terms } of passages) {
			const { id } = await trx
				.insertInto('search_passages')
				.values(row)
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('search_index')
				.values({ rowid: id, ...terms })
				.execute();
		}
		await addWords(trx, vocabulary, 'in_lessons');
		await trx
			.insertInto('search_state')
			.values({ key: LESSONS_VERSION_KEY, value: lessonsVersionOf(contentVersion) })
			.onConflict((conflict) =>
				conflict.column('key').doUpdateSet({ value: lessonsVersionOf(contentVersion) })
			)
			.execute();
	});
}

// ——— Searching ———

export interface SearchRequest {
	query: string;
	course?: string | null;
	kind?: KindFilter | null;
	/** 1-based. */
	page?: number;
}

export interface SearchHit {
	kind: PassageKind;
	course: string;
	/** The language of the passage's text. */
	language: SearchLanguage;
	lessonKey: string;
	title: string;
	heading: string;
	/** Where the passage is: a lesson's section (`#heading-id`) or a post's permalink. */
	url: string;
	/** The id of the section's heading, for lessons (null for a lesson's opening text). */
	anchor: string | null;
	/** HTML: escaped text with the words looked for in <mark>. */
	excerpt: string;
}

export interface SearchResults {
	hits: SearchHit[];
	lessonCount: number;
	discussionCount: number;
	total: number;
	page: number;
	pageCount: number;
	/** A query that finds something, when this one found nothing and a word looks mistyped. */
	suggestion: string | null;
	truncated: boolean;
}

async function termsOf(db: DB, query: ParsedQuery): Promise<WordTerms[]> {
	const terms: WordTerms[] = [];
	for (const word of query.words) {
		const known = await db
			.selectFrom('search_words')
			.select('term')
			.where('word', '=', fold(word.text))
			.execute();
		terms.push(
			termsOfWord(
				word,
				known.map((row) => row.term),
				candidateTerms(word.text)
			)
		);
	}
	return terms;
}

/** A phrase's words as indexed: through the vocabulary, as typed when the index never saw them. */
async function phraseTerms(db: DB, phrase: string[]) {
	const terms: string[] = [];
	for (const word of phrase) {
		const known = await db
			.selectFrom('search_words')
			.select('term')
			.where('word', '=', fold(word))
			.orderBy('in_lessons', 'desc')
			.orderBy('in_posts', 'desc')
			.limit(1)
			.executeTakeFirst();
		terms.push(known?.term ?? termOf(word, 'fr'));
	}
	return terms;
}

/**
 * The query in each database's own terms: FTS5's MATCH and bm25 (lower is better) in SQLite, a
 * `tsquery` and `ts_rank` (higher is better) in PostgreSQL; titles weigh most, then headings.
 */
interface Match {
	where: RawBuilder<boolean>;
	rank: RawBuilder<number>;
}

function matchFor(db: DB, words: WordTerms[], phrases: string[][]): Match {
	if (dialectOf(db) === 'postgres') {
		const query = sql`to_tsquery('simple', ${tsqueryExpression(words, phrases)})`;
		return {
			where: sql<boolean>`search_index.document @@ ${query}`,
			rank: sql<number>`-ts_rank(search_index.document, ${query})`
		};
	}
	return {
		where: sql<boolean>`search_index MATCH ${matchExpression(words, phrases)}`,
		rank: sql<number>`bm25(search_index, ${WEIGHTS})`
	};
}

function matching(db: DB, match: Match, request: SearchRequest) {
	let query = db
		.selectFrom('search_index')
		.innerJoin('search_passages as passage', 'passage.id', 'search_index.rowid')
		.leftJoin('forum_posts as post', 'post.id', 'passage.post_id')
		.where(match.where)
		// Belt and braces: a post hidden by a write that did not reach the index stays hidden.
		.where((eb) =>
			eb.or([
				eb('passage.post_id', 'is', null),
				eb.and([eb('post.hidden_at', 'is', null), eb('post.deleted_at', 'is', null)])
			])
		);
	if (request.course) query = query.where('passage.course', '=', request.course);
	if (request.kind) query = query.where('passage.kind', 'in', KINDS[request.kind]);
	return query;
}

async function run(db: DB, query: ParsedQuery, request: SearchRequest) {
	const words = await termsOf(db, query);
	const phrases = await Promise.all(query.phrases.map((phrase) => phraseTerms(db, phrase)));
	const match = matchFor(db, words, phrases);
	const counts = await matching(db, match, request)
		.select((eb) => [
			sql<number>`passage.kind = 'lesson'`.as('lesson'),
			eb.fn.countAll<number>().as('n')
		])
		.groupBy(sql`passage.kind = 'lesson'`)
		.execute();
	const lessonCount = Number(counts.find((row) => row.lesson)?.n ?? 0);
	const discussionCount = Number(counts.find((row) => !row.lesson)?.n ?? 0);
	const total = lessonCount + discussionCount;
	const pageCount = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
	const page = Math.min(Math.max(1, request.page ?? 1), pageCount);
	const rows =
		total === 0
			? []
			: await matching(db, match, request)
					.select([
						'passage.kind',
						'passage.course',
						'passage.lesson_key',
						'passage.language',
						'passage.anchor',
						'passage.thread_id',
						'passage.post_id',
						'passage.title',
						'passage.heading',
						'passage.text'
					])
					.orderBy(sql`passage.kind <> 'lesson'`)
					.orderBy(match.rank)
					.orderBy('passage.id')
					.limit(RESULTS_PER_PAGE)
					.offset((page - 1) * RESULTS_PER_PAGE)
					.execute();
	const isMatch = highlighter(words, phrases);
	const hits = rows.map((row): SearchHit => {
		const language = asLanguage(row.language);
		return {
			kind: row.kind,
			course: row.course,
			language,
			lessonKey: row.lesson_key,
			title: row.title,
			heading: row.heading,
			anchor: row.anchor,
			url:
				row.post_id !== null && row.thread_id !== null
					? postUrl(row.course, row.thread_id, row.post_id)
					: `/${row.lesson_key}${row.anchor ? `#${row.anchor}` : ''}`,
			excerpt: excerpt(row.text, language, isMatch)
		};
	});
	return { hits, lessonCount, discussionCount, total, page, pageCount };
}

export async function search(db: DB, request: SearchRequest): Promise<SearchResults> {
	const query = parseQuery(request.query);
	const none = { hits: [], lessonCount: 0, discussionCount: 0, total: 0, page: 1, pageCount: 1 };
	if (isEmpty(query)) return { ...none, suggestion: null, truncated: query.truncated };
	const results = await run(db, query, request);
	const suggestion =
		results.total === 0
			? await suggest(
					db,
					request,
					query.words.map((word) => word.text)
				)
			: null;
	return { ...results, suggestion, truncated: query.truncated };
}

/** Edits allowed between a typed word and a suggested one: one for short words, two otherwise. */
const allowedEdits = (word: string) => (word.length <= 4 ? 1 : 2);

/**
 * « Did you mean »: each word the index has never seen replaced by the closest indexed word (the
 * most used one among equals), offered only when the corrected query finds something.
 */
async function suggest(db: DB, request: SearchRequest, typed: string[]) {
	let corrected = request.query;
	let changed = false;
	for (const word of typed) {
		const folded = fold(word);
		const known = await db
			.selectFrom('search_words')
			.select('word')
			.where('word', '=', folded)
			.executeTakeFirst();
		if (known || folded.length < 3) continue;
		const edits = allowedEdits(folded);
		const candidates = await db
			.selectFrom('search_words')
			.select(['word', 'display', sql<number>`in_lessons * 4 + in_posts`.as('uses')])
			.where(sql<number>`length(word)`, '>=', folded.length - edits)
			.where(sql<number>`length(word)`, '<=', folded.length + edits)
			.execute();
		let best: { display: string; edits: number; uses: number } | null = null;
		for (const candidate of candidates) {
			const d = distance(folded, candidate.word);
			if (d === 0 || d > edits) continue;
			if (!best || d < best.edits || (d === best.edits && candidate.uses > best.uses))
				best = { display: candidate.display, edits: d, uses: candidate.uses };
		}
		if (!best) continue;
		corrected = corrected.replace(word, best.display);
		changed = true;
	}
	if (!changed) return null;
	const check = parseQuery(corrected);
	const found = await run(db, check, { ...request, page: 1 });
	return found.total > 0 ? corrected : null;
}
