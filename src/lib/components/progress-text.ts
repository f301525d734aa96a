import type { Messages } from '$lib/i18n';

/** A sequence's progress in words, beside its bar: what is done and what is left. */
export function sequenceProgressText(
	t: Messages,
	completion: {
		complete: boolean;
		lessonsDone: number;
		lessonsTotal: number;
		quizRequired: boolean;
		quizPassed: boolean;
	}
) {
	if (completion.complete) return t.progress.sequenceComplete;
	const lessons = t.progress.lessonsDone(completion.lessonsDone, completion.lessonsTotal);
	if (!completion.quizRequired) return lessons;
	return `${lessons} · ${completion.quizPassed ? t.progress.quizPassed : t.progress.quizToPass}`;
}
