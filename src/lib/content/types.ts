import type { Attribution, CompletionRules, Language } from './schema.ts';

/** A content error, reported to authors as `file:line: message`. */
export interface Problem {
	/** Path relative to the repository root, e.g. `courses/x/01-seq/02-lesson.md`. */
	file: string;
	line: number;
	message: string;
}

export interface Heading {
	depth: 2 | 3;
	id: string;
	text: string;
}

export interface PageRef {
	title: string;
	url: string;
}

export interface Lesson {
	/** Stable content key `course/sequence/lesson`: progress and discussions hang on it. */
	key: string;
	slug: string;
	url: string;
	/** Source path relative to the repository root. */
	file: string;
	title: string;
	description: string;
	duration: number;
	objectives: string[];
	license: string;
	attributions: Attribution[];
	toc: Heading[];
	/** Its videos, in order: each has a page of the site that plays it without JavaScript. */
	videos: LessonVideo[];
	previous: PageRef | null;
	next: PageRef | null;
}

export interface Sequence {
	key: string;
	slug: string;
	/** 1-based position in the course. */
	number: number;
	url: string;
	file: string;
	title: string;
	summary: string;
	objectives: string[];
	duration: number;
	lessons: Lesson[];
	quiz: (Quiz & { url: string; file: string }) | null;
}

export interface Course {
	key: string;
	slug: string;
	url: string;
	file: string;
	title: string;
	description: string;
	language: Language;
	license: string;
	authors: string[];
	editUrl: string | null;
	/** What completing a sequence, then the course, asks of a learner. */
	completion: CompletionRules;
	duration: number;
	sequences: Sequence[];
	glossary: Glossary | null;
}

export interface LessonVideo {
	title: string;
	/** The address of the player to embed. */
	src: string;
}

export interface Glossary {
	title: string;
	url: string;
	file: string;
	entries: { id: string; term: string; definition: string; html: string }[];
}

export interface ContentIndex {
	/** Short hash of every content file: changes whenever the content does. */
	version: string;
	courses: Course[];
}

export interface QuizOption {
	/** Stable within its question: a slug of the option's text. */
	id: string;
	html: string;
	correct: boolean;
	/** Marked `{pin}` by the author: keeps its place when the options are shuffled. */
	pinned: boolean;
	feedbackHtml: string;
}

export interface QuizQuestion {
	/** Stable within the quiz: `{#id}` after the heading, or a slug of the heading. */
	id: string;
	promptHtml: string;
	/** Paragraphs between the heading and the options. */
	detailsHtml: string;
	multiple: boolean;
	options: QuizOption[];
	explanationHtml: string;
	line: number;
}

export interface Quiz {
	title: string;
	passingScore: number;
	/** How many of the questions each attempt draws; null: all of them. */
	draw: number | null;
	questions: QuizQuestion[];
}
