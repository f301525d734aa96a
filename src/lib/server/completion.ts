// When a sequence, then a course, counts as complete for a learner, by the rules the course sets
// in its course.md (`completion`). Lessons done come from progress, quiz results from the quiz
// module: this module owns no table.
import type { Course, Sequence } from '../content/types.ts';
import type { DB } from './db/index.ts';
import { doneLessonKeys } from './progress.ts';
import { scoresByQuiz, type Scores } from './quiz/index.ts';

export interface Steps {
	done: number;
	total: number;
}

export interface SequenceCompletion {
	key: string;
	lessonsDone: number;
	lessonsTotal: number;
	hasQuiz: boolean;
	/** Whether the course's rules ask for this sequence's quiz to be passed. */
	quizRequired: boolean;
	/** Passed by the course's rules: false for a sequence without a quiz. */
	quizPassed: boolean;
	/** What the rules ask of this sequence (each lesson one step, the quiz one), and how much is done. */
	steps: Steps;
	complete: boolean;
}

export interface CourseCompletion {
	sequences: SequenceCompletion[];
	/** Keys of the course's lessons the learner marked done. */
	doneLessons: string[];
	steps: Steps;
	complete: boolean;
}

/** Whether a quiz counts as passed: by the course's own pass mark when it sets one. */
function quizPassed(scores: Scores | undefined, passingScore: number | undefined) {
	if (!scores) return false;
	return passingScore === undefined ? scores.passed : scores.best.score >= passingScore;
}

function sequenceCompletion(
	sequence: Sequence,
	rules: Course['completion'],
	done: Set<string>,
	scores: Scores | undefined
): SequenceCompletion {
	const lessonsDone = sequence.lessons.filter((lesson) => done.has(lesson.key)).length;
	const lessonsTotal = sequence.lessons.length;
	const hasQuiz = sequence.quiz !== null;
	const passed = hasQuiz && quizPassed(scores, rules.passingScore);
	const needsLessons = rules.lessons || !hasQuiz;
	const needsQuiz = rules.quizzes && hasQuiz;
	const steps = {
		done: (needsLessons ? lessonsDone : 0) + (needsQuiz && passed ? 1 : 0),
		total: (needsLessons ? lessonsTotal : 0) + (needsQuiz ? 1 : 0)
	};
	return {
		key: sequence.key,
		lessonsDone,
		lessonsTotal,
		hasQuiz,
		quizRequired: needsQuiz,
		quizPassed: passed,
		steps,
		complete: steps.done === steps.total
	};
}

/** A learner's completion of a course from what they did, measured against the course today. */
export function completionOf(
	course: Course,
	done: Set<string>,
	scores: Map<string, Scores>
): CourseCompletion {
	const sequences = course.sequences.map((sequence) =>
		sequenceCompletion(sequence, course.completion, done, scores.get(sequence.key))
	);
	const steps = sequences.reduce(
		(sum, sequence) => ({
			done: sum.done + sequence.steps.done,
			total: sum.total + sequence.steps.total
		}),
		{ done: 0, total: 0 }
	);
	const lessons = course.sequences.flatMap((sequence) => sequence.lessons);
	return {
		sequences,
		doneLessons: lessons.filter((lesson) => done.has(lesson.key)).map((lesson) => lesson.key),
		steps,
		complete: sequences.length > 0 && sequences.every((sequence) => sequence.complete)
	};
}

export async function courseCompletion(
	db: DB,
	userId: number,
	course: Course
): Promise<CourseCompletion> {
	const [done, scores] = await Promise.all([
		doneLessonKeys(db, userId, course.slug),
		scoresByQuiz(db, userId, course.slug)
	]);
	return completionOf(course, done, scores);
}

/** The completion of one sequence of the course, found by its key. */
export function sequenceCompletionOf(
	completion: CourseCompletion,
	sequenceKey: string
): SequenceCompletion {
	const found = completion.sequences.find((sequence) => sequence.key === sequenceKey);
	if (!found) throw new Error(`the course has no sequence ${sequenceKey}`);
	return found;
}
