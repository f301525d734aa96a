import type { Messages } from './fr';

export const en: Messages = {
	siteName: 'Parcours',
	skipToContent: 'Skip to content',
	nav: {
		main: 'Main navigation',
		catalog: 'Courses',
		login: 'Sign in',
		register: 'Create an account',
		account: 'My account',
		dashboard: 'My courses',
		logout: 'Sign out'
	},
	footer: {
		about: 'Parcours is a free software platform for online courses, with no tracking.',
		source: 'Free software under the AGPL'
	},
	catalog: {
		title: 'Courses',
		intro:
			'Free courses to follow at your own pace. Read without an account; create one to keep your progress.',
		empty: 'No course yet.',
		sequences: (n: number) => `${n} sequence${n > 1 ? 's' : ''}`,
		lessons: (n: number) => `${n} lesson${n > 1 ? 's' : ''}`,
		start: 'View the course'
	},
	duration: (minutes: number) =>
		minutes < 60
			? `${minutes} min`
			: `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`,
	course: {
		sequences: 'Sequences',
		sequence: (n: number) => `Sequence ${n}`,
		lessonsOf: 'Lessons of the sequence',
		quiz: 'Self-assessment',
		questions: (n: number) => `${n} question${n > 1 ? 's' : ''}`,
		totalDuration: 'Estimated time',
		authors: 'Authors',
		begin: 'Start the course'
	},
	sequence: {
		objectives: 'Objectives of the sequence',
		lessons: 'Lessons',
		startQuiz: 'Take the self-assessment'
	},
	lesson: {
		breadcrumb: 'Breadcrumb',
		toc: 'Contents',
		objectives: 'Objectives',
		duration: 'Duration',
		previous: 'Previous',
		next: 'Next',
		pagination: 'Previous and next lesson',
		suggestEdit: 'Suggest a change',
		license: 'This content is published under the license',
		authors: 'Authors:',
		attributions: 'Image credits',
		attribution: (what: string, author: string, license: string) =>
			`${what} — ${author}, ${license}`,
		source: 'source'
	},
	errors: {
		notFound: 'Page not found',
		notFoundText:
			'This page does not exist, or no longer does. The course may have been reorganised.',
		backToCatalog: 'Back to the courses',
		generic: 'Something went wrong',
		genericText:
			'Try again in a moment. If the problem persists, tell the people who run this site.'
	}
};
