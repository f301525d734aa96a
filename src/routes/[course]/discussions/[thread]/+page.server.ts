import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { loadEdit, reviseEdit } from '$lib/server/edits';
import { formOf, textFields } from '$lib/server/forms';
import { flagPost } from '$lib/server/forum/flags';
import { discussionCourse, forumFailure } from '$lib/server/forum-pages';
import { parseId } from '$lib/server/forum/forms';
import { setPostHidden, suspendPostAuthor } from '$lib/server/forum/moderation';
import { createReply, deletePost, editPost } from '$lib/server/forum/posts';
import { failure, type ForumResult } from '$lib/server/forum/schema';
import { findThreadCourse } from '$lib/server/forum/thread-store';
import { loadThread } from '$lib/server/forum/thread-page';
import { setThreadLocked, setThreadStatus } from '$lib/server/forum/threads';
import { lessonSource } from '$lib/server/lesson-sources';
import { followState } from '$lib/server/notifications';
import { requireUser } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const course = discussionCourse(params.course);
	const threadId = parseId(params.thread);
	const found = threadId && (await loadThread(useDatabase(), threadId, locals.user));
	if (!found || found.thread.course !== course.slug) error(404, 'thread not found');
	return {
		course: { slug: course.slug, title: course.title, url: course.url },
		lesson: course.lessons.get(found.thread.lessonKey) ?? null,
		...found,
		edit: await loadEdit(useDatabase(), found.thread.id, {
			source: lessonSource,
			editUrl: findCourse(course.slug)?.editUrl ?? null,
			viewer: locals.user
		}),
		editing: parseId(url.searchParams.get('edit')),
		notice: url.searchParams.get('notice'),
		suspendedUntil: locals.user?.postingSuspendedUntil ?? null,
		following: locals.user
			? (await followState(useDatabase(), locals.user.id, { thread: found.thread })).thread
			: null
	};
};

/** The thread of the URL, for actions: a 404 unless it is a thread of the URL's course. */
async function threadOf(event: RequestEvent) {
	const course = discussionCourse(event.params.course ?? '');
	const threadId = parseId(event.params.thread);
	if (!threadId || (await findThreadCourse(useDatabase(), threadId)) !== course.slug) {
		error(404, 'thread not found');
	}
	return threadId;
}

/** After an action, back to the thread (at the post concerned) with a notice: no resubmission. */
function done(event: RequestEvent, notice: string, anchor = '') {
	redirect(303, `${event.url.pathname}?notice=${notice}${anchor ? `#${anchor}` : ''}`);
}

async function postAction(
	event: RequestEvent,
	action: string,
	fieldNames: readonly string[],
	run: (userId: number, postId: number, fields: Record<string, string>) => Promise<ForumResult>,
	notice: string
) {
	const { user } = requireUser();
	await threadOf(event);
	const fields = textFields(await formOf(event.request), ['postId', ...fieldNames]);
	const postId = parseId(fields.postId);
	const result = postId ? await run(user.id, postId, fields) : failure('not-found');
	if (!result.ok) return forumFailure(result, event.locals.lang, { action, ...fields });
	done(event, notice, `post-${postId}`);
}

export const actions: Actions = {
	reply: async (event) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(event.request), ['body']);
		const result = await createReply(useDatabase(), user.id, await threadOf(event), fields);
		if (!result.ok) return forumFailure(result, event.locals.lang, { action: 'reply', ...fields });
		done(event, 'replied', `post-${result.postId}`);
	},
	edit: (event) =>
		postAction(
			event,
			'edit',
			['body', 'title'],
			(userId, postId, { body, title }) =>
				editPost(useDatabase(), userId, postId, { body, title: title || undefined }),
			'edited'
		),
	delete: (event) =>
		postAction(
			event,
			'delete',
			[],
			(userId, postId) => deletePost(useDatabase(), userId, postId),
			'deleted'
		),
	flag: (event) =>
		postAction(
			event,
			'flag',
			['reason'],
			(userId, postId, { reason }) => flagPost(useDatabase(), userId, postId, { reason }),
			'flagged'
		),
	hide: (event) =>
		postAction(
			event,
			'hide',
			['note'],
			(userId, postId, { note }) => setPostHidden(useDatabase(), userId, postId, true, { note }),
			'hidden'
		),
	unhide: (event) =>
		postAction(
			event,
			'unhide',
			['note'],
			(userId, postId, { note }) => setPostHidden(useDatabase(), userId, postId, false, { note }),
			'unhidden'
		),
	suspend: (event) =>
		postAction(
			event,
			'suspend',
			['until', 'note'],
			(userId, postId, { until, note }) =>
				suspendPostAuthor(useDatabase(), userId, postId, { until, note }),
			'suspended'
		),
	status: async (event) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(event.request), ['status', 'note']);
		const result = await setThreadStatus(useDatabase(), user.id, await threadOf(event), fields);
		if (!result.ok) return forumFailure(result, event.locals.lang, { action: 'status', ...fields });
		done(event, 'status');
	},
	revise: async (event) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(event.request), ['proposed']);
		const result = await reviseEdit(useDatabase(), user.id, await threadOf(event), fields);
		if (!result.ok) return forumFailure(result, event.locals.lang, { action: 'revise', ...fields });
		done(event, 'revised', 'edit');
	},
	lock: async (event) => {
		const { user } = requireUser();
		const fields = textFields(await formOf(event.request), ['note', 'locked']);
		const locked = fields.locked === 'yes';
		const result = await setThreadLocked(
			useDatabase(),
			user.id,
			await threadOf(event),
			locked,
			fields
		);
		if (!result.ok) return forumFailure(result, event.locals.lang, { action: 'lock', ...fields });
		done(event, locked ? 'locked' : 'unlocked');
	}
};
