import type { Blockquote, Heading, List, ListItem, Nodes, Root, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import { issuesAt } from './frontmatter.ts';
import { quizFrontmatterSchema } from './schema.ts';
import type { Problem, Quiz, QuizOption, QuizQuestion } from './types.ts';
import { typeset } from './typography.js';

// The shapes live with the content's other types; they are named here too, where a quiz is read.
export type { Quiz, QuizOption, QuizQuestion } from './types.ts';

const EXPLICIT_ID = /\s*\{#([^}]*)\}\s*$/;
/** Written after an option's text: the option keeps its place when options are shuffled. */
const PIN = /\s*\{pin\}\s*$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type HrefResolver = (href: string) => string;

function render(nodes: RootContent[], resolveHref: HrefResolver): string {
	const hast = toHast({ type: 'root', children: nodes } as Root);
	const walk = (node: {
		type: string;
		tagName?: string;
		properties?: Record<string, unknown>;
		children?: unknown[];
	}) => {
		if (node.type === 'text' && 'value' in node && typeof node.value === 'string') {
			node.value = typeset(node.value);
		}
		if (node.tagName === 'code') return;
		if (node.tagName === 'a' && typeof node.properties?.href === 'string') {
			node.properties.href = resolveHref(node.properties.href);
		}
		for (const child of node.children ?? []) walk(child as typeof node);
	};
	walk(hast as Parameters<typeof walk>[0]);
	return toHtml(hast);
}

/** Inline content of an option or heading, without the wrapping paragraph. */
function inline(node: { children: RootContent[] } | undefined, resolveHref: HrefResolver) {
	return node ? render(node.children, resolveHref) : '';
}

const lineOf = (node: Nodes, offset: number) => (node.position?.start.line ?? 1) + offset - 1;

/**
 * Reads a quiz from its Markdown (already split from its frontmatter), following the format
 * authors write without a manual: `##` questions, task-list options, blockquotes for feedback.
 */
export function parseQuiz(
	frontmatter: unknown,
	tree: Root,
	options: {
		file: string;
		bodyLine: number;
		lineOf: (path: PropertyKey[]) => number;
		resolveHref?: HrefResolver;
	}
): { quiz: Quiz | null; problems: Problem[] } {
	const { file, bodyLine } = options;
	const resolveHref = options.resolveHref ?? ((href) => href);
	const problems: Problem[] = [];
	const report = (node: Nodes | null, message: string) =>
		problems.push({ file, line: node ? lineOf(node, bodyLine) : 1, message });

	const meta = quizFrontmatterSchema.safeParse(frontmatter ?? {});
	if (!meta.success) {
		for (const issue of issuesAt(options, meta.error.issues)) {
			problems.push({ file, line: issue.line, message: issue.message });
		}
	}

	const findImages = (node: Nodes) => {
		if (node.type === 'image')
			report(node, 'images are not supported in a quiz: describe the situation in words');
		if ('children' in node) node.children.forEach(findImages);
	};
	findImages(tree);

	const questions: QuizQuestion[] = [];
	const slugger = new GithubSlugger();
	let current: { heading: Heading; question: QuizQuestion; list: List | null } | null = null;

	const finish = () => {
		if (!current) return;
		const { heading, question, list } = current;
		if (!list)
			report(
				heading,
				`question "${question.id}" has no options: add a list of "- [ ]" and "- [x]" items`
			);
		else if (question.options.length < 2)
			report(heading, `question "${question.id}" needs at least two options`);
		else if (!question.options.some((option) => option.correct)) {
			report(
				heading,
				`question "${question.id}" has no correct option: mark at least one with [x]`
			);
		}
		questions.push(question);
	};

	for (const node of tree.children) {
		if (node.type === 'heading') {
			if (node.depth !== 2) {
				report(
					node,
					'questions are level-2 headings (## ...); other heading levels are not allowed in a quiz'
				);
				continue;
			}
			finish();
			current = {
				heading: node,
				question: startQuestion(node, slugger, report, resolveHref),
				list: null
			};
			current.question.line = lineOf(node, bodyLine);
			if (questions.some((q) => q.id === current?.question.id)) {
				report(
					node,
					`duplicate question id "${current.question.id}": give one of them another {#id}`
				);
			}
			continue;
		}
		if (!current) {
			if (node.type !== 'html' || !/^<!--/.test(node.value)) {
				report(node, 'text before the first question: a quiz starts with a "## question" heading');
			}
			continue;
		}
		if (node.type === 'list') {
			if (current.list)
				report(
					node,
					`question "${current.question.id}" has two lists of options: keep them in one list`
				);
			current.list = node;
			current.question.options.push(...readOptions(node, current.question.id, report, resolveHref));
			current.question.multiple = current.question.options.filter((o) => o.correct).length > 1;
		} else if (node.type === 'blockquote') {
			if (!current.list) report(node, 'an explanation (> ...) comes after the options');
			current.question.explanationHtml += render(node.children, resolveHref);
		} else if (!current.list) {
			current.question.detailsHtml += render([node], resolveHref);
		} else {
			report(
				node,
				`unexpected content after the options of question "${current.question.id}": only an explanation (> ...) may follow them`
			);
		}
	}
	finish();

	if (questions.length === 0)
		report(null, 'the quiz has no question: each question is a "## " heading');
	const draw = meta.success ? (meta.data.draw ?? null) : null;
	if (draw !== null && questions.length > 0 && draw > questions.length) {
		problems.push({
			file,
			line: options.lineOf(['draw']),
			message: `draw: ${draw} questions cannot be drawn from the quiz's ${questions.length}: draw at most ${questions.length}`
		});
	}
	if (!meta.success || problems.length > 0) return { quiz: null, problems };
	return {
		quiz: {
			title: typeset(meta.data.title),
			passingScore: meta.data.passingScore,
			// Drawing them all is no draw: every attempt answers the whole quiz.
			draw: draw === questions.length ? null : draw,
			questions
		},
		problems
	};
}

function startQuestion(
	heading: Heading,
	slugger: GithubSlugger,
	report: (node: Nodes, message: string) => void,
	resolveHref: HrefResolver
): QuizQuestion {
	const children = structuredClone(heading.children);
	const last = children.at(-1);
	let id: string | null = null;
	if (last?.type === 'text') {
		const match = EXPLICIT_ID.exec(last.value);
		if (match) {
			id = match[1];
			last.value = last.value.slice(0, match.index);
			if (!ID.test(id)) {
				report(
					heading,
					`invalid question id "{#${id}}": use lowercase letters, digits and hyphens`
				);
			}
		}
	}
	const promptHtml = inline({ children }, resolveHref);
	if (!toString({ type: 'heading', depth: 2, children }).trim())
		report(heading, 'a question heading is empty');
	return {
		id: id ?? slugger.slug(toString({ type: 'heading', depth: 2, children })),
		promptHtml,
		detailsHtml: '',
		multiple: false,
		options: [],
		explanationHtml: '',
		line: 1
	};
}

function readOptions(
	list: List,
	questionId: string,
	report: (node: Nodes, message: string) => void,
	resolveHref: HrefResolver
): QuizOption[] {
	const slugger = new GithubSlugger();
	const seen = new Set<string>();
	return list.children.map((item: ListItem, index) => {
		if (item.checked === null || item.checked === undefined) {
			report(
				item,
				`option ${index + 1} of question "${questionId}" must start with [ ] (wrong) or [x] (right)`
			);
		}
		const [original, ...rest] = item.children;
		const { node: first, pinned } = withoutPin(original);
		const text = first ? toString(first).trim() : '';
		if (!text || first?.type !== 'paragraph')
			report(item, `option ${index + 1} of question "${questionId}" has no text`);
		if (seen.has(text)) report(item, `question "${questionId}" lists the option "${text}" twice`);
		seen.add(text);
		const feedback = rest.filter((node): node is Blockquote => node.type === 'blockquote');
		if (feedback.length === 0) {
			report(
				item,
				`option "${text}" of question "${questionId}" has no feedback: add "  > why" under it`
			);
		}
		if (rest.length !== feedback.length) {
			report(
				item,
				`option "${text}" of question "${questionId}": only a feedback blockquote may follow the option's text`
			);
		}
		return {
			id: slugger.slug(text.slice(0, 60)) || `option-${index + 1}`,
			html: first?.type === 'paragraph' ? inline(first, resolveHref) : '',
			correct: item.checked === true,
			pinned,
			feedbackHtml: feedback.map((quote) => render(quote.children, resolveHref)).join('')
		};
	});
}

/** The option's paragraph without its trailing `{pin}`, and whether it had one. */
function withoutPin(node: ListItem['children'][number] | undefined) {
	if (node?.type !== 'paragraph') return { node, pinned: false };
	const last = node.children.at(-1);
	if (last?.type !== 'text' || !PIN.test(last.value)) return { node, pinned: false };
	const copy = structuredClone(node);
	copy.children[copy.children.length - 1] = { ...last, value: last.value.replace(PIN, '') };
	return { node: copy, pinned: true };
}

/**
 * Options are shuffled for each attempt, so where an author writes the right one tells learners
 * nothing; a pinned option, though, is always in its place. Reports a quiz whose single-choice
 * questions have a pinned right answer in more than half of them (from three such questions:
 * fewer say nothing about a habit), since learners soon learn to pick it.
 */
export function answerPositionWarning(quiz: Quiz, file: string): Problem | null {
	const single = quiz.questions.filter((question) => !question.multiple);
	if (single.length < 3) return null;
	const pinnedRight = single.filter((question) =>
		question.options.some((option) => option.correct && option.pinned)
	);
	if (pinnedRight.length * 2 <= single.length) return null;
	return {
		file,
		line: pinnedRight[0]!.line,
		message: `the right answer is the pinned option in ${pinnedRight.length} of ${single.length} single-choice questions: learners will learn to pick it`
	};
}
