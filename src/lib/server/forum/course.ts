// The course index as the discussion pages need it: which lessons exist, their titles and links.
// Kept apart from the other forum modules, which know lessons only by their keys.
import { findCourse } from '../content.ts';

export interface LessonRef {
	key: string;
	title: string;
	url: string;
	sequence: { slug: string; title: string; number: number };
}

/** The course of a discussion page, or null when there is no such course. */
export function findDiscussionCourse(slug: string) {
	const course = findCourse(slug);
	if (!course) return null;
	const lessons = new Map<string, LessonRef>();
	for (const sequence of course.sequences) {
		for (const lesson of sequence.lessons) {
			lessons.set(lesson.key, {
				key: lesson.key,
				title: lesson.title,
				url: lesson.url,
				sequence: { slug: sequence.slug, title: sequence.title, number: sequence.number }
			});
		}
	}
	return {
		slug: course.slug,
		title: course.title,
		url: course.url,
		language: course.language,
		sequences: course.sequences.map((sequence) => ({
			slug: sequence.slug,
			title: sequence.title,
			number: sequence.number
		})),
		lessons
	};
}

export type DiscussionCourse = NonNullable<ReturnType<typeof findDiscussionCourse>>;

/** The title and link of each lesson named in `keys`, for a page's data. */
export function lessonRefs(course: DiscussionCourse, keys: Iterable<string>) {
	const refs: Record<string, LessonRef> = {};
	for (const key of keys) {
		const lesson = course.lessons.get(key);
		if (lesson) refs[key] = lesson;
	}
	return refs;
}
