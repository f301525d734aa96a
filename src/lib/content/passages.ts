// The passages of a lesson a reader may propose to change, by their lines in the Markdown file:
// each paragraph, list item (up to a nested list), table and heading. The links beside them
// (edit-links.js) are placed by the same rule on the compiled lesson.
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

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
