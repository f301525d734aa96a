import { useDatabase } from '$lib/server/db';
import { getConfig } from '$lib/server/config';
import { discussionCourse } from '$lib/server/forum-pages';
import { buildCourseFeed } from '$lib/server/forum/feed';
import type { RequestHandler } from './$types';

/** New suggestions and errata of a course, for authors to follow in a feed reader. */
export const GET: RequestHandler = async ({ params, url }) => {
	const course = discussionCourse(params.course);
	const xml = await buildCourseFeed(useDatabase(), {
		origin: getConfig().ORIGIN ?? url.origin,
		course,
		lessonTitles: course.lessons
	});
	return new Response(xml, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
