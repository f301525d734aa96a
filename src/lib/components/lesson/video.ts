// What the Video component and its player need, kept apart so the browser's share stays tiny.

/** PeerTube embeds (`/videos/embed/<id>`) are watched at `/w/<id>`; other hosts at the embed. */
export function watchAddress(src: string, watch?: string) {
	if (watch) return watch;
	const url = new URL(src);
	const id = /^\/videos\/embed\/([^/]+)/.exec(url.pathname)?.[1];
	return id ? `${url.origin}/w/${id}` : src;
}

/** A transcript's text: a WebVTT file loses its header, cue numbers and timings. */
export function transcriptParagraphs(text: string, type: string) {
	const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
	if (type !== 'vtt') return blocks.map((block) => block.trim()).filter(Boolean);
	return blocks
		.filter((block) => !/^(WEBVTT|NOTE|STYLE|REGION)\b/.test(block.trim()))
		.map((block) =>
			block
				.split('\n')
				.filter((line) => !line.includes('-->') && !/^\d+$/.test(line.trim()))
				.join(' ')
				.replace(/<[^>]+>/g, '')
				.trim()
		)
		.filter(Boolean);
}

/**
 * Inserts a video's player when its reader opens it. One listener for the whole document, so the
 * page's script does not grow with the number of videos; returns what removes it.
 */
export function playVideosWhenOpened(root: Document) {
	const onToggle = (event: Event) => {
		const details = event.target;
		if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.embed) return;
		const frame = details.querySelector('[data-video-frame]');
		if (!frame || frame.querySelector('iframe')) return;
		const iframe = document.createElement('iframe');
		iframe.src = details.dataset.embed;
		iframe.title = details.dataset.title ?? '';
		iframe.allow = 'fullscreen; picture-in-picture';
		iframe.setAttribute('sandbox', 'allow-same-origin allow-scripts allow-popups');
		frame.replaceChildren(iframe);
	};
	// `toggle` does not bubble: listen while it goes down instead.
	root.addEventListener('toggle', onToggle, true);
	return () => root.removeEventListener('toggle', onToggle, true);
}
