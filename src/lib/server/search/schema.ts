// What /search accepts in its address, checked once here.
import { z } from 'zod';

/** Longer than any question asked of a search box: past it, the reader is asked to shorten it. */
export const LONGEST_QUERY = 200;
/** Pages past this one are never worth reading. */
const LAST_PAGE = 100;

export type SearchError =
	| 'too-long'
	| 'unreadable'
	| 'no-words'
	| 'word-too-long'
	| 'kind-invalid'
	| 'course-unknown'
	| 'page-invalid'
	| 'throttled';

const searchParamsSchema = z.object({
	q: z
		.string()
		.max(LONGEST_QUERY, 'too-long')
		// What the address parser makes of bytes that are not UTF-8 (%C3%28).
		.refine((value) => !value.includes('\uFFFD'), 'unreadable')
		.transform((value) => value.trim()),
	course: z.string(),
	kind: z
		.enum(['', 'lessons', 'questions', 'suggestions'], 'kind-invalid')
		.transform((value) => value || null),
	page: z
		.string()
		.regex(/^\d{1,3}$/, 'page-invalid')
		.transform(Number)
		.refine((value) => value >= 1 && value <= LAST_PAGE, 'page-invalid')
});

export type SearchParams = z.output<typeof searchParamsSchema>;

/** The first value of each parameter, as a plain form sends it; or what is wrong with them. */
export function readSearchParams(
	params: URLSearchParams
): { ok: true; value: SearchParams } | { ok: false; problem: SearchError } {
	const parsed = searchParamsSchema.safeParse({
		q: params.get('q') ?? '',
		course: params.get('course') ?? '',
		kind: params.get('kind') ?? '',
		page: params.get('page') ?? '1'
	});
	if (parsed.success) return { ok: true, value: parsed.data };
	return { ok: false, problem: parsed.error.issues[0].message as SearchError };
}
