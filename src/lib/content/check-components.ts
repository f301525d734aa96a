// The checks of lesson components: a page's raw HTML may hold only the components of the closed
// set (components.js), each with valid attributes, its files next to it and its terms in the
// course's glossary. Anything else (an HTML element, a <script>, Svelte code) is refused.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Nodes, Root } from 'mdast';
import {
	COMPONENT_NAMES,
	contentBesideTags,
	contentBesideTagsMessage,
	LESSON_COMPONENTS,
	SVELTE_CODE,
	tokenizeTags
} from './components.js';
import { termId } from './glossary.js';
import { isRelative } from './markdown.js';
import type { LessonVideo } from './types.ts';

export interface ComponentContext {
	/** Absolute folder of the course. */
	courseDir: string;
	/** The glossary file relative to the repository root, and its terms' ids; null without one. */
	glossary: { file: string; ids: Set<string> } | null;
	videoHosts: string[];
}

/** What kind of page holds the components: a video plays on a page of its own only in a lesson. */
export type PageKind = 'lesson' | 'introduction';

interface OpenTag {
	name: string;
	line: number;
	attributes: Record<string, string>;
	text: string;
	hasContent: boolean;
}

const LIST = COMPONENT_NAMES.join(', ');
/** CommonMark leaves these as text, which mdsvex would still compile as Svelte elements. */
const SVELTE_ELEMENT = /<svelte:[\w-]+/;

/**
 * @param absolute the page's absolute path
 * @param lineOf the line of the file where a node starts
 * @returns the videos of the page, in order, for their no-script player pages
 */
export function checkComponents(
	tree: Root,
	absolute: string,
	context: ComponentContext,
	lineOf: (node: Nodes) => number,
	report: (line: number, message: string) => void,
	kind: PageKind = 'lesson'
): LessonVideo[] {
	const stack: OpenTag[] = [];
	const videos: LessonVideo[] = [];
	const dir = path.dirname(absolute);

	const checkFile = (name: string, attribute: string, value: string, line: number) => {
		if (!isRelative(value)) {
			report(
				line,
				`<${name}>: ${attribute} "${value}" must be a file next to the lesson (assets/...): readers' browsers never fetch from another site`
			);
			return;
		}
		const target = path.resolve(dir, decodeURI(value));
		if (!target.startsWith(context.courseDir + path.sep))
			report(line, `<${name}>: ${attribute} "${value}" is outside the course folder`);
		else if (!existsSync(target)) report(line, `<${name}>: ${attribute} not found: ${value}`);
	};

	const open = (name: string, attributes: Record<string, string>, line: number) => {
		const spec = LESSON_COMPONENTS[name];
		const result = spec.props.safeParse(attributes);
		if (!result.success) {
			for (const issue of result.error.issues) {
				const message =
					issue.code === 'unrecognized_keys'
						? `unknown attribute ${issue.keys.join(', ')}`
						: issue.message;
				report(line, `<${name}>: ${message}`);
			}
			return;
		}
		for (const attribute of spec.files) {
			if (attributes[attribute]) checkFile(name, attribute, attributes[attribute], line);
		}
		if (name === 'Video' && kind !== 'lesson') {
			report(line, '<Video> belongs in a lesson, not in the introduction of a course or sequence');
		} else if (name === 'Video') {
			const host = new URL(attributes.src).hostname;
			if (!context.videoHosts.includes(host))
				report(
					line,
					`<Video>: src is on ${host}, which the course does not declare: add it to videoHosts in course.md`
				);
			videos.push({ title: attributes.title, src: attributes.src });
		}
	};

	const closeTerm = (tag: OpenTag) => {
		const id = tag.attributes.id ?? termId(tag.text);
		if (!context.glossary) {
			report(
				tag.line,
				`<Term>: the course has no glossary: add a glossary.md to the course folder`
			);
		} else if (!context.glossary.ids.has(id)) {
			report(
				tag.line,
				`unknown glossary term "${tag.attributes.id ?? tag.text.trim()}": add it as a "## " heading to ${context.glossary.file}, or name its entry with <Term id="…">`
			);
		}
	};

	/** Content beside its component's tags (contentBesideTags), said once per component. */
	const reportedLayout = new Set<number>();
	const misplaced = (name: string, line: number) => {
		if (reportedLayout.has(line)) return;
		reportedLayout.add(line);
		report(line, contentBesideTagsMessage(name));
	};
	const visitHtml = (value: string, line: number, inline: boolean) => {
		const { tags } = tokenizeTags(value);
		const besides = new Set(contentBesideTags(value, tags, inline));
		for (const tag of tags) {
			const at = line + (value.slice(0, tag.offset).match(/\n/g)?.length ?? 0);
			if (tag.kind === 'comment') continue;
			const { name } = tag;
			if (besides.has(tag)) {
				const opened = tag.kind === 'close' ? stack.findLast((open) => open.name === name) : null;
				misplaced(name, opened?.line ?? at);
			}
			if (/^(script|style)$/i.test(name) || name.includes(':')) {
				if (tag.kind === 'open')
					report(at, `<${name}> is not allowed in a lesson: a lesson holds no code`);
				continue;
			}
			if (!/^[A-Z]/.test(name)) {
				if (tag.kind === 'open')
					report(
						at,
						`raw HTML <${name}> is not allowed in a lesson: write Markdown, or use one of the components ${LIST}`
					);
				continue;
			}
			if (!LESSON_COMPONENTS[name]) {
				if (tag.kind === 'open') report(at, `unknown component <${name}>: use one of ${LIST}`);
				continue;
			}
			if (tag.kind === 'close') {
				const top = stack.at(-1);
				if (!top || !stack.some((open) => open.name === name)) {
					report(at, `</${name}> closes nothing: no <${name}> is open here`);
					continue;
				}
				if (top.name !== name) {
					report(
						at,
						`</${name}> comes before </${top.name}>: close the <${top.name}> opened on line ${top.line} first`
					);
					continue;
				}
				stack.pop();
				// Content beside its tags is there, only misplaced: said once, as such.
				const misplacedContent = reportedLayout.has(top.line);
				if (!top.hasContent && !misplacedContent && LESSON_COMPONENTS[name].children === 'required')
					report(
						top.line,
						`<${name}> is empty: write its content between <${name}> and </${name}>`
					);
				else if (name === 'Term') closeTerm(top);
				continue;
			}
			for (const problem of tag.problems) report(at, `<${name}>: ${problem}`);
			if (tag.problems.length === 0) open(name, tag.attributes, at);
			const spec = LESSON_COMPONENTS[name];
			if (tag.selfClosing) {
				if (spec.children === 'required')
					report(
						at,
						`<${name}> needs content: write it between <${name}> and </${name}>, not in a self-closing tag`
					);
				continue;
			}
			if (spec.children === 'none') {
				report(at, `<${name}> takes no content: close it in its own tag, <${name} … />`);
				continue;
			}
			for (const outer of stack) outer.hasContent = true;
			stack.push({ name, line: at, attributes: tag.attributes, text: '', hasContent: false });
		}
	};

	const visit = (node: Nodes, inline = false) => {
		if (node.type === 'html') {
			visitHtml(node.value, lineOf(node), inline);
			return;
		}
		if (node.type === 'text' || node.type === 'inlineCode') {
			const match =
				node.type === 'text'
					? (SVELTE_CODE.exec(node.value) ?? SVELTE_ELEMENT.exec(node.value))
					: null;
			if (match) {
				const line = lineOf(node) + (node.value.slice(0, match.index).match(/\n/g)?.length ?? 0);
				report(
					line,
					match[0].startsWith('<')
						? `${match[0]}> is not allowed in a lesson: a lesson holds no code`
						: `Svelte code "${match[0]}" is not allowed in a lesson: write Markdown, and put code between backticks`
				);
			}
			for (const open of stack) {
				open.text += node.value;
				if (node.value.trim()) open.hasContent = true;
			}
			return;
		}
		if (node.type === 'link' && /^svelte:/i.test(node.url)) {
			// CommonMark reads <svelte:head> as a link to the scheme "svelte:".
			report(lineOf(node), `<${node.url}> is not allowed in a lesson: a lesson holds no code`);
			return;
		}
		if (node.type === 'image' || node.type === 'code')
			stack.forEach((open) => (open.hasContent = true));
		// Inside a paragraph or a heading, a tag is a word among the others.
		const phrasing = inline || node.type === 'paragraph' || node.type === 'heading';
		if ('children' in node) for (const child of node.children) visit(child as Nodes, phrasing);
	};
	visit(tree);

	for (const open of stack)
		report(open.line, `<${open.name}> is never closed: add </${open.name}> after its content`);
	return videos;
}
