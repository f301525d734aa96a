// The lessons' side of search, which needs the built site: each lesson's text as the server
// renders it, cut into sections, indexed again when the content version changes.
import { findCourse, listCourses, contentVersion } from '$lib/server/content';
import { renderBody } from '$lib/server/bodies';
import type { DB } from '../db/index.ts';
import {
	htmlReader,
	indexMissingPosts,
	replaceLessons,
	type LessonText,
	type SearchHit
} from './index.ts';
import { lessonsAreCurrent } from './state.ts';

/** `pause()` after each lesson, for the server to answer requests meanwhile (see ready.ts). */
async function lessonTexts(pause: () => Promise<void>): Promise<LessonText[]> {
	const { sectionsOf } = await htmlReader();
	const texts: LessonText[] = [];
	for (const { slug } of listCourses()) {
		const course = findCourse(slug)!;
		for (const sequence of course.sequences) {
			for (const lesson of sequence.lessons) {
				const sections = sectionsOf(await renderBody(lesson.file));
				// The lesson's description stands with its opening text, where a link lands on the title.
				const opening = sections.find((section) => section.anchor === null);
				if (opening) opening.text = `${lesson.description} ${opening.text}`;
				else sections.unshift({ anchor: null, heading: '', text: lesson.description });
				texts.push({
					course: course.slug,
					lessonKey: lesson.key,
					language: course.language,
					title: lesson.title,
					sections
				});
				await pause();
			}
		}
	}
	return texts;
}

/**
 * The lessons indexed again if the content (or the way of indexing) changed since they last were,
 * then any post the index is missing. Run by the server once it listens (ready.ts), never on a
 * request. Returns how many lessons were indexed (0 when they were current) and posts added.
 */
export async function prepareSearch(db: DB, pause: () => Promise<void> = async () => {}) {
	let lessons = 0;
	if (!(await lessonsAreCurrent(db, contentVersion))) {
		const texts = await lessonTexts(pause);
		await replaceLessons(db, contentVersion, texts, pause);
		lessons = texts.length;
	}
	const posts = await indexMissingPosts(db);
	return { lessons, posts };
}

export interface PathStep {
	title: string;
	url: string;
}

/** Course › sequence › lesson, for a result; null when the lesson is no longer in the content. */
export function pathOf(hit: Pick<SearchHit, 'lessonKey'>): PathStep[] | null {
	const [courseSlug, sequenceSlug, lessonSlug] = hit.lessonKey.split('/');
	const course = findCourse(courseSlug);
	const sequence = course?.sequences.find((candidate) => candidate.slug === sequenceSlug);
	const lesson = sequence?.lessons.find((candidate) => candidate.slug === lessonSlug);
	if (!course || !sequence || !lesson) return null;
	return [
		{ title: course.title, url: course.url },
		{ title: sequence.title, url: sequence.url },
		{ title: lesson.title, url: lesson.url }
	];
}
