// Checks every course and prints each problem as `file:line: message`, for authors and CI.
import path from 'node:path';
import { formatProblems, loadContent } from '../src/lib/content/load.ts';

const coursesDir = path.resolve(process.argv[2] ?? 'courses');
const { index, problems, warnings } = loadContent(coursesDir);

if (warnings.length > 0) {
	console.warn(
		formatProblems(
			warnings.map((warning) => ({ ...warning, message: `warning: ${warning.message}` }))
		)
	);
}

if (problems.length > 0) {
	console.error(formatProblems(problems));
	console.error(
		`\n${problems.length} problem${problems.length > 1 ? 's' : ''} found in ${path.relative(process.cwd(), coursesDir) || '.'}`
	);
	process.exit(1);
}

const lessons = index.courses.flatMap((course) =>
	course.sequences.flatMap((sequence) => sequence.lessons)
);
const quizzes = index.courses.flatMap((course) =>
	course.sequences.filter((sequence) => sequence.quiz)
);
console.log(
	`content ok: ${index.courses.length} course(s), ${lessons.length} lessons, ${quizzes.length} quizzes (version ${index.version})`
);
