// Shared by the build (svelte.config.js, plain Node) and the app, hence plain JavaScript.

/** Folder and file names start with `NN-` to set their order; URLs drop it. */
export const ORDER_PREFIX = /^(\d+)-/;

/** A slug is lowercase ASCII words joined by single hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** @param {string} name a file or folder name, with or without `.md` */
export function slugOf(name) {
	return name.replace(/\.md$/, '').replace(ORDER_PREFIX, '');
}

/**
 * The URL of a content file, from its path relative to the courses folder
 * (`course/course.md`, `course/01-seq/sequence.md`, `course/01-seq/02-lesson.md`).
 * @param {string} relativePath with forward slashes
 * @returns {string | null} null when the file is not a page (a quiz, an asset, an unknown file)
 */
export function urlOfContentFile(relativePath) {
	const parts = relativePath.split('/');
	if (parts.length === 2 && parts[1] === 'course.md') return `/${parts[0]}`;
	if (parts.length === 2 && parts[1] === 'glossary.md') return `/${parts[0]}/glossary`;
	if (parts.length !== 3 || !parts[2].endsWith('.md')) return null;
	const [course, sequence, file] = parts;
	if (file === 'sequence.md') return `/${course}/${slugOf(sequence)}`;
	if (file === 'quiz.md') return `/${course}/${slugOf(sequence)}/quiz`;
	if (!ORDER_PREFIX.test(file)) return null;
	return `/${course}/${slugOf(sequence)}/${slugOf(file)}`;
}

/** A link or image address that points inside the repository rather than to a site. */
export function isRelative(/** @type {string} */ url) {
	return !/^([a-z][a-z0-9+.-]*:|\/|#|\{)/i.test(url);
}
