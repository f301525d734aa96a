// Learners' Markdown, turned into HTML that can be trusted in a page (post-renderer.ts). The
// renderer, with remark, rehype and their plugins, holds about 3 MB of memory once loaded: it is
// loaded with the first post written, edited or previewed, not by the pages that show posts,
// which read the HTML stored with each one.
import type { RenderedPost } from './post-renderer.ts';

export type { RenderedPost };

/**
 * Bumped whenever the output of `renderPost` changes (a tighter schema, a new rule): posts
 * rendered by an older version are rendered again the next time they are read.
 */
export const RENDER_VERSION = 1;

let renderer: Promise<typeof import('./post-renderer.ts')> | undefined;

export async function renderPost(markdown: string): Promise<RenderedPost> {
	const { renderMarkdown } = await (renderer ??= import('./post-renderer.ts'));
	return renderMarkdown(markdown);
}
