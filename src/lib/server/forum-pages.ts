// What the discussion routes share as HTTP: the course of the URL or a 404, and a refused action
// as a form failure with the right status, a message in the page's language and everything the
// person typed, so they can fix it and send it again.
import { error, fail } from '@sveltejs/kit';
import type { Language } from '../content/schema.ts';
import { findDiscussionCourse } from './forum/course.ts';
import { FORUM_ERROR_STATUS, forumErrorMessage } from './forum/forms.ts';
import type { ForumFailure } from './forum/schema.ts';

/** The course of a discussion page, or a 404. */
export function discussionCourse(slug: string) {
	const course = findDiscussionCourse(slug);
	if (!course) error(404, 'course not found');
	return course;
}

export function forumFailure<const Keep extends Record<string, string | number | null>>(
	result: ForumFailure,
	lang: Language,
	keep: Keep = {} as Keep
) {
	return fail(FORUM_ERROR_STATUS[result.error], {
		...keep,
		message: forumErrorMessage(result, lang),
		field: result.field ?? null
	});
}
