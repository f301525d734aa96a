import { error, redirect } from '@sveltejs/kit';
import { loadQuiz } from '$lib/server/content';
import * as quizzes from '$lib/server/quiz';
import { messagesFor } from '$lib/i18n';
import type { PageServerLoad } from './$types';

// The answers travel in the URL and are graded on every visit: a reader without an account can
// reload or bookmark their result, and the server keeps nothing about them.
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { quiz, ...page } = loadQuiz(params.course, params.sequence);
	const submission = quizzes.parseSubmission(quiz, url.searchParams);
	if (!submission.ok) error(400, messagesFor(locals.lang).quiz.errors[submission.code]);
	const { answers, arrangement } = submission;
	const unanswered = quizzes.unansweredQuestions(arrangement, answers);
	if (unanswered.length === arrangement.questions.length)
		redirect(303, `${page.sequence.url}/quiz`);
	const result = quizzes.gradeQuiz(quiz, answers, quizzes.drawnQuestions(arrangement));
	return {
		...page,
		quizTitle: quiz.title,
		result: quizzes.inShownOrder(result, arrangement),
		seed: arrangement.seed,
		signedIn: locals.user !== null
	};
};
