import { error } from '@sveltejs/kit';
import { loadQuiz } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { findAttempt } from '$lib/server/quiz';
import { requireUser } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { user } = requireUser();
	const { quiz, ...page } = loadQuiz(params.course, params.sequence);
	const id = Number(params.attempt);
	const attempt = Number.isSafeInteger(id) ? await findAttempt(useDatabase(), user.id, id) : null;
	if (!attempt || attempt.quizKey !== page.sequence.key) error(404, 'attempt not found');
	return { ...page, quizTitle: quiz.title, attempt };
};
