// What the lesson components say, in French. Only lesson texts use these labels, and lesson texts
// are rendered on the server: kept out of the main catalogue, they never reach the browser.
export const componentLabelsFr = {
	callout: { retenir: 'À retenir', attention: 'Attention', exemple: 'Exemple' },
	activity: {
		label: 'Activité',
		objective: 'Objectif',
		duration: 'Durée',
		steps: 'Étapes',
		deliverable: 'À produire'
	},
	checkpoint: {
		label: 'Point d’étape',
		reveal: 'Voir la réponse'
	},
	download: {
		label: 'Télécharger',
		details: (type: string, size: string) => `${type}, ${size}`
	},
	figure: {
		credit: 'Crédit',
		license: 'licence',
		fullSize: 'Ouvrir l’image en grand'
	},
	video: {
		label: 'Vidéo',
		play: (title: string) => `Lire la vidéo «\u00a0${title}\u00a0»`,
		duration: 'Durée',
		watchOn: (host: string) => `Regarder sur ${host}`,
		noScript: 'Ouvrir le lecteur sur une page à part',
		transcript: 'Transcription'
	}
};

/** What the glossary page, the video page and the links to them say: in the main catalogue. */
export const lessonPagesFr = {
	glossary: {
		link: 'Glossaire',
		intro: (count: number) => `${count} terme${count > 1 ? 's' : ''}, par ordre alphabétique.`
	},
	video: {
		player: (title: string) => `Vidéo\u00a0: ${title}`,
		playerNotice: (host: string) =>
			`Le lecteur est chargé depuis ${host}\u00a0: ce site reçoit votre adresse IP.`,
		pageTitle: (title: string) => `Vidéo\u00a0: ${title}`,
		backToLesson: (title: string) => `Retour à la leçon «\u00a0${title}\u00a0»`
	}
};
