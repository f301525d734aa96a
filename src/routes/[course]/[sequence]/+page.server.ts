import { bodyForPage } from '$lib/server/bodies';
import { findCourse, loadSequence } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { courseProgress } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, isDataRequest }) => {
	const found = loadSequence(params.course, params.sequence);
	const page = { ...found, introduction: await bodyForPage(found.sequence.file, isDataRequest) };
	if (!locals.user) return { ...page, progress: null };
	const progress = await courseProgress(
		useDatabase(),
		locals.user.id,
		findCourse(page.course.slug)!
	);
	return {
		...page,
		progress: {
			doneLessons: progress.doneLessons,
			sequence: progress.sequences.find((sequence) => sequence.key === page.sequence.key) ?? null
		}
	};
};
