// The HTML of lesson texts and introductions, as the server rendered them (see
// $lib/server/bodies.ts). Universal loads read it while the server renders a page, so the text
// reaches the page without being serialized a second time for hydration.
const rendered = new Map<string, string>();

/**
 * What the browser gets instead, while it hydrates a page whose text the server already wrote:
 * `{@html}` keeps the server's HTML when the value differs rather than repairing it
 * (https://svelte.dev/e/hydration_html_changed). An empty string would not do: Svelte would then
 * expect the element to be empty. Client-side navigations bring the real HTML in their data.
 */
const KEEP_SERVER_HTML = '<!-- rendered by the server -->';

export function rememberBody(file: string, html: string) {
	rendered.set(file, html);
}

export function renderedBody(file: string): string {
	return rendered.get(file) ?? KEEP_SERVER_HTML;
}
