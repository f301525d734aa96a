// What the search page shows, from its address: checked, rate-limited, searched, each result with
// its place in the course.
import type { Language } from '$lib/content/schema';
import { messagesFor } from '$lib/i18n';
import { listCourses } from '$lib/server/content';
import type { DB } from '../db/index.ts';
import { LIMITS, minutesToWait, takeInMemory } from '../rate-limit.ts';
import { isEmpty, parseQuery, search, type SearchHit, type SearchResults } from './index.ts';
import { pathOf, type PathStep } from './lessons.ts';
import { hasOverlongWord, LONGEST_WORD } from './normalize.ts';
import { MOST_WORDS } from './query.ts';
import { searchReady } from './ready.ts';
import { LONGEST_QUERY, readSearchParams, type SearchError, type SearchParams } from './schema.ts';

export type { SearchError };

export interface ShownHit extends SearchHit {
	path: PathStep[];
}

export type SearchPage =
	| {
			ok: true;
			params: SearchParams;
			courses: { slug: string; title: string }[];
			/** Words searched for at most; the rest are left out. */
			mostWords: number;
			results:
				(Omit<SearchResults, 'hits'> & { lessons: ShownHit[]; discussions: ShownHit[] }) | null;
	  }
	| { ok: false; status: 400 | 429; problem: SearchError; minutes?: number };

/** The courses the form's filter lists. */
const courseChoices = () => listCourses().map(({ slug, title }) => ({ slug, title }));

export async function loadSearchPage(
	db: DB,
	address: string,
	searchParams: URLSearchParams
): Promise<SearchPage> {
	const read = readSearchParams(searchParams);
	if (!read.ok) return { ok: false, status: 400, problem: read.problem };
	const params = read.value;
	const courses = courseChoices();
	if (params.course && !courses.some((course) => course.slug === params.course))
		return { ok: false, status: 400, problem: 'course-unknown' };
	if (!params.q) return { ok: true, params, courses, mostWords: MOST_WORDS, results: null };
	if (isEmpty(parseQuery(params.q))) {
		// Only runs of letters too long to be words: no word is searched, but the reader typed some.
		const problem = hasOverlongWord(params.q) ? 'word-too-long' : 'no-words';
		return { ok: false, status: 400, problem };
	}
	const { wait } = takeInMemory(`search:${address}`, LIMITS.searchPerAddress);
	if (wait > 0)
		return { ok: false, status: 429, problem: 'throttled', minutes: minutesToWait(wait) };
	// Right after a start with new content, the lessons may still be being indexed.
	await searchReady();
	const { hits, ...results } = await search(db, {
		query: params.q,
		course: params.course || null,
		kind: params.kind,
		page: params.page
	});
	const shown: ShownHit[] = [];
	for (const hit of hits) {
		const path = pathOf(hit);
		// A discussion under a lesson since removed from the course still shows, without a path.
		if (path || hit.kind !== 'lesson') shown.push({ ...hit, path: path ?? [] });
	}
	return {
		ok: true,
		params,
		courses,
		mostWords: MOST_WORDS,
		results: {
			...results,
			lessons: shown.filter((hit) => hit.kind === 'lesson'),
			discussions: shown.filter((hit) => hit.kind !== 'lesson')
		}
	};
}

/**
 * What the form shown with a refusal keeps: the courses to choose from, and the one chosen when it
 * is one of them (an unknown course is the refusal itself).
 */
export function keptFilters(searchParams: URLSearchParams) {
	const courses = courseChoices();
	const chosen = searchParams.get('course') ?? '';
	return { courses, course: courses.some((each) => each.slug === chosen) ? chosen : '' };
}

/** A refusal in the page's language. */
export function searchErrorMessage(
	lang: Language,
	refusal: Extract<SearchPage, { ok: false }>
): string {
	const errors = messagesFor(lang).search.errors;
	switch (refusal.problem) {
		case 'too-long':
			return errors['too-long'](LONGEST_QUERY);
		case 'word-too-long':
			return errors['word-too-long'](LONGEST_WORD);
		case 'throttled':
			return errors.throttled(refusal.minutes ?? 1);
		default:
			return errors[refusal.problem];
	}
}
