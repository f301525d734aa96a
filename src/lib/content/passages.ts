// The passages of a lesson a reader may propose to change, by their lines in the Markdown file:
// each paragraph, list item (up to a nested list), table and heading. The links beside them
// (edit-links.js) are placed by the same rule on the compiled lesson.
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { COMPONENT_NAMES, LESSON_COMPONENTS, SVELTE_CODE, tokenizeTags } from './components.js';

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

/** The raw tags and the text of a passage, with their lines in it. */
function piecesOf(markdown: string) {
	const tags: (ReturnType<typeof tokenizeTags>['tags'][number] & { line: number })[] = [];
	const texts: { value: string; line: number }[] = [];
	const visit = (node: Nodes) => {
		const line = node.position?.start.line ?? 1;
		if (node.type === 'html') {
			for (const tag of tokenizeTags(node.value).tags) tags.push({ ...tag, line });
		} else if (node.type === 'text') texts.push({ value: node.value, line });
		if ('children' in node) for (const child of node.children) visit(child as Nodes);
	};
	visit(parseMarkdown(markdown));
	return { tags, texts };
}

const parseMarkdown = (text: string) => markdown.parse(text) as Root;

/**
 * What the content checks would refuse in a proposed passage, as `line N: message` (lines of the
 * passage), or null. The lesson components it may hold are those of the closed list, with their
 * attributes checked, opened and closed as in the passage it replaces; no other HTML, no Svelte.
 */
export function checkPassage(proposed: string, original: string): string | null {
	const before = piecesOf(original);
	const after = piecesOf(proposed);
	for (const text of after.texts) {
		const match = SVELTE_CODE.exec(text.value) ?? SVELTE_ELEMENT.exec(text.value);
		if (match)
			return `line ${text.line}: ${
				match[0].startsWith('<')
					? `${match[0]}> is not allowed in a lesson: a lesson holds no code`
					: `Svelte code "${match[0]}" is not allowed in a lesson: write Markdown, and put code between backticks`
			}`;
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
		if (tag.problems.length > 0) return `line ${tag.line}: <${tag.name}>: ${tag.problems[0]}`;
		const component = LESSON_COMPONENTS[tag.name as keyof typeof LESSON_COMPONENTS];
		if (!component && !known.has(tag.name))
			return `line ${tag.line}: <${tag.name}> is not a lesson component (${COMPONENT_NAMES.join(', ')}), and a lesson holds no other HTML`;
		if (component && tag.kind === 'open') {
			const result = component.props.safeParse(tag.attributes);
			if (!result.success)
				return `line ${tag.line}: <${tag.name}>: ${result.error.issues[0].message}`;
		}
	}
	const wanted = balance(before.tags);
	for (const [name, count] of balance(after.tags)) {
		if (count !== (wanted.get(name) ?? 0))
			return `<${name}> is opened and closed differently than in the passage it replaces`;
	}
	for (const [name, count] of wanted) {
		if (count !== 0 && !balance(after.tags).has(name))
			return `<${name}> is opened and closed differently than in the passage it replaces`;
	}
	return null;
}
