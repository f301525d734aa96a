import { error } from '@sveltejs/kit';
import index from 'virtual:content-index';
import type { Course, Lesson, Sequence } from '$lib/content/types';

export const contentVersion = index.version;

const courses = new Map(index.courses.map((course) => [course.slug, course]));

/** What the course and sequence pages show of a quiz: never its answers. */
export interface QuizSummary {
	title: string;
	url: string;
	questionCount: number;
	passingScore: number;
}

export type LessonSummary = Pick<
	Lesson,
	'key' | 'slug' | 'url' | 'title' | 'description' | 'duration'
>;
export type SequenceSummary = Omit<Sequence, 'quiz' | 'lessons'> & {
	lessons: LessonSummary[];
	quiz: QuizSummary | null;
};
export type CourseSummary = Omit<Course, 'sequences' | 'glossary'> & {
	sequences: SequenceSummary[];
	glossaryUrl: string | null;
};

function summarize(sequence: Sequence): SequenceSummary {
	const { quiz, lessons, ...rest } = sequence;
	return {
		...rest,
		lessons: lessons.map(({ key, slug, url, title, description, duration }) => ({
			key,
			slug,
			url,
			title,
			description,
			duration
		})),
		quiz: quiz && {
			title: quiz.title,
			url: quiz.url,
			questionCount: quiz.questions.length,
			passingScore: quiz.passingScore
		}
	};
}

export function listCourses() {
	return index.courses.map((course) => ({
		slug: course.slug,
		url: course.url,
		title: course.title,
		description: course.description,
		language: course.language,
		duration: course.duration,
		sequenceCount: course.sequences.length,
		lessonCount: course.sequences.reduce((sum, sequence) => sum + sequence.lessons.length, 0)
	}));
}

export function findCourse(slug: string): Course | undefined {
	return courses.get(slug);
}

export function loadCourse(slug: string): CourseSummary {
	const course = courses.get(slug);
	if (!course) error(404, 'course not found');
	const { glossary, ...rest } = course;
	return {
		...rest,
		glossaryUrl: glossary?.url ?? null,
		sequences: course.sequences.map(summarize)
	};
}

export function findSequence(courseSlug: string, sequenceSlug: string) {
	const course = courses.get(courseSlug);
	const sequence = course?.sequences.find((candidate) => candidate.slug === sequenceSlug);
	return course && sequence ? { course, sequence } : undefined;
}

export function loadSequence(courseSlug: string, sequenceSlug: string) {
	const found = findSequence(courseSlug, sequenceSlug);
	if (!found) error(404, 'sequence not found');
	return { course: courseHeader(found.course), sequence: summarize(found.sequence) };
}

export function loadLesson(courseSlug: string, sequenceSlug: string, lessonSlug: string) {
	const found = findSequence(courseSlug, sequenceSlug);
	const lesson = found?.sequence.lessons.find((candidate) => candidate.slug === lessonSlug);
	if (!found || !lesson) error(404, 'lesson not found');
	const { course, sequence } = found;
	return {
		course: courseHeader(course),
		sequence: sequenceHeader(sequence),
		lesson: lesson satisfies Lesson,
		place: {
			lesson: sequence.lessons.indexOf(lesson) + 1,
			lessons: sequence.lessons.length,
			sequence: sequence.number,
			sequences: course.sequences.length
		},
		outline: outlineOf(course),
		editUrl: course.editUrl ? course.editUrl.replace('{path}', lesson.file) : null
	};
}

/** Every sequence of a course with its lessons and quiz, as the lesson page's side column lists them. */
export function outlineOf(course: Course) {
	return course.sequences.map((sequence) => ({
		key: sequence.key,
		number: sequence.number,
		title: sequence.title,
		url: sequence.url,
		lessons: sequence.lessons.map(({ key, title, url }) => ({ key, title, url })),
		quizUrl: sequence.quiz?.url ?? null
	}));
}

export type CourseOutline = ReturnType<typeof outlineOf>;

function sequenceHeader(sequence: Sequence) {
	const { key, slug, number, title, url } = sequence;
	return { key, slug, number, title, url };
}

/** The course fields every page under a course needs for its header and footer. */
function courseHeader(course: Course) {
	return {
		slug: course.slug,
		title: course.title,
		url: course.url,
		language: course.language,
		license: course.license,
		authors: course.authors,
		glossaryUrl: course.glossary?.url ?? null
	};
}

/** A course's glossary page: its terms in alphabetical order. */
export function loadGlossary(courseSlug: string) {
	const course = courses.get(courseSlug);
	if (!course?.glossary) error(404, 'glossary not found');
	const collator = new Intl.Collator(course.language);
	const entries = [...course.glossary.entries].sort((a, b) => collator.compare(a.term, b.term));
	return { course: courseHeader(course), glossary: { ...course.glossary, entries } };
}

/** A lesson's video, for the page that plays it to readers without JavaScript. */
export function loadLessonVideo(
	courseSlug: string,
	sequenceSlug: string,
	lessonSlug: string,
	number: number
) {
	const found = loadLesson(courseSlug, sequenceSlug, lessonSlug);
	const video = found.lesson.videos[number - 1];
	if (!video) error(404, 'video not found');
	return {
		course: found.course,
		lesson: { title: found.lesson.title, url: found.lesson.url },
		video
	};
}

/** A sequence's quiz with its answers: for grading on the server, never sent as it is. */
export function loadQuiz(courseSlug: string, sequenceSlug: string) {
	const found = findSequence(courseSlug, sequenceSlug);
	const quiz = found?.sequence.quiz;
	if (!found || !quiz) error(404, 'quiz not found');
	const { course, sequence } = found;
	const nextSequence = course.sequences[sequence.number] ?? null;
	return {
		course: courseHeader(course),
		sequence: sequenceHeader(sequence),
		quiz,
		next: nextSequence && { title: nextSequence.title, url: nextSequence.url }
	};
}
