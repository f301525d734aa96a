// The French interface catalogue, the default. Every user-facing string of the interface lives here
// and in its English twin; components never hold their own text.
export const fr = {
	siteName: 'Parcours',
	skipToContent: 'Aller au contenu',
	nav: {
		main: 'Navigation principale',
		catalog: 'Cours',
		login: 'Se connecter',
		register: 'Créer un compte',
		account: 'Mon compte',
		dashboard: 'Mes cours',
		logout: 'Se déconnecter'
	},
	footer: {
		about: 'Parcours est une plateforme libre de cours en ligne, sans pistage.',
		source: 'Logiciel libre sous licence AGPL'
	},
	catalog: {
		title: 'Cours',
		intro:
			'Des cours libres, à suivre à votre rythme. Lisez sans compte ; créez-en un pour garder votre progression.',
		empty: 'Aucun cours pour le moment.',
		sequences: (n: number) => `${n} séquence${n > 1 ? 's' : ''}`,
		lessons: (n: number) => `${n} leçon${n > 1 ? 's' : ''}`,
		start: 'Voir le cours'
	},
	duration: (minutes: number) =>
		minutes < 60
			? `${minutes} min`
			: `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')}` : ''}`,
	course: {
		sequences: 'Séquences',
		sequence: (n: number) => `Séquence ${n}`,
		lessonsOf: 'Leçons de la séquence',
		quiz: 'Auto-évaluation',
		questions: (n: number) => `${n} question${n > 1 ? 's' : ''}`,
		totalDuration: 'Durée estimée',
		authors: 'Auteur·ices',
		begin: 'Commencer le cours'
	},
	sequence: {
		objectives: 'Objectifs de la séquence',
		lessons: 'Leçons',
		startQuiz: 'Faire l’auto-évaluation'
	},
	lesson: {
		breadcrumb: 'Fil d’Ariane',
		toc: 'Sommaire',
		objectives: 'Objectifs',
		duration: 'Durée',
		previous: 'Précédent',
		next: 'Suivant',
		pagination: 'Leçon précédente et suivante',
		suggestEdit: 'Proposer une modification',
		license: 'Ce contenu est publié sous licence',
		authors: 'Auteur·ices :',
		attributions: 'Crédits des illustrations',
		attribution: (what: string, author: string, license: string) =>
			`${what} — ${author}, ${license}`,
		source: 'source'
	},
	errors: {
		notFound: 'Page introuvable',
		notFoundText: 'Cette page n’existe pas, ou plus. Le cours a peut-être été réorganisé.',
		backToCatalog: 'Retour aux cours',
		generic: 'Une erreur est survenue',
		genericText:
			'Réessayez dans un instant. Si le problème persiste, signalez-le aux responsables du site.'
	}
};

export type Messages = typeof fr;
