// SvelteKit looks a posted action up by its name in the page's `actions` object without checking
// that the name is its own: `?/constructor` or `?/toString` run a function every object inherits,
// and `?/default` throws, so all of them answer 500 (up to @sveltejs/kit 2.70 at least). Such
// names never name an action of ours; they get the 404 an unknown action gets.
import { error, json, type Handle } from '@sveltejs/kit';

/** The name SvelteKit reads from `?/name`: the first query parameter that starts with a slash. */
function postedActionName(url: URL): string | undefined {
	for (const [key] of url.searchParams) if (key.startsWith('/')) return key.slice(1);
	return undefined;
}

export const handle: Handle = async ({ event, resolve }) => {
	if (event.request.method !== 'POST') return resolve(event);
	const name = postedActionName(event.url);
	if (name === undefined || (name !== 'default' && !(name in Object.prototype))) {
		return resolve(event);
	}
	// The answer `use:enhance` expects, as SvelteKit gives it for an action that does not exist.
	const headers = event.request.headers;
	if (
		headers.get('x-sveltekit-action') === 'true' ||
		headers.get('accept') === 'application/json'
	) {
		return json({ type: 'error', error: { message: 'Not Found' } }, { status: 404 });
	}
	error(404, 'Not Found');
};
