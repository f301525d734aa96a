// The passages of a lesson a reader may propose to change, by their lines in the Markdown file:
// each paragraph, list item (up to a nested list), table and heading. The links beside them
// (edit-links.js) are placed by the same rule on the compiled lesson.
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import {
	COMPONENT_NAMES,
	contentBesideTags,
	contentBesideTagsMessage,
	LESSON_COMPONENTS,
	SVELTE_CODE,
	tokenizeTags
} from './components.js';

export interface LineRange {
	/** 1-based, counted from the top of the file, front matter included. */
	from: number;
	to: number;
}

const markdown = unified().use(remarkParse).use(remarkGfm);

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

/** Lines of a file, as an editor numbers them (a final newline opens no line). */
export const linesOf = (source: string) => source.replace(/\n$/, '').split('\n');

/** Every passage of the lesson, in the order of the file. */
export function blockRanges(source: string): LineRange[] {
	// Front matter blanked, not cut, so that lines keep their numbers.
	const body = source.replace(FRONTMATTER, (head) => head.replace(/[^\n]/g, ''));
	const tree = markdown.parse(body) as Root;
	const ranges: LineRange[] = [];
	const visit = (node: Nodes, inItem: boolean) => {
		const at = node.position;
		if (at && (node.type === 'heading' || node.type === 'table')) {
			ranges.push({ from: at.start.line, to: at.end.line });
			return;
		}
		if (at && node.type === 'paragraph' && !inItem) {
			ranges.push({ from: at.start.line, to: at.end.line });
			return;
		}
		if (at && node.type === 'listItem') {
			let to = at.start.line;
			for (const child of node.children) {
				if (child.type === 'list') break;
				if (child.position) to = Math.max(to, child.position.end.line);
			}
			ranges.push({ from: at.start.line, to });
			for (const child of node.children) visit(child, true);
			return;
		}
		if ('children' in node) for (const child of node.children) visit(child as Nodes, inItem);
	};
	visit(tree, false);
	return ranges;
}

/** `12-14` (or `12`) from a link, or null when it is not a range of lines. */
export function parseLineRange(value: string | null | undefined): LineRange | null {
	const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(value ?? '');
	if (!match) return null;
	const from = Number(match[1]);
	const to = Number(match[2] ?? match[1]);
	return from >= 1 && to >= from ? { from, to } : null;
}

/** The passage at exactly these lines, or null when no passage of the file spans them. */
export function passageAt(source: string, range: LineRange): string | null {
	const known = blockRanges(source).some(
		(block) => block.from === range.from && block.to === range.to
	);
	if (!known) return null;
	return linesOf(source)
		.slice(range.from - 1, range.to)
		.join('\n');
}

const SVELTE_ELEMENT = /<svelte:[\w-]+/;

/**
 * The raw tags and the text of a passage, with their lines in it, and the components whose
 * content sits beside their tags (contentBesideTags).
 */
function piecesOf(markdown: string) {
	const tags: (ReturnType<typeof tokenizeTags>['tags'][number] & { line: number })[] = [];
	const texts: { value: string; line: number }[] = [];
	const besides: { name: string; line: number }[] = [];
	const visit = (node: Nodes, inline: boolean) => {
		const line = node.position?.start.line ?? 1;
		if (node.type === 'html') {
			const found = tokenizeTags(node.value).tags;
			for (const tag of found) tags.push({ ...tag, line });
			for (const tag of contentBesideTags(node.value, found, inline)) {
				const at = line + (node.value.slice(0, tag.offset).match(/\n/g)?.length ?? 0);
				besides.push({ name: tag.name, line: at });
			}
		} else if (node.type === 'text') texts.push({ value: node.value, line });
		if ('children' in node) {
			const within = inline || node.type === 'paragraph' || node.type === 'heading';
			for (const child of node.children) visit(child as Nodes, within);
		}
	};
	visit(parseMarkdown(markdown), false);
	return { tags, texts, besides };
}

const parseMarkdown = (text: string) => markdown.parse(text) as Root;

/**
 * What the content checks refuse in a proposed passage (lines are the passage's), for the page to
 * say in its reader's language; `describePassageProblem` says it as the authors' checks do.
 */
export type PassageProblem =
	/** Svelte code or a Svelte element: `code` is what was found. */
	| { kind: 'code'; line: number; code: string }
	/** A tag that is no lesson component and was not in the passage already. */
	| { kind: 'html'; line: number; tag: string }
	/** A lesson component (or a tag of the passage) written wrong: `detail` says how. */
	| { kind: 'attributes'; line: number; tag: string; detail: string }
	/** A tag opened and closed otherwise than in the passage it replaces. */
	| { kind: 'unbalanced'; tag: string }
	/** A component's content beside its tags, which readers would see as typed. */
	| { kind: 'layout'; line: number; tag: string };

/** A problem in the words of the authors' content checks: `line N: message`. */
export function describePassageProblem(problem: PassageProblem): string {
	switch (problem.kind) {
		case 'code':
			return `line ${problem.line}: ${
				problem.code.startsWith('<')
					? `${problem.code}> is not allowed in a lesson: a lesson holds no code`
					: `Svelte code "${problem.code}" is not allowed in a lesson: write Markdown, and put code between backticks`
			}`;
		case 'html':
			return `line ${problem.line}: <${problem.tag}> is not a lesson component (${COMPONENT_NAMES.join(', ')}), and a lesson holds no other HTML`;
		case 'attributes':
			return `line ${problem.line}: <${problem.tag}>: ${problem.detail}`;
		case 'unbalanced':
			return `<${problem.tag}> is opened and closed differently than in the passage it replaces`;
		case 'layout':
			return `line ${problem.line}: ${contentBesideTagsMessage(problem.tag)}`;
	}
}

/**
 * What the content checks would refuse in a proposed passage, or null. The lesson components it
 * may hold are those of the closed list, with their attributes checked, opened and closed as in
 * the passage it replaces; no other HTML, no Svelte.
 */
export function checkPassage(proposed: string, original: string): PassageProblem | null {
	const before = piecesOf(original);
	const after = piecesOf(proposed);
	for (const text of after.texts) {
		const match = SVELTE_CODE.exec(text.value) ?? SVELTE_ELEMENT.exec(text.value);
		if (match) return { kind: 'code', line: text.line, code: match[0] };
	}
	const known = new Set(before.tags.map((tag) => tag.name));
	const balance = (tags: typeof after.tags) => {
		const counts = new Map<string, number>();
		for (const tag of tags) {
			if (tag.kind === 'comment' || tag.selfClosing) continue;
			counts.set(tag.name, (counts.get(tag.name) ?? 0) + (tag.kind === 'open' ? 1 : -1));
		}
		return counts;
	};
	for (const tag of after.tags) {
		if (tag.kind === 'comment') continue;
		const { line, name } = tag;
		const component = LESSON_COMPONENTS[name as keyof typeof LESSON_COMPONENTS];
		// Whether the tag may be there at all comes first: how it is written matters only then.
		if (!component && !known.has(name)) return { kind: 'html', line, tag: name };
		if (tag.problems.length > 0)
			return { kind: 'attributes', line, tag: name, detail: tag.problems[0] };
		if (component && tag.kind === 'open') {
			const result = component.props.safeParse(tag.attributes);
			if (!result.success)
				return { kind: 'attributes', line, tag: name, detail: result.error.issues[0].message };
		}
	}
	const wanted = balance(before.tags);
	for (const [name, count] of balance(after.tags)) {
		if (count !== (wanted.get(name) ?? 0)) return { kind: 'unbalanced', tag: name };
	}
	for (const [name, count] of wanted) {
		if (count !== 0 && !balance(after.tags).has(name)) return { kind: 'unbalanced', tag: name };
	}
	const [beside] = after.besides;
	if (beside) return { kind: 'layout', line: beside.line, tag: beside.name };
	return null;
}
