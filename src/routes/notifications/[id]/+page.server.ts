// A notification's link in the list: marks it read, then goes where it points. A link rather than
// a form, so that it opens in a new tab like any other; the list's links skip SvelteKit's preloading
// (`data-sveltekit-reload`), which would mark it read on a mere hover.
import { error, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { useDatabase } from '$lib/server/db';
import { parseId } from '$lib/server/forum/forms';
import { openNotification } from '$lib/server/notifications';
import { requireUser } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { user } = requireUser();
	const id = parseId(params.id);
	const target = id ? await openNotification(useDatabase(), user.id, id) : null;
	if (!target) error(404, messagesFor(locals.lang).notifications.errors['not-found']);
	redirect(303, target);
};
