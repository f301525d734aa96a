import {
	LineCounter,
	parseDocument,
	isMap,
	isScalar,
	isSeq,
	type Node,
	type YAMLError
} from 'yaml';
import type { z } from 'zod';

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
const OPENING = /^---[ \t]*\r?\n/;

const QUOTING_HINT =
	'put the value between double quotes, e.g. title: "Partager : pourquoi et comment"';

/** What went wrong in words an author knows, rather than the YAML parser's vocabulary. */
function explain(error: Pick<YAMLError, 'code' | 'message'>): string {
	switch (error.code) {
		case 'BLOCK_AS_IMPLICIT_KEY':
		case 'MULTILINE_IMPLICIT_KEY':
			return `a value contains ": " (a colon and a space), which YAML reads as a new field; ${QUOTING_HINT}`;
		case 'BAD_SCALAR_START':
			return `a value starts with a character YAML reserves (${error.message.slice(-1)}); ${QUOTING_HINT}`;
		case 'UNEXPECTED_TOKEN':
			return `text follows a quoted value; ${QUOTING_HINT} around the whole value`;
		case 'MISSING_CHAR':
			return /quote/.test(error.message)
				? 'a quote is opened and never closed on this line'
				: `a line is not of the form "field: value"; ${QUOTING_HINT}`;
		case 'TAB_AS_INDENT':
			return 'a tab is used to indent: indent with spaces';
		case 'DUPLICATE_KEY':
			return 'the same field is given twice';
		case 'BAD_INDENT':
			return 'a list is not closed, or a line is not indented like the others';
		default:
			return `${error.message.split('\n')[0]}; if a value contains a colon or a #, ${QUOTING_HINT}`;
	}
}

/**
 * A quoted value may span lines in YAML, so the parser notices a missing quote only where the
 * block ends; the author needs the line where the quote was opened.
 */
function unclosedQuoteLine(yaml: string, error: YAMLError): number | null {
	const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
	if (error.code !== 'MISSING_CHAR' || !quote) return null;
	const index = yaml.split('\n').findIndex((line) => line.split(quote).length % 2 === 0);
	// +2: the YAML starts on the line after the opening ---, and lines count from 1.
	return index === -1 ? null : index + 2;
}

export function readFrontmatter(source: string): Frontmatter {
	const match = FENCE.exec(source);
	if (!match) {
		const message = OPENING.test(source)
			? 'the frontmatter opened on line 1 has no closing --- line'
			: 'missing frontmatter: the file must start with a --- block';
		return {
			data: undefined,
			body: source,
			bodyLine: 1,
			lineOf: () => 1,
			error: { line: 1, message }
		};
	}
	const lineCounter = new LineCounter();
	const document = parseDocument(match[1] ?? '', { lineCounter, prettyErrors: false });
	// +1: the YAML starts on the line after the opening ---
	const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
	const bodyLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 0 : 1);
	const firstError = document.errors[0];
	let data: unknown;
	let error: Frontmatter['error'] = firstError && {
		line: unclosedQuoteLine(match[1] ?? '', firstError) ?? lineAt(firstError.pos[0]),
		message: `invalid YAML: ${explain(firstError)}`
	};
	if (!error) {
		try {
			data = document.toJS();
		} catch {
			// `*word*` (Markdown emphasis) reads as a YAML alias to an anchor that does not exist.
			error = {
				line: 1,
				message: `invalid YAML: a value starts with * (an alias in YAML); ${QUOTING_HINT}`
			};
		}
	}
	return {
		data,
		body: source.slice(match[0].length),
		bodyLine,
		error,
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

/**
 * The problems a schema found in a frontmatter, each at its line: an unknown field is reported
 * at its own line rather than at the top of the block that holds it.
 */
export function issuesAt(frontmatter: Pick<Frontmatter, 'lineOf'>, issues: z.core.$ZodIssue[]) {
	return issues.flatMap((issue) => {
		if (issue.code !== 'unrecognized_keys') {
			return [{ line: frontmatter.lineOf(issue.path), path: issue.path, message: issue.message }];
		}
		return issue.keys.map((key) => ({
			line: frontmatter.lineOf([...issue.path, key]),
			path: [] as PropertyKey[],
			message: `unknown field: ${[...issue.path, key].join('.')}`
		}));
	});
}
