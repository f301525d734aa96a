// Lesson texts and introductions, compiled by mdsvex, rendered to HTML once per process. Browsers
// get them as HTML only (in the page, or in the JSON of a client-side navigation), never as
// components: a lesson page carries no code for its own text, nor a map of every lesson's text,
// which grew with the content (about 11 KB of gzipped JavaScript per 500 lessons).
import { error } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { rememberBody } from '$lib/content/rendered-bodies';

const bodies = import.meta.glob<{ default: Component }>([
	'/courses/*/course.md',
	'/courses/*/*/sequence.md',
	'/courses/*/*/[0-9]*.md'
]);

/** Texts do not change while a build runs; in dev they do, so there each is rendered anew. */
const rendering = new Map<string, Promise<string>>();

/** @param file path relative to the repository root, as the content index gives it */
export function renderBody(file: string): Promise<string> {
	let html = dev ? undefined : rendering.get(file);
	if (!html) {
		const load = bodies[`/${file}`];
		if (!load) error(404, 'page not found');
		html = load().then(({ default: body }) => {
			// Without the hydration markers of this separate render, which would confuse the page's
			// own (`{@html}` ends at the first empty comment). Markdown leaves no comment of its own.
			// Its own id prefix: the ids lesson components make never meet the page's.
			const text = render(body, { idPrefix: 'text' }).body.replace(/<!--[\s\S]*?-->/g, '');
			rememberBody(file, text);
			return text;
		});
		html.catch(() => rendering.delete(file));
		rendering.set(file, html);
	}
	return html;
}

/**
 * What a page's server load returns of a text: nothing when the server renders the page (the
 * universal load takes it from renderedBody), the HTML for a client-side navigation. In dev it is
 * always sent, so that hydration finds the same HTML and Svelte has nothing to warn about.
 */
export async function bodyForPage(file: string, isDataRequest: boolean) {
	const html = await renderBody(file);
	return isDataRequest || dev ? html : null;
}
