import type { Role } from '../db/schema.ts';

export { gradeQuiz, type QuizResult, type QuestionResult } from './grade.ts';
export { answersQuery, parseSubmission, publicQuiz, unansweredQuestions } from './submission.ts';
export {
	arrange,
	drawnQuestions,
	freshArrangement,
	inShownOrder,
	previousArrangement,
	type Arrangement
} from './arrangement.ts';
export * from './attempts.ts';

/** Who may read a quiz's statistics: the people who write and run the courses. */
export const canSeeStatistics = (role: Role | undefined) => role === 'author' || role === 'admin';
