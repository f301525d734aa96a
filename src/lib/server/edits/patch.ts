// A suggested edit as git takes it: the diff of words an author reviews, the proposal carried
// over to the file as it is now, and the `git format-patch` mail that `git am` applies.
import { createHash } from 'node:crypto';
import { applyPatch, diffWordsWithSpace, structuredPatch } from 'diff';
import { distance } from 'fastest-levenshtein';
import type { DiffSegment, EditState } from '../../edits.ts';
import { linesOf } from '../../content/passages.ts';

/** The words that changed, whitespace kept, runs of the same kind joined. */
export function wordDiff(before: string, after: string): DiffSegment[] {
	const segments: DiffSegment[] = [];
	for (const change of diffWordsWithSpace(before, after)) {
		const kind = change.added ? 'ins' : change.removed ? 'del' : 'same';
		const last = segments.at(-1);
		if (last?.kind === kind) last.text += change.value;
		else segments.push({ kind, text: change.value });
	}
	return segments;
}

/** The id git gives a file's content (`git hash-object`). */
export function gitBlobId(text: string) {
	const bytes = Buffer.from(text, 'utf8');
	return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface Proposal {
	from: number;
	to: number;
	original: string;
	proposed: string;
}

export type Placement =
	| { state: Extract<EditState, 'current' | 'rebased'>; from: number; to: number; proposed: string }
	| { state: Extract<EditState, 'applied' | 'outdated'> };

const blockOf = (lines: string[], from: number, to: number) => lines.slice(from - 1, to).join('\n');

/** 1 for the same text, 0 for nothing in common. */
function similarity(a: string, b: string) {
	const longest = Math.max(a.length, b.length);
	return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

const SIMILAR_ENOUGH = 0.6;

/** Where the text of `wanted` (n lines) stands in the file: exact and nearest first, else closest. */
function locate(lines: string[], wanted: string, near: number) {
	const count = linesOf(wanted).length;
	const exact: number[] = [];
	for (let start = 1; start + count - 1 <= lines.length; start++) {
		if (blockOf(lines, start, start + count - 1) === wanted) exact.push(start);
	}
	if (exact.length > 0) {
		const start = exact.sort((a, b) => Math.abs(a - near) - Math.abs(b - near))[0];
		return { from: start, to: start + count - 1, exact: true };
	}
	let best: { from: number; to: number; score: number } | null = null;
	for (const size of new Set([count, count - 1, count + 1].filter((n) => n >= 1))) {
		for (let start = 1; start + size - 1 <= lines.length; start++) {
			const text = blockOf(lines, start, start + size - 1);
			if (Math.min(text.length, wanted.length) < Math.max(text.length, wanted.length) / 2) continue;
			const score = similarity(text, wanted);
			const closer =
				best && score === best.score && Math.abs(start - near) < Math.abs(best.from - near);
			if (score >= SIMILAR_ENOUGH && (!best || score > best.score || closer))
				best = { from: start, to: start + size - 1, score };
		}
	}
	return best && { from: best.from, to: best.to, exact: false };
}

// Words as lines, so that git-like hunks (and their context) work on words: a newline inside a
// run of spaces becomes a character no text holds (forms remove NUL).
const asWordLines = (text: string) =>
	text
		.split(/(\s+)/)
		.filter(Boolean)
		.map((token) => token.replace(/\n/g, '\u0000'))
		.join('\n') + '\n';
const fromWordLines = (lines: string) => lines.replace(/\n/g, '').replace(/\u0000/g, '\n');

/**
 * The proposal's changes made to a passage the author has changed meanwhile: they carry over
 * when the words around each change are still there, as `git apply` would decide on lines.
 */
export function mergeWords(original: string, proposed: string, changed: string): string | null {
	const patch = structuredPatch('a', 'b', asWordLines(original), asWordLines(proposed), '', '', {
		context: 2
	});
	const merged = applyPatch(asWordLines(changed), patch);
	return merged === false ? null : fromWordLines(merged);
}

/** Where the proposal goes in the file as it is now, or why it goes nowhere. */
export function place(proposal: Proposal, source: string): Placement {
	const lines = linesOf(source);
	const { from, to, original, proposed } = proposal;
	if (blockOf(lines, from, to) === original) return { state: 'current', from, to, proposed };
	const found = locate(lines, original, from);
	if (found?.exact) return { state: 'rebased', from: found.from, to: found.to, proposed };
	if (locate(lines, proposed, from)?.exact) return { state: 'applied' };
	if (!found) return { state: 'outdated' };
	const merged = mergeWords(original, proposed, blockOf(lines, found.from, found.to));
	if (merged === null) return { state: 'outdated' };
	return { state: 'rebased', from: found.from, to: found.to, proposed: merged };
}

/** The file with lines `from`–`to` replaced by `text`. */
export function replaceLines(source: string, from: number, to: number, text: string) {
	const lines = source.split('\n');
	lines.splice(from - 1, to - from + 1, ...text.split('\n'));
	return lines.join('\n');
}

export interface PatchMail {
	file: string;
	before: string;
	after: string;
	author: { name: string; email: string };
	date: Date;
	/** The commit message: its first line is the subject. */
	message: string;
}

/** A header value as mail carries it: UTF-8 words encoded (RFC 2047), folded, when not ASCII. */
function encodeHeader(value: string) {
	if (/^[\x20-\x7e]*$/.test(value)) return value;
	const words: string[] = [];
	let word = '';
	for (const character of value) {
		const encoded = [...Buffer.from(character, 'utf8')]
			.map((byte) =>
				/[A-Za-z0-9!*+\-/]/.test(String.fromCharCode(byte))
					? String.fromCharCode(byte)
					: `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
			)
			.join('');
		if (word.length + encoded.length > 60) {
			words.push(word);
			word = '';
		}
		word += encoded;
	}
	if (word) words.push(word);
	return words.map((each) => `=?UTF-8?q?${each}?=`).join('\n ');
}

/** `Thu, 03 Dec 2026 07:00:00 +0000`, as git writes dates in mails. */
const mailDate = (date: Date) => date.toUTCString().replace(/GMT$/, '+0000');

/** The diff git writes for one file, `diff --git` header and blob ids included. */
export function gitDiff(file: string, before: string, after: string) {
	const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 });
	const hunks = patch.hunks.map((hunk) =>
		[
			`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
			...hunk.lines
		].join('\n')
	);
	return [
		`diff --git a/${file} b/${file}`,
		`index ${gitBlobId(before).slice(0, 12)}..${gitBlobId(after).slice(0, 12)} 100644`,
		`--- a/${file}`,
		`+++ b/${file}`,
		...hunks
	].join('\n');
}

/** One commit as `git format-patch` writes it, which `git am` reads back. */
export function formatPatch(mail: PatchMail) {
	const [subject = '', ...rest] = mail.message.trim().split('\n');
	// A line of three dashes would end the message early, where git expects the diff to begin.
	const body = rest.join('\n').trim().replace(/^---$/gm, '- - -');
	const changed = linesChanged(mail.before, mail.after);
	return [
		'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
		`From: ${encodeHeader(mail.author.name)} <${mail.author.email}>`,
		`Date: ${mailDate(mail.date)}`,
		`Subject: ${encodeHeader(`[PATCH] ${subject.trim()}`)}`,
		'MIME-Version: 1.0',
		'Content-Type: text/plain; charset=UTF-8',
		'Content-Transfer-Encoding: 8bit',
		'',
		...(body ? [body, ''] : []),
		'---',
		` ${mail.file} | ${changed.insertions + changed.deletions} ${'+'.repeat(Math.min(changed.insertions, 40))}${'-'.repeat(Math.min(changed.deletions, 40))}`,
		` 1 file changed, ${changed.insertions} insertion${changed.insertions === 1 ? '' : 's'}(+), ${changed.deletions} deletion${changed.deletions === 1 ? '' : 's'}(-)`,
		'',
		gitDiff(mail.file, mail.before, mail.after),
		'-- ',
		'Parcours',
		'',
		''
	].join('\n');
}

function linesChanged(before: string, after: string) {
	const patch = structuredPatch('a', 'b', before, after, '', '', { context: 0 });
	let insertions = 0;
	let deletions = 0;
	for (const line of patch.hunks.flatMap((hunk) => hunk.lines)) {
		if (line.startsWith('+')) insertions++;
		if (line.startsWith('-')) deletions++;
	}
	return { insertions, deletions };
}
