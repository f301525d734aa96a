/** The questions, options, right answers and feedback of one version of a quiz. */
export interface QuizVersion {
	passingScore: number;
	questions: {
		id: string;
		promptHtml: string;
		detailsHtml: string;
		multiple: boolean;
		explanationHtml: string;
		options: { id: string; html: string; correct: boolean; feedbackHtml: string }[];
	}[];
}

type GradedQuestion = QuizVersion['questions'][number];

/** One option as the learner saw it, with whether it was right and whether they ticked it. */
export interface OptionResult {
	id: string;
	html: string;
	correct: boolean;
	chosen: boolean;
	feedbackHtml: string;
}

/**
 * A question as answered, copied in full from the quiz: a stored attempt stays readable after
 * the author edits or removes the question.
 */
export interface QuestionResult {
	id: string;
	promptHtml: string;
	detailsHtml: string;
	multiple: boolean;
	answered: boolean;
	correct: boolean;
	/** Some right options ticked, but not exactly the right set: still wrong, worth a word. */
	partiallyCorrect: boolean;
	/** Ticked option ids, in the quiz's order. */
	chosen: string[];
	explanationHtml: string;
	options: OptionResult[];
}

export interface QuizResult {
	/** Percentage of right questions, rounded to a whole number. */
	score: number;
	correctCount: number;
	questionCount: number;
	/** The threshold this attempt was judged against, kept with the snapshot. */
	passingScore: number;
	passed: boolean;
	questions: QuestionResult[];
}

/**
 * Which quiz of the content, and which of its questions, a result was graded on: its version (and
 * so its stored form) depends on nothing else.
 */
const gradings = new WeakMap<QuizResult, { quiz: QuizVersion; drawn: string }>();

export const gradingOf = (result: QuizResult) => gradings.get(result);

/**
 * Grades answers as `parseSubmission` returns them. A question is right only when the ticked
 * options are exactly its correct ones; an unanswered question counts as wrong. The result keeps
 * the quiz's own order, so that every attempt at one version shares one snapshot; `inShownOrder`
 * puts it back in the order the learner saw.
 */
export function gradeQuiz(
	quiz: QuizVersion,
	answers: Record<string, string[]>,
	/** The questions this attempt drew; all of them when absent. */
	drawn?: string[]
): QuizResult {
	const asked = drawn ? new Set(drawn) : null;
	const questions = quiz.questions
		.filter((question) => !asked || asked.has(question.id))
		.map((question) =>
			gradeQuestion(question, Object.hasOwn(answers, question.id) ? answers[question.id] : [])
		);
	const correctCount = questions.filter((question) => question.correct).length;
	const questionCount = questions.length;
	const score = questionCount === 0 ? 0 : Math.round((correctCount * 100) / questionCount);
	const result = {
		score,
		correctCount,
		questionCount,
		passingScore: quiz.passingScore,
		passed: score >= quiz.passingScore,
		questions
	};
	// Every question, or those drawn: the two never share a key.
	gradings.set(result, { quiz, drawn: drawn ? `drawn:${drawn.join('\n')}` : 'all' });
	return result;
}

function gradeQuestion(question: GradedQuestion, answer: string[]): QuestionResult {
	const ticked = new Set(answer);
	const options = question.options.map((option) => ({
		id: option.id,
		html: option.html,
		correct: option.correct,
		chosen: ticked.has(option.id),
		feedbackHtml: option.feedbackHtml
	}));
	const chosen = options.filter((option) => option.chosen).map((option) => option.id);
	// An id the question does not have is a wrong choice, never one to drop silently.
	const allKnown = chosen.length === ticked.size;
	const exact = allKnown && options.every((option) => option.chosen === option.correct);
	const someRight = options.some((option) => option.chosen && option.correct);
	return {
		id: question.id,
		promptHtml: question.promptHtml,
		detailsHtml: question.detailsHtml,
		multiple: question.multiple,
		answered: ticked.size > 0,
		correct: exact,
		partiallyCorrect: someRight && !exact,
		chosen,
		explanationHtml: question.explanationHtml,
		options
	};
}
