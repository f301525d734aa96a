import { fail } from '@sveltejs/kit';
import { loadQuiz } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { formOf } from '$lib/server/forms';
import * as quizzes from '$lib/server/quiz';
import { messagesFor } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { quiz, ...page } = loadQuiz(params.course, params.sequence);
	const attempts = locals.user
		? await quizzes.listAttempts(useDatabase(), locals.user.id, page.sequence.key)
		: null;
	const best = attempts?.reduce<(typeof attempts)[number] | null>(
		(top, attempt) => (top && top.score >= attempt.score ? top : attempt),
		null
	);
	return {
		...page,
		quiz: quizzes.publicQuiz(quiz),
		// The latest twenty are listed; the best may be older.
		attempts: attempts?.slice(0, 20) ?? null,
		best: best ?? null,
		canSeeStatistics: quizzes.canSeeStatistics(locals.user?.role)
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const { course, sequence, quiz } = loadQuiz(params.course, params.sequence);
		const submission = quizzes.parseSubmission(quiz, await formOf(request));
		if (!submission.ok) {
			return fail(400, { message: messagesFor(locals.lang).quiz.errors[submission.code] });
		}
		if (locals.user) {
			const refused = await quizzes.takeAttemptQuota(useDatabase(), locals.user.id, sequence.key);
			if (refused) {
				const message = messagesFor(locals.lang).quiz.attemptsThrottled(refused.minutes);
				return fail(429, { message });
			}
		}
		const result = quizzes.gradeQuiz(quiz, submission.answers);
		if (locals.user) {
			await quizzes.recordAttempt(useDatabase(), {
				userId: locals.user.id,
				courseSlug: course.slug,
				quizKey: sequence.key,
				result,
				answers: submission.answers
			});
		}
		return { result, saved: locals.user !== null };
	}
};
