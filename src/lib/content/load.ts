import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Heading as MdHeading, Image, Link, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { z } from 'zod';
import { issuesAt, readFrontmatter, type Frontmatter } from './frontmatter.ts';
import { isRelative, resolveContentLink } from './markdown.js';
import { ORDER_PREFIX, SLUG, slugOf, urlOfContentFile } from './paths.js';
import { answerPositionWarning, parseQuiz } from './quiz.ts';
import { checkComponents, type ComponentContext, type PageKind } from './check-components.ts';
import { parseGlossary } from './glossary.js';
import { typeset } from './typography.js';
import { checkHouseStyle, type StylePage } from './house-style.ts';
import {
	RESERVED_COURSE_SLUGS,
	RESERVED_PAGE_SLUGS,
	courseSchema,
	glossarySchema,
	lessonSchema,
	sequenceSchema,
	type Language
} from './schema.ts';
import type {
	ContentIndex,
	Course,
	Glossary,
	Heading,
	Lesson,
	PageRef,
	Problem,
	Sequence
} from './types.ts';

const FURTHER_READING = { fr: 'Pour aller plus loin', en: 'Further reading' } as const;

const markdown = unified().use(remarkParse).use(remarkGfm);

interface Page {
	file: string;
	absolute: string;
	url: string;
	tree: Root;
	bodyLine: number;
	toc: Heading[];
	anchors: Set<string>;
}

/**
 * Reads every course under `coursesDir`, checks it, and builds the index the site serves.
 * Problems never throw: they are all collected so an author sees every mistake at once.
 */
export function loadContent(coursesDir: string, repoRoot = path.dirname(coursesDir)) {
	const problems: Problem[] = [];
	// Habits worth a second look that do not stop a course from being published.
	const warnings: Problem[] = [];
	const pages = new Map<string, Page>();
	const hash = createHash('sha256');
	const rel = (absolute: string) => path.relative(repoRoot, absolute).split(path.sep).join('/');

	// The language of the course being read: house-style rules for French apply to French courses.
	let language: Language = 'fr';
	const checkStyle = (page: Page, frontmatter: Frontmatter, kind: StylePage['kind']) => {
		const data = (frontmatter.data ?? {}) as Record<string, unknown>;
		const fields = ['title', 'description', 'summary', 'objectives'].flatMap((key) => {
			const value = data[key];
			if (typeof value === 'string') return [{ text: value, line: frontmatter.lineOf([key]) }];
			if (!Array.isArray(value)) return [];
			return value.flatMap((item, i) =>
				typeof item === 'string' ? [{ text: item, line: frontmatter.lineOf([key, i]) }] : []
			);
		});
		const style = checkHouseStyle({
			tree: page.tree,
			kind,
			language,
			lineOf: (node) => lineOf(node, page),
			fields
		});
		for (const problem of style.problems) problems.push({ file: page.file, ...problem });
		for (const warning of style.warnings) warnings.push({ file: page.file, ...warning });
	};

	const readPage = <S extends z.ZodType>(absolute: string, schema: S | null) => {
		const file = rel(absolute);
		const { source, problem } = readText(readFileSync(absolute));
		if (problem) problems.push({ file, ...problem });
		hash.update(file).update('\0').update(source).update('\0');
		const frontmatter = readFrontmatter(source);
		if (frontmatter.error) problems.push({ file, ...frontmatter.error });
		const tree = markdown.parse(frontmatter.body);
		let meta: z.infer<S> | null = null;
		if (schema && !frontmatter.error) meta = validate(schema, frontmatter, file, problems);
		const url =
			urlOfContentFile(path.relative(coursesDir, absolute).split(path.sep).join('/')) ?? '';
		const page: Page = {
			file,
			absolute,
			url,
			tree,
			bodyLine: frontmatter.bodyLine,
			toc: [],
			anchors: new Set()
		};
		// Quiz headings are questions, not sections.
		if (schema) page.toc = headingsOf(page, problems);
		pages.set(absolute, page);
		return { page, meta, frontmatter };
	};

	const courses: Course[] = [];
	for (const courseDir of listDir(coursesDir).filter((entry) => entry.isDirectory)) {
		const course = loadCourse(courseDir.path);
		if (course) courses.push(course);
	}
	if (courses.length === 0 && problems.length === 0) {
		problems.push({
			file: rel(coursesDir),
			line: 1,
			message: 'no course found: add a folder with a course.md'
		});
	}

	function loadCourse(dir: string): Course | null {
		const slug = path.basename(dir);
		const courseFile = path.join(dir, 'course.md');
		if (!existsSync(courseFile)) {
			problems.push({ file: rel(dir), line: 1, message: 'a course folder needs a course.md' });
			return null;
		}
		const { meta, page, frontmatter } = readPage(courseFile, courseSchema);
		language = meta?.language ?? 'fr';
		checkStyle(page, frontmatter, 'course');
		if (!SLUG.test(slug)) {
			problems.push({
				file: page.file,
				line: 1,
				message: `course folder "${slug}" is not a valid slug: use lowercase letters, digits and single hyphens`
			});
		} else if (RESERVED_COURSE_SLUGS.has(slug)) {
			problems.push({
				file: page.file,
				line: 1,
				message: `course slug "${slug}" is a reserved route name: rename the folder`
			});
		}
		const glossary = loadGlossary(dir, slug);
		const components: ComponentContext = {
			courseDir: dir,
			glossary: glossary && {
				file: glossary.file,
				ids: new Set(glossary.entries.map((e) => e.id))
			},
			videoHosts: meta?.videoHosts ?? []
		};
		checkPageComponents(page, components, 'introduction');
		const sequences: Sequence[] = [];
		const seen = new Map<string, string>();
		for (const entry of listDir(dir)) {
			if (entry.name === 'course.md' || entry.name === 'glossary.md') continue;
			if (entry.name === 'assets' && entry.isDirectory) continue;
			if (!entry.isDirectory || !ORDER_PREFIX.test(entry.name)) {
				problems.push({
					file: rel(entry.path),
					line: 1,
					message:
						'unexpected entry: a course holds course.md, glossary.md, assets/ and sequence folders named NN-slug'
				});
				continue;
			}
			const sequenceSlug = slugOf(entry.name);
			if (checkSlug(sequenceSlug, entry.path, seen, 'sequence')) {
				const sequence = loadSequence(
					entry.path,
					slug,
					sequences.length + 1,
					meta?.language ?? 'fr',
					components
				);
				if (sequence) sequences.push(sequence);
			}
		}
		if (!meta) return null;
		if (sequences.length === 0)
			problems.push({
				file: page.file,
				line: 1,
				message: 'the course has no sequence folder (NN-slug)'
			});
		const course: Course = {
			key: slug,
			slug,
			url: `/${slug}`,
			file: page.file,
			title: typeset(meta.title),
			description: typeset(meta.description),
			language: meta.language,
			license: meta.license,
			authors: meta.authors,
			editUrl: meta.editUrl ?? null,
			completion: meta.completion,
			duration: sequences.reduce((sum, sequence) => sum + sequence.duration, 0),
			sequences,
			glossary
		};
		linkReadingOrder(course);
		return course;
	}

	function checkSlug(slug: string, entryPath: string, seen: Map<string, string>, what: string) {
		const file = rel(entryPath);
		if (what === 'sequence' && RESERVED_PAGE_SLUGS.has(slug)) {
			problems.push({
				file,
				line: 1,
				message: `sequence slug "${slug}" is a reserved route name: rename the folder`
			});
			return false;
		}
		if (!SLUG.test(slug)) {
			problems.push({
				file,
				line: 1,
				message: `${what} slug "${slug}" is not valid: after the NN- prefix use lowercase letters, digits and single hyphens`
			});
			return false;
		}
		const other = seen.get(slug);
		if (other) {
			problems.push({
				file,
				line: 1,
				message: `duplicate ${what} slug "${slug}": ${other} has it too`
			});
			return false;
		}
		seen.set(slug, file);
		return true;
	}

	function loadSequence(
		dir: string,
		courseSlug: string,
		number: number,
		language: Language,
		components: ComponentContext
	): Sequence | null {
		const slug = slugOf(path.basename(dir));
		const sequenceFile = path.join(dir, 'sequence.md');
		if (!existsSync(sequenceFile)) {
			problems.push({ file: rel(dir), line: 1, message: 'a sequence folder needs a sequence.md' });
			return null;
		}
		const { meta, page, frontmatter } = readPage(sequenceFile, sequenceSchema);
		checkStyle(page, frontmatter, 'sequence');
		checkPageComponents(page, components, 'introduction');
		const lessons: Lesson[] = [];
		const seen = new Map<string, string>();
		let quiz: Sequence['quiz'] = null;
		for (const entry of listDir(dir)) {
			if (entry.name === 'sequence.md' || (entry.name === 'assets' && entry.isDirectory)) continue;
			if (entry.name === 'quiz.md') {
				quiz = loadQuiz(entry.path);
				continue;
			}
			if (entry.isDirectory || !entry.name.endsWith('.md') || !ORDER_PREFIX.test(entry.name)) {
				problems.push({
					file: rel(entry.path),
					line: 1,
					message:
						'unexpected entry: a sequence holds sequence.md, quiz.md, assets/ and lessons named NN-slug.md'
				});
				continue;
			}
			const lessonSlug = slugOf(entry.name);
			if (RESERVED_PAGE_SLUGS.has(lessonSlug)) {
				problems.push({
					file: rel(entry.path),
					line: 1,
					message: `lesson slug "${lessonSlug}" is a reserved route name: rename the file`
				});
				continue;
			}
			if (!checkSlug(lessonSlug, entry.path, seen, 'lesson')) continue;
			const lesson = loadLesson(
				entry.path,
				`${courseSlug}/${slug}/${lessonSlug}`,
				language,
				components
			);
			if (lesson) lessons.push(lesson);
		}
		if (!meta) return null;
		if (lessons.length === 0 && seen.size === 0)
			problems.push({
				file: page.file,
				line: 1,
				message: 'the sequence has no lesson (NN-slug.md)'
			});
		return {
			key: `${courseSlug}/${slug}`,
			slug,
			number,
			url: page.url,
			file: page.file,
			title: typeset(meta.title),
			summary: typeset(meta.summary),
			objectives: meta.objectives.map(typeset),
			duration: lessons.reduce((sum, lesson) => sum + lesson.duration, 0),
			lessons,
			quiz
		};
	}

	function loadLesson(
		absolute: string,
		key: string,
		language: Language,
		components: ComponentContext
	): Lesson | null {
		const { meta, page, frontmatter } = readPage(absolute, lessonSchema);
		checkStyle(page, frontmatter, 'lesson');
		const videos = checkPageComponents(page, components);
		const further = FURTHER_READING[language];
		const lastSection = page.toc.filter((heading) => heading.depth === 2).at(-1);
		if (lastSection?.text.trim() !== typeset(further)) {
			problems.push({
				file: page.file,
				line: frontmatter.bodyLine,
				message: `a lesson ends with a "## ${further}" section`
			});
		}
		if (!meta) return null;
		return {
			key,
			slug: key.split('/')[2],
			url: page.url,
			file: page.file,
			title: typeset(meta.title),
			description: typeset(meta.description),
			duration: meta.duration,
			objectives: meta.objectives.map(typeset),
			license: meta.license ?? '',
			attributions: meta.attributions,
			toc: page.toc,
			videos,
			previous: null,
			next: null
		};
	}

	function checkPageComponents(page: Page, context: ComponentContext, kind: PageKind = 'lesson') {
		return checkComponents(
			page.tree,
			page.absolute,
			context,
			(node) => lineOf(node, page),
			(line, message) => problems.push({ file: page.file, line, message }),
			kind
		);
	}

	function loadGlossary(courseDir: string, courseSlug: string): Glossary | null {
		const absolute = path.join(courseDir, 'glossary.md');
		if (!existsSync(absolute)) return null;
		const { page, frontmatter } = readPage(absolute, null);
		if (frontmatter.error) return null;
		checkStyle(page, frontmatter, 'glossary');
		const meta = validate(glossarySchema, frontmatter, page.file, problems);
		const { entries, problems: glossaryProblems } = parseGlossary(
			frontmatter.body,
			frontmatter.bodyLine,
			(href) => resolveContentLink(href, courseDir, coursesDir)
		);
		for (const problem of glossaryProblems) problems.push({ file: page.file, ...problem });
		page.url = `/${courseSlug}/glossary`;
		for (const entry of entries) page.anchors.add(entry.id);
		if (!meta) return null;
		return {
			title: typeset(meta.title),
			url: page.url,
			file: page.file,
			entries: entries.map(({ id, term, definition, html }) => ({ id, term, definition, html }))
		};
	}

	function loadQuiz(absolute: string): Sequence['quiz'] {
		const { page, frontmatter } = readPage(absolute, null);
		if (frontmatter.error) return null;
		checkStyle(page, frontmatter, 'quiz');
		const { quiz, problems: quizProblems } = parseQuiz(frontmatter.data, page.tree, {
			file: page.file,
			bodyLine: page.bodyLine,
			lineOf: frontmatter.lineOf,
			resolveHref: (href) => resolveContentLink(href, path.dirname(absolute), coursesDir)
		});
		problems.push(...quizProblems);
		const warning = quiz && answerPositionWarning(quiz, page.file);
		if (warning) warnings.push(warning);
		return quiz && { ...quiz, url: page.url, file: page.file };
	}

	for (const page of pages.values()) checkReferences(page, pages, coursesDir, problems);

	problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	const index: ContentIndex = { version: hash.digest('hex').slice(0, 12), courses };
	warnings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	return { index, problems, warnings };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A content file's text, and what keeps it from being one an editor would show as written: bytes
 * that are not UTF-8 (a file saved as Windows-1252 or Latin-1), or the invisible byte-order mark
 * some editors put first, which hides the frontmatter's `---`. The build would fail on the first
 * and misread the second; both are said here, on their line.
 */
function readText(bytes: Buffer): { source: string; problem?: { line: number; message: string } } {
	let source: string;
	try {
		source = strictUtf8.decode(bytes);
	} catch {
		source = bytes.toString('utf8');
		const line = source.slice(0, source.indexOf('\uFFFD')).split('\n').length;
		return {
			source,
			problem: {
				line,
				message:
					'the file is not in UTF-8 (perhaps Windows-1252 or Latin-1): save it again as UTF-8 in your editor'
			}
		};
	}
	// The decoder drops the mark; the build's own reading of the file would not.
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
		return {
			source,
			problem: {
				line: 1,
				message:
					'the file starts with an invisible byte-order mark (BOM): save it again as UTF-8 without BOM'
			}
		};
	return { source };
}

function validate<S extends z.ZodType>(
	schema: S,
	frontmatter: Frontmatter,
	file: string,
	problems: Problem[]
) {
	const result = schema.safeParse(frontmatter.data ?? {});
	if (result.success) return result.data as z.infer<S>;
	for (const issue of issuesAt(frontmatter, result.error.issues)) {
		const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
		const message = issue.message.startsWith(String(issue.path[0]))
			? issue.message
			: field + issue.message;
		problems.push({ file, line: issue.line, message });
	}
	return null;
}

function listDir(dir: string) {
	const order = (name: string) => Number(ORDER_PREFIX.exec(name)?.[1] ?? Infinity);
	return readdirSync(dir)
		.filter((name) => !name.startsWith('.'))
		.sort((a, b) => order(a) - order(b) || a.localeCompare(b))
		.map((name) => {
			const entryPath = path.join(dir, name);
			return { name, path: entryPath, isDirectory: statSync(entryPath).isDirectory() };
		});
}

function lineOf(node: Nodes, page: Page) {
	return (node.position?.start.line ?? 1) + page.bodyLine - 1;
}

function headingsOf(page: Page, problems: Problem[]): Heading[] {
	const slugger = new GithubSlugger();
	const toc: Heading[] = [];
	let previousDepth = 1;
	for (const node of page.tree.children) {
		if (node.type !== 'heading') continue;
		const heading = node as MdHeading;
		const text = toString(heading);
		const id = slugger.slug(text);
		page.anchors.add(id);
		if (heading.depth === 1) {
			problems.push({
				file: page.file,
				line: lineOf(heading, page),
				message:
					'no level-1 heading in a lesson: the title comes from the frontmatter, sections start at ##'
			});
		} else if (heading.depth > previousDepth + 1) {
			problems.push({
				file: page.file,
				line: lineOf(heading, page),
				message: `heading level skipped: a level-${heading.depth} heading follows a level-${previousDepth} one`
			});
		}
		previousDepth = heading.depth;
		if (heading.depth === 2 || heading.depth === 3)
			toc.push({ depth: heading.depth, id, text: typeset(text) });
	}
	return toc;
}

function checkReferences(
	page: Page,
	pages: Map<string, Page>,
	coursesDir: string,
	problems: Problem[]
) {
	const report = (node: Nodes, message: string) =>
		problems.push({ file: page.file, line: lineOf(node, page), message });
	const urls = new Set(['/', ...[...pages.values()].map((other) => other.url)]);
	const dir = path.dirname(page.absolute);
	const courseDir = path.join(
		coursesDir,
		path.relative(coursesDir, page.absolute).split(path.sep)[0]
	);

	const visit = (node: Nodes) => {
		if (node.type === 'image') checkImage(node);
		if (node.type === 'link') checkLink(node);
		if ('children' in node) node.children.forEach(visit);
	};

	function checkImage(image: Image) {
		if (!image.alt?.trim())
			report(
				image,
				`image "${image.url}" has no alt text: describe it between the brackets, ![like this](${image.url})`
			);
		if (!isRelative(image.url)) {
			report(
				image,
				`image "${image.url}" must be a file next to the lesson (assets/...): readers' browsers never fetch from another site`
			);
			return;
		}
		const target = path.resolve(dir, decodeURI(image.url));
		if (!target.startsWith(courseDir + path.sep))
			report(image, `image "${image.url}" is outside the course folder`);
		else if (!existsSync(target)) report(image, `image not found: ${image.url}`);
	}

	function checkLink(link: Link) {
		const [target, anchor] = link.url.split('#');
		if (link.url.startsWith('#')) {
			if (!page.anchors.has(anchor))
				report(link, `link to "#${anchor}": no heading of this page has that id`);
			return;
		}
		if (link.url.startsWith('/')) {
			if (!urls.has(target.replace(/\/$/, '') || '/'))
				report(link, `broken link: no page at ${target}`);
			return;
		}
		if (!isRelative(link.url)) return;
		if (!target.endsWith('.md')) {
			report(
				link,
				`link "${link.url}": link to another page through its .md file (e.g. ../01-sequence/02-lesson.md)`
			);
			return;
		}
		const other = pages.get(path.resolve(dir, decodeURI(target)));
		if (!other || !other.url) report(link, `broken link: ${target} is not a page of the courses`);
		else if (anchor && !other.anchors.has(anchor))
			report(link, `broken link: ${target} has no heading with the id "${anchor}"`);
	}

	visit(page.tree);
}

/** Previous and next follow the reading order: a sequence's lessons, then its quiz. */
function linkReadingOrder(course: Course) {
	const steps: { ref: PageRef; lesson: Lesson | null }[] = [];
	for (const sequence of course.sequences) {
		for (const lesson of sequence.lessons)
			steps.push({ ref: { title: lesson.title, url: lesson.url }, lesson });
		if (sequence.quiz)
			steps.push({ ref: { title: sequence.quiz.title, url: sequence.quiz.url }, lesson: null });
	}
	steps.forEach((step, i) => {
		if (!step.lesson) return;
		step.lesson.previous = steps[i - 1]?.ref ?? null;
		step.lesson.next = steps[i + 1]?.ref ?? null;
	});
}

export function formatProblems(problems: Problem[]) {
	return problems
		.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`)
		.join('\n');
}
