import { bodyForPage } from '$lib/server/bodies';
import { courseCompletion } from '$lib/server/completion';
import { findCourse, loadSequence } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { courseProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, isDataRequest }) => {
	const found = loadSequence(params.course, params.sequence);
	const page = { ...found, introduction: await bodyForPage(found.sequence.file, isDataRequest) };
	if (!locals.user) return { ...page, progress: null };
	const db = useDatabase();
	const course = findCourse(page.course.slug)!;
	const [progress, completion] = await Promise.all([
		courseProgress(db, locals.user.id, course),
		courseCompletion(db, locals.user.id, course)
	]);
	const here = ({ key }: { key: string }) => key === page.sequence.key;
	return {
		...page,
		progress: {
			doneLessons: progress.doneLessons,
			sequence: progress.sequences.find(here) ?? null,
			completion: completion.sequences.find(here) ?? null
		}
	};
};
