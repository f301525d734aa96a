// The lesson page's only script when the server renders it (`csr = false` in +page.ts): the page
// reads, navigates and posts without any, and this adds what only a script can do. The same
// behaviours come from +page.svelte and the layout when a visit reaches the lesson by client-side
// navigation from a page that runs SvelteKit. Bundled on its own (see the import in +page.svelte),
// so it loads nothing else.
import { playVideosWhenOpened } from '$lib/components/lesson/video';
import { readingPosition, shortcutTarget } from './reading';

/** The section being read is marked in both lists of contents (folded on phones, beside the text). */
const contents = [...document.querySelectorAll<HTMLAnchorElement>('.toc-list a[href^="#"]')];
const ids = [...new Set(contents.map((link) => decodeURIComponent(link.hash.slice(1))))];
readingPosition(ids, (id) => {
	for (const link of contents) {
		if (decodeURIComponent(link.hash.slice(1)) === id)
			link.setAttribute('aria-current', 'location');
		else link.removeAttribute('aria-current');
	}
});

const next = document.querySelector<HTMLAnchorElement>('.pagination a[rel="next"]');
const previous = document.querySelector<HTMLAnchorElement>('.pagination a[rel="prev"]');
addEventListener('keydown', (event) => {
	const step = shortcutTarget(event, { next, previous });
	if (!step) return;
	event.preventDefault();
	location.assign(step.href);
});
// The shortcuts are told about only where they work.
for (const hint of document.querySelectorAll<HTMLElement>('.shortcuts[hidden]'))
	hint.hidden = false;

playVideosWhenOpened(document);

// Reached by a link from a page that runs SvelteKit, then reloaded, this page sits among entries
// SvelteKit made in the browser's history for that earlier page: Back and Forward to them change
// only the address (SvelteKit, which would show them, does not run here). The page at that address
// is loaded then. A section of the contents (`#…`) is an entry of this page: nothing to load.
const here = location.pathname + location.search;
addEventListener('popstate', () => {
	if (location.pathname + location.search !== here) location.reload();
});
