import type { componentLabelsFr, lessonPagesFr } from './fr';

export const componentLabelsEn: typeof componentLabelsFr = {
	callout: { retenir: 'Key point', attention: 'Warning', exemple: 'Example' },
	activity: {
		label: 'Activity',
		objective: 'Objective',
		duration: 'Duration',
		steps: 'Steps',
		deliverable: 'Deliverable'
	},
	checkpoint: {
		label: 'Checkpoint',
		reveal: 'Show the answer'
	},
	download: {
		label: 'Download',
		details: (type: string, size: string) => `${type}, ${size}`
	},
	figure: {
		credit: 'Credit',
		license: 'license',
		fullSize: 'Open the full-size image'
	},
	video: {
		label: 'Video',
		play: (title: string) => `Play the video “${title}”`,
		duration: 'Duration',
		watchOn: (host: string) => `Watch on ${host}`,
		noScript: 'Open the player on a separate page',
		transcript: 'Transcript'
	}
};

/** What the glossary page, the video page and the links to them say: in the main catalogue. */
export const lessonPagesEn: typeof lessonPagesFr = {
	glossary: {
		link: 'Glossary',
		intro: (count: number) => `${count} term${count > 1 ? 's' : ''}, in alphabetical order.`
	},
	video: {
		player: (title: string) => `Video: ${title}`,
		playerNotice: (host: string) =>
			`The player is loaded from ${host}: that site receives your IP address.`,
		pageTitle: (title: string) => `Video: ${title}`,
		backToLesson: (title: string) => `Back to the lesson “${title}”`
	}
};
