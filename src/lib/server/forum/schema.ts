// What the discussions accept from a form, checked once here; the rest of the code trusts it.
import type { PassageProblem } from '../../content/passages.ts';
import { z } from 'zod';
import {
	ALL_STATUSES,
	KINDS,
	STATUSES_BY_KIND,
	TEXT_LIMITS,
	type ThreadKind,
	type ThreadStatus
} from '../../forum.ts';

export type ForumError =
	| 'sign-in-required'
	| 'email-unverified'
	| 'suspended'
	| 'forbidden'
	| 'not-found'
	| 'lesson-unknown'
	| 'locked'
	| 'kind-invalid'
	| 'title-required'
	| 'title-too-long'
	| 'body-required'
	| 'body-too-long'
	| 'reason-required'
	| 'reason-too-long'
	| 'note-too-long'
	| 'status-invalid'
	| 'status-unchanged'
	| 'date-invalid'
	| 'too-many-links'
	| 'duplicate'
	| 'throttled'
	| 'already-flagged'
	| 'own-post'
	| 'post-deleted'
	| 'not-suspended'
	| 'passage-unknown'
	| 'proposed-required'
	| 'proposed-unchanged'
	| 'proposed-too-long'
	| 'proposed-invalid'
	| 'edit-outdated';

export interface ForumFailure {
	ok: false;
	error: ForumError;
	/** The form field the message is about. */
	field?: string;
	/** For `throttled`: minutes to wait. */
	minutes?: number;
	/** For `suspended`: when posting opens again (ms since epoch). */
	until?: number;
	/** For `too-many-links`: how many are allowed. */
	max?: number;
	/** For `proposed-invalid`: what the content checks found. */
	problem?: PassageProblem;
}

export type ForumResult<T extends object = object> = ({ ok: true } & T) | ForumFailure;

export const failure = (
	error: ForumError,
	details: Omit<ForumFailure, 'ok' | 'error'> = {}
): ForumFailure => ({ ok: false, error, ...details });

/**
 * Counts Unicode code points, not UTF-16 code units: an accented letter or most emoji is one, a
 * flag or an emoji with a skin tone two. Not what the eye sees (grapheme clusters), on purpose: a
 * letter carrying a thousand combining marks is one grapheme, and the limits bound what is stored.
 */
const length = (value: string) => [...value].length;

/** Browsers send CRLF from a textarea; a NUL byte has no business in a post. */
const cleanText = (value: string) => value.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');

const title = z
	.string({ error: 'title-required' })
	.transform((value) => value.replace(/\s+/g, ' ').trim())
	.refine((value) => value.length > 0, { error: 'title-required' })
	.refine((value) => length(value) <= TEXT_LIMITS.title, { error: 'title-too-long' });

const body = z
	.string({ error: 'body-required' })
	.transform((value) => cleanText(value).replace(/\s+$/, ''))
	.refine((value) => value.trim().length > 0, { error: 'body-required' })
	.refine((value) => length(value) <= TEXT_LIMITS.body, { error: 'body-too-long' });

const note = z
	.string({ error: 'note-too-long' })
	.transform((value) => cleanText(value).trim())
	.refine((value) => length(value) <= TEXT_LIMITS.note, { error: 'note-too-long' })
	.transform((value) => value || null);

/** `course/sequence/lesson`, each part a URL slug. */
export const lessonKeySchema = z
	.string({ error: 'lesson-unknown' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, {
		error: 'lesson-unknown'
	});

export const newThreadSchema = z.object({
	lessonKey: lessonKeySchema,
	kind: z.enum(KINDS, { error: 'kind-invalid' }),
	title,
	body
});

export const replySchema = z.object({ body });

export const editSchema = z.object({ body, title: title.optional() });

export const flagSchema = z.object({
	reason: z
		.string({ error: 'reason-required' })
		.transform((value) => cleanText(value).trim())
		.refine((value) => value.length > 0, { error: 'reason-required' })
		.refine((value) => length(value) <= TEXT_LIMITS.reason, { error: 'reason-too-long' })
});

export const statusSchema = z.object({
	status: z.enum(ALL_STATUSES, { error: 'status-invalid' }),
	note
});

export const noteSchema = z.object({ note });

/** A day (YYYY-MM-DD) up to which posting is suspended, that day included. */
export const suspensionSchema = z.object({
	until: z.iso.date({ error: 'date-invalid' }),
	note
});

/** Filters of the course-wide list, read from the query string; anything odd is ignored. */
export const listFiltersSchema = z.object({
	kind: z.enum(KINDS).optional().catch(undefined),
	status: z.enum(ALL_STATUSES).optional().catch(undefined),
	sequence: z
		.string()
		.regex(/^[a-z0-9-]{1,100}$/)
		.optional()
		.catch(undefined),
	lesson: lessonKeySchema.optional().catch(undefined),
	// A page past the last one shows the last (listCourseThreads), however far past: the list
	// may have shrunk since the link was made. What is no page number at all shows the first.
	page: z.coerce.number().int().min(1).catch(1)
});
export type ListFilters = z.infer<typeof listFiltersSchema>;

/** Turns the first problem zod found into a failure naming its field. */
export function parseInput<T extends z.ZodType>(
	schema: T,
	input: unknown
): { ok: true; value: z.infer<T> } | ForumFailure {
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, value: result.data };
	const issue = result.error.issues[0];
	const field = issue?.path[0];
	return failure(issue?.message as ForumError, {
		field: typeof field === 'string' ? field : undefined
	});
}

export function isStatusOf(kind: ThreadKind, status: ThreadStatus) {
	return STATUSES_BY_KIND[kind].includes(status);
}
