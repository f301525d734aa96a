// What the lesson components and the glossary page say, in French.
export const lessonComponentsFr = {
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
		play: (title: string) => `Lire la vidéo « ${title} »`,
		duration: 'Durée',
		watchOn: (host: string) => `Regarder sur ${host}`,
		noScript: 'Ouvrir le lecteur sur une page à part',
		playerNotice: (host: string) =>
			`Le lecteur est chargé depuis ${host} : ce site reçoit votre adresse IP.`,
		transcript: 'Transcription',
		pageTitle: (title: string) => `Vidéo : ${title}`,
		backToLesson: 'Retour à la leçon'
	},
	glossary: {
		link: 'Glossaire',
		intro: (count: number) => `${count} terme${count > 1 ? 's' : ''}, par ordre alphabétique.`,
		seeAlso: 'Voir dans le glossaire'
	}
};
