// The content check as an author runs it: a command in a process of its own, which prints
// `file:line` messages and says by its exit code whether the course can be published.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { VALID_COURSE, writeCourses } from '../helpers/course-fixture.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const QUIZ = 'courses/demo/01-premiers-pas/quiz.md';
const replaceIn = (file: string, from: string, to: string) => {
	const source = VALID_COURSE[file]!;
	if (!source.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
	return { [file]: source.replace(from, to) };
};

/** A question of three options, the `right` one correct and pinned in its place. */
const question = (n: number, right: number) =>
	`## Question ${n}\n\n` +
	[0, 1, 2]
		.map(
			(i) =>
				`- [${i === right ? 'x' : ' '}] Option ${n}.${i}${i === right ? ' {pin}' : ''}\n  > Retour ${n}.${i}.`
		)
		.join('\n') +
	'\n';
const quiz = (rights: number[]) => ({
	'demo/01-premiers-pas/quiz.md':
		'---\ntitle: Auto-évaluation\n---\n\n' + rights.map((r, i) => question(i + 1, r)).join('\n')
});

describe('npm run check:content', () => {
	// It starts a TypeScript runner in a new process, which takes seconds on a busy machine.
	test('the command prints file:line messages and exits non-zero', { timeout: 60_000 }, () => {
		const { coursesDir, cleanup } = writeCourses(
			replaceIn(QUIZ.replace('courses/', ''), '- [x] Vrai', '- [ ] Vrai')
		);
		cleanups.push(cleanup);
		const result = spawnSync(
			process.execPath,
			['--import', 'tsx', 'scripts/check-content.ts', coursesDir],
			{ encoding: 'utf8', timeout: 60_000 }
		);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('quiz.md:6: question "unique" has no correct option');
		expect(result.stderr).toContain('1 problem found');
	});

	test('the warning is printed but the command still succeeds', () => {
		const { coursesDir, cleanup } = writeCourses(quiz([2, 2, 2]));
		cleanups.push(cleanup);
		const result = spawnSync('npx', ['tsx', 'scripts/check-content.ts', coursesDir], {
			encoding: 'utf8'
		});
		expect(result.stderr).toContain(
			'quiz.md:5: warning: the right answer is the pinned option in 3 of 3 single-choice questions'
		);
		expect(result.status).toBe(0);
	}, 60_000);
});
