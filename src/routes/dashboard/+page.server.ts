import { courseCompletion, sequenceCompletionOf } from '$lib/server/completion';
import { findCourse } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { courseProgress, sequenceProgress, startedCourses } from '$lib/server/progress';
import { requireUser } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { user } = requireUser();
	const db = useDatabase();
	const courses = [];
	for (const slug of await startedCourses(db, user.id)) {
		const course = findCourse(slug);
		if (!course) continue;
		const [progress, completion] = await Promise.all([
			courseProgress(db, user.id, course),
			courseCompletion(db, user.id, course)
		]);
		courses.push({
			slug,
			title: course.title,
			url: course.url,
			progress,
			completion,
			sequences: course.sequences.map((sequence) => ({
				title: sequence.title,
				number: sequence.number,
				quizUrl: sequence.quiz?.url ?? null,
				quiz: sequenceProgress(progress, sequence.key)?.quiz ?? null,
				completion: sequenceCompletionOf(completion, sequence.key)
			}))
		});
	}
	return { courses };
};
