import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';

export interface Frontmatter {
	data: unknown;
	/** Markdown after the closing `---`. */
	body: string;
	/** Line of the file on which `body` starts (1-based). */
	bodyLine: number;
	/** Line of a field, for messages; the opening line when the field is absent. */
	lineOf(path: PropertyKey[]): number;
	/** A YAML syntax error, with its line. */
	error?: { line: number; message: string };
}

const FENCE = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function readFrontmatter(source: string): Frontmatter {
	const match = FENCE.exec(source);
	if (!match) {
		return {
			data: undefined,
			body: source,
			bodyLine: 1,
			lineOf: () => 1,
			error: { line: 1, message: 'missing frontmatter: the file must start with a --- block' }
		};
	}
	const lineCounter = new LineCounter();
	const document = parseDocument(match[1] ?? '', { lineCounter, prettyErrors: false });
	// +1: the YAML starts on the line after the opening ---
	const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
	const bodyLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 0 : 1);
	const firstError = document.errors[0];
	return {
		data: firstError ? undefined : document.toJS(),
		body: source.slice(match[0].length),
		bodyLine,
		error: firstError && {
			line: lineAt(firstError.pos[0]),
			message: `invalid YAML: ${firstError.message.split('\n')[0]}`
		},
		lineOf(path) {
			let node: unknown = document.contents;
			let line = 1;
			for (const key of path) {
				if (isMap(node)) {
					const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
					if (!pair) break;
					const keyNode = pair.key as Node;
					if (keyNode.range) line = lineAt(keyNode.range[0]);
					node = pair.value;
				} else if (isSeq(node) && typeof key === 'number') {
					node = node.items[key];
				} else break;
				const range = (node as Node | null)?.range;
				if (range) line = lineAt(range[0]);
			}
			return line;
		}
	};
}
