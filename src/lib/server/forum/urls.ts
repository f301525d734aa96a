/** The thread's permalink: it never changes, whatever happens to the lesson's title. */
export const threadUrl = (course: string, threadId: number) => `/${course}/discussions/${threadId}`;

export const postUrl = (course: string, threadId: number, postId: number) =>
	`${threadUrl(course, threadId)}#post-${postId}`;

export const discussionsUrl = (course: string) => `/${course}/discussions`;

export const newThreadUrl = (course: string) => `/${course}/discussions/new`;

export const feedUrl = (course: string) => `/${course}/discussions/feed.xml`;

/** Every accepted edit of the course as one mailbox of patches, for `git am`. */
export const editsExportUrl = (course: string) => `/${course}/discussions/edits.patch`;

/** `course/sequence/lesson` → its parts. */
export function splitLessonKey(lessonKey: string) {
	const [course = '', sequence = '', lesson = ''] = lessonKey.split('/');
	return { course, sequence, lesson };
}
