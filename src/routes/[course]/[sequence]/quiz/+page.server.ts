import { fail, redirect } from '@sveltejs/kit';
import { loadQuiz } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { formOf } from '$lib/server/forms';
import * as quizzes from '$lib/server/quiz';
import { courseLink, messagesFor } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { quiz, ...page } = loadQuiz(params.course, params.sequence);
	const db = useDatabase();
	const attempts = locals.user
		? await quizzes.listAttempts(db, locals.user.id, page.sequence.key)
		: null;
	const scores = locals.user
		? (await quizzes.scoresByQuiz(db, locals.user.id, page.course.slug)).get(page.sequence.key)
		: undefined;
	// A retry comes in another order than the attempt before: the account's latest, or the one
	// an anonymous learner's result page names.
	const previous = locals.user
		? await quizzes.latestArrangement(db, locals.user.id, page.sequence.key)
		: quizzes.previousArrangement(quiz, url.searchParams.get('after'));
	return {
		...page,
		quiz: quizzes.publicQuiz(quiz, quizzes.freshArrangement(quiz, previous)),
		// The latest twenty are listed; the best may be older.
		attempts: attempts?.slice(0, 20) ?? null,
		best: scores?.best ?? null,
		canSeeStatistics: quizzes.canSeeStatistics(locals.user?.role)
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const { course, sequence, quiz } = loadQuiz(params.course, params.sequence);
		const form = await formOf(request);
		const submission = quizzes.parseSubmission(quiz, form);
		const t = messagesFor(locals.lang).quiz;
		if (!submission.ok) return fail(400, { message: t.errors[submission.code] });
		const { answers, arrangement } = submission;
		// The form comes back in the order the learner was answering in, with their ticks.
		const shown = () => ({ answers, quiz: quizzes.publicQuiz(quiz, arrangement) });
		const unanswered = quizzes.unansweredQuestions(arrangement, answers);
		if (unanswered.length === arrangement.questions.length)
			return fail(400, { message: t.empty, ...shown() });
		if (unanswered.length > 0 && form.get('confirm') !== 'yes') return { unanswered, ...shown() };
		// The result keeps the visit's language, as every link of the course does.
		const inLanguage = (href: string) => courseLink(href, locals.lang, course.language);
		if (!locals.user)
			redirect(
				303,
				inLanguage(`${sequence.url}/quiz/result?${quizzes.answersQuery(answers, arrangement.seed)}`)
			);
		const stored = await quizzes.submitAttempt(useDatabase(), {
			userId: locals.user.id,
			courseSlug: course.slug,
			quizKey: sequence.key,
			result: quizzes.gradeQuiz(quiz, answers, quizzes.drawnQuestions(arrangement)),
			answers,
			arrangement
		});
		if (!stored.ok) return fail(429, { message: t.attemptsThrottled(stored.minutes), ...shown() });
		redirect(303, inLanguage(`${sequence.url}/quiz/attempts/${stored.attemptId}`));
	}
};
