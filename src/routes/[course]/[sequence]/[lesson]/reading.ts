/** The heading counts as being read once its top is in the upper quarter of the screen. */
const READING_LINE = 0.25;

/**
 * Calls `onChange` with the id of the section being read (the last heading above the reading
 * line), or null above the first one. Returns the function that stops watching.
 */
export function readingPosition(ids: string[], onChange: (id: string | null) => void) {
	const headings = ids
		.map((id) => document.getElementById(id))
		.filter((heading) => heading !== null);
	if (headings.length === 0 || typeof IntersectionObserver === 'undefined') return () => {};
	const update = () => {
		const line = window.innerHeight * READING_LINE;
		const above = headings.filter((heading) => heading.getBoundingClientRect().top <= line);
		onChange(above.at(-1)?.id ?? null);
	};
	// The root reaches far above the screen and stops at the reading line, so a heading crosses
	// its edge whenever it passes the line, even in a jump that skips it in one frame.
	const observer = new IntersectionObserver(update, {
		rootMargin: `100000px 0px -${100 - READING_LINE * 100}% 0px`
	});
	for (const heading of headings) observer.observe(heading);
	update();
	return () => observer.disconnect();
}

/** Where the keyboard shortcuts are never taken: anything that takes typed text. */
const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/**
 * The page a key press asks for: `j` the next one, `k` the previous one. Not the arrows, which
 * scroll the page and belong to screen readers; never with a modifier (browser and assistive
 * technology shortcuts), never while typing.
 */
export function shortcutTarget<Step>(
	event: Pick<
		KeyboardEvent,
		| 'key'
		| 'altKey'
		| 'ctrlKey'
		| 'metaKey'
		| 'shiftKey'
		| 'defaultPrevented'
		| 'isComposing'
		| 'target'
	>,
	steps: { next: Step | null; previous: Step | null }
): Step | null {
	if (event.defaultPrevented || event.isComposing) return null;
	if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
	const target = event.target as Element | null;
	if (target && typeof target.closest === 'function' && target.closest(TYPING)) return null;
	const key = event.key.toLowerCase();
	if (key === 'j') return steps.next;
	if (key === 'k') return steps.previous;
	return null;
}
