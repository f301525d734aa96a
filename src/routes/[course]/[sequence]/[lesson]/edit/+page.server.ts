import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { contentVersion, loadLesson } from '$lib/server/content';
import { useDatabase } from '$lib/server/db';
import { findPassage, previewEdit, proposeEdit } from '$lib/server/edits';
import { formOf, textFields } from '$lib/server/forms';
import { forumFailure } from '$lib/server/forum-pages';
import { postingBlock } from '$lib/server/forum/permissions';
import { lessonSource } from '$lib/server/lesson-sources';
import { messagesFor } from '$lib/i18n';
import { requireUser } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['lines', 'proposed', 'body', 'signed'] as const;

/** The lesson of the URL with its file, or a 404. */
async function editedLesson({ params }: Pick<RequestEvent, 'params'>) {
	const found = loadLesson(params.course!, params.sequence!, params.lesson!);
	const source = await lessonSource(found.lesson.file);
	if (source === null) error(404, 'lesson not found');
	const { key, title, file, url } = found.lesson;
	return { ...found, edited: { key, title, file, url, source, contentVersion } };
}

export const load: PageServerLoad = async (event) => {
	const { course, edited } = await editedLesson(event);
	const lines = event.url.searchParams.get('lines');
	const passage = await findPassage(edited, lines);
	// A refused proposal whose passage is gone (a new build meanwhile) still shows what was typed.
	if (!passage && event.request.method !== 'POST')
		error(400, messagesFor(event.locals.lang).forum.edit.passageUnknown);
	return {
		course,
		lesson: { title: edited.title, url: edited.url, file: edited.file },
		passage: passage && { ...passage, lines: `${passage.from}-${passage.to}` },
		block: postingBlock(event.locals.user),
		username: event.locals.user?.username ?? null,
		suspendedUntil: event.locals.user?.postingSuspendedUntil ?? null
	};
};

export const actions: Actions = {
	preview: async (event) => {
		requireUser();
		const { edited } = await editedLesson(event);
		const fields = textFields(await formOf(event.request), FIELDS);
		const result = await previewEdit(edited, fields);
		if (!result.ok) return forumFailure(result, event.locals.lang, fields);
		return { ...fields, preview: result.html };
	},
	propose: async (event) => {
		const { user } = requireUser();
		const { edited } = await editedLesson(event);
		const fields = textFields(await formOf(event.request), FIELDS);
		const t = messagesFor(event.locals.lang).forum.edit;
		const range = await findPassage(edited, fields.lines);
		const title = t.title(edited.title, range?.from ?? 0, range?.to ?? 0);
		const input = { ...fields, signed: fields.signed === 'yes', title };
		const result = await proposeEdit(useDatabase(), user.id, edited, input);
		if (!result.ok) return forumFailure(result, event.locals.lang, fields);
		redirect(303, `${result.url}?notice=created`);
	}
};
