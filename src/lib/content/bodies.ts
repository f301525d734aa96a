import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';

// Lessons and introductions compiled by mdsvex; each becomes its own chunk, loaded on demand.
const bodies = import.meta.glob<{ default: Component }>([
	'/courses/*/course.md',
	'/courses/*/*/sequence.md',
	'/courses/*/*/[0-9]*.md'
]);

/** @param file path relative to the repository root, as the content index gives it */
export async function loadBody(file: string): Promise<Component> {
	const load = bodies[`/${file}`];
	if (!load) error(404, 'page not found');
	return (await load()).default;
}
