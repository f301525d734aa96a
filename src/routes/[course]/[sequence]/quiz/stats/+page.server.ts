import { error } from '@sveltejs/kit';
import { loadQuiz } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { canSeeStatistics, quizStatistics } from '$lib/server/quiz';
import { requireUser } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { user } = requireUser();
	if (!canSeeStatistics(user.role)) error(403, 'authors and administrators only');
	const { quiz, ...page } = loadQuiz(params.course, params.sequence);
	const statistics = await quizStatistics(useDatabase(), page.sequence.key, quiz.questions);
	return { ...page, quizTitle: quiz.title, statistics };
};
