// The Markdown of each lesson as this build was made from it: a proposed edit starts from the
// author's own lines, and a patch is made against them. Loaded on demand, one file at a time.
const sources = import.meta.glob<string>('/courses/*/*/[0-9]*.md', {
	query: '?raw',
	import: 'default'
});

/** @param file path from the repository root, as the content index gives it */
export async function lessonSource(file: string): Promise<string | null> {
	const load = sources[`/${file}`];
	return load ? load() : null;
}
