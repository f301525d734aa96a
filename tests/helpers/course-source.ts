// The shipped course as its own files describe it, so the browser tests can check what the reader
// sees against the source: editing a lesson's wording never breaks them, while the order, titles
// and durations are checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { typeset } from '../../src/lib/content/typography.js';

const COURSE_DIR = fileURLToPath(
	new URL('../../courses/emanciper-son-association', import.meta.url)
);
export const COURSE_URL = '/emanciper-son-association';

export interface LessonSource {
	url: string;
	title: string;
	duration: number;
	objectives: string[];
	body: string;
}

function readMarkdown(file: string) {
	const source = readFileSync(file, 'utf8');
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
	if (!match) throw new Error(`${file} has no frontmatter`);
	const meta = parse(match[1]);
	// Pages set French punctuation with no-break spaces; expect the same.
	for (const key of ['title', 'description', 'summary']) {
		if (typeof meta[key] === 'string') meta[key] = typeset(meta[key]);
	}
	if (Array.isArray(meta.objectives)) meta.objectives = meta.objectives.map(typeset);
	return { meta, body: source.slice(match[0].length) };
}

const stripOrder = (name: string) => name.replace(/^\d+-/, '').replace(/\.md$/, '');

function readSequence(folder: string) {
	const dir = path.join(COURSE_DIR, folder);
	const url = `${COURSE_URL}/${stripOrder(folder)}`;
	const lessons: LessonSource[] = readdirSync(dir)
		.filter((name) => /^\d+-.*\.md$/.test(name))
		.sort()
		.map((name) => {
			const { meta, body } = readMarkdown(path.join(dir, name));
			return { url: `${url}/${stripOrder(name)}`, ...meta, body };
		});
	return {
		url,
		title: readMarkdown(path.join(dir, 'sequence.md')).meta.title as string,
		lessons,
		quiz: {
			url: `${url}/quiz`,
			title: readMarkdown(path.join(dir, 'quiz.md')).meta.title as string
		}
	};
}

export const course = {
	title: readMarkdown(path.join(COURSE_DIR, 'course.md')).meta.title as string,
	authors: readMarkdown(path.join(COURSE_DIR, 'course.md')).meta.authors as string[],
	sequences: readdirSync(COURSE_DIR)
		.filter((name) => /^\d+-/.test(name))
		.sort()
		.map(readSequence)
};
export const firstSequence = course.sequences[0];
export const [firstLesson, secondLesson] = firstSequence.lessons;
export const lastLesson = firstSequence.lessons.at(-1)!;
export const lessonWithImage = course.sequences
	.flatMap((sequence) => sequence.lessons)
	.find((lesson) => /!\[[^\]]+\]\(assets\//.test(lesson.body))!;

/** Durations as the French interface writes them, with no-break spaces: `7 min`, `1 h 06`. */
export function frenchDuration(minutes: number) {
	if (minutes < 60) return `${minutes}\u00a0min`;
	const rest = minutes % 60;
	return `${Math.floor(minutes / 60)}\u00a0h${rest ? `\u00a0${String(rest).padStart(2, '0')}` : ''}`;
}

/** Section headings (## and ###) and fenced code blocks an author wrote in a lesson. */
export function outlineOf(body: string) {
	const withoutCode = body.replace(/^```[\s\S]*?^```/gm, '');
	return {
		sections: withoutCode.match(/^#{2,3} .+$/gm)?.length ?? 0,
		codeBlocks: (body.match(/^```/gm)?.length ?? 0) / 2
	};
}

export const firstSentence = (body: string) => typeset(/^[^#!\-\n>].*?\.(?=\s)/m.exec(body)![0]);
