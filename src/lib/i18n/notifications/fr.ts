// Notifications, follows, email preferences and the emails they send, in French (the default).

export const notificationsFr = {
	nav: 'Notifications',
	navUnread: (n: number) => `Notifications (${n} non lue${n > 1 ? 's' : ''})`,
	page: {
		title: 'Notifications',
		intro: 'Ce qui s’est passé dans les discussions que vous suivez.',
		empty: 'Aucune notification pour l’instant.',
		unread: 'Non lue',
		markRead: 'Marquer comme lue',
		markAllRead: 'Tout marquer comme lu',
		open: 'Voir',
		preferences: 'Régler les e-mails et le flux Atom',
		follows: 'Ce que vous suivez',
		noFollows:
			'Vous ne suivez rien pour l’instant. Vous suivez une discussion dès que vous la commencez ou y répondez.',
		followKinds: {
			thread: 'Discussion',
			lesson: 'Toutes les discussions de la leçon',
			course: 'Toutes les discussions du cours',
			suggestions: 'Toutes les suggestions du cours'
		} as Record<string, string>,
		unfollow: 'Ne plus suivre'
	},
	describe: {
		thread: (actor: string, title: string) =>
			`${actor} a ouvert la discussion «\u00a0${title}\u00a0»`,
		reply: (actor: string, title: string) => `${actor} a répondu dans «\u00a0${title}\u00a0»`,
		status: (title: string, status: string) =>
			`«\u00a0${title}\u00a0» est maintenant\u00a0: ${status}`,
		hidden: (title: string) =>
			`Un de vos messages dans «\u00a0${title}\u00a0» a été masqué par la modération`,
		restored: (title: string) =>
			`Un de vos messages dans «\u00a0${title}\u00a0» est de nouveau visible`,
		mention: (actor: string, title: string) =>
			`${actor} vous a mentionné·e dans «\u00a0${title}\u00a0»`,
		flag: (title: string) => `Un message signalé attend la modération dans «\u00a0${title}\u00a0»`
	},
	note: 'Note de la modération',
	reason: 'Motif',
	someone: 'Quelqu’un',
	follow: {
		thread: 'Suivre cette discussion',
		unfollowThread: 'Ne plus suivre cette discussion',
		followingThread: 'Vous suivez cette discussion\u00a0: vous êtes notifié·e de chaque réponse.',
		lesson: 'Suivre les discussions de cette leçon',
		unfollowLesson: 'Ne plus suivre les discussions de cette leçon',
		course: 'Suivre toutes les discussions du cours',
		unfollowCourse: 'Ne plus suivre les discussions du cours',
		suggestions: 'Suivre toutes les suggestions du cours',
		unfollowSuggestions: 'Ne plus suivre les suggestions du cours'
	},
	preferences: {
		title: 'Notifications',
		intro:
			'Les notifications s’affichent toujours sur le site. Par e-mail, vous les recevez\u00a0:',
		modes: {
			each: 'à chaque événement (au plus un e-mail par discussion et par heure)',
			digest: 'en un résumé par jour',
			never: 'jamais'
		},
		legend: 'E-mails de notification',
		save: 'Enregistrer',
		saved: 'Vos préférences de notification sont enregistrées.',
		unverified:
			'Aucun e-mail ne part vers une adresse non confirmée\u00a0: confirmez la vôtre pour en recevoir.',
		stopped:
			'Les e-mails de notification vers votre adresse ont été arrêtés après des échecs d’envoi répétés. Enregistrer vos préférences les reprend.',
		feedTitle: 'Flux Atom',
		feedIntro:
			'Vos notifications dans un lecteur de flux. Cette adresse est secrète\u00a0: quiconque la connaît lit vos notifications.',
		feedCreate: 'Créer l’adresse du flux',
		feedRenew: 'Changer l’adresse du flux (l’ancienne ne marchera plus)',
		feedCreated: 'Votre flux a une nouvelle adresse.'
	},
	unsubscribe: {
		title: 'Se désabonner des e-mails',
		confirm: (username: string) =>
			`Ne plus envoyer d’e-mail de notification au compte ${username}\u00a0? Les notifications resteront visibles sur le site.`,
		button: 'Me désabonner',
		done: 'C’est fait\u00a0: vous ne recevrez plus d’e-mail de notification. Vous pouvez changer d’avis depuis votre compte.',
		invalid:
			'Ce lien de désabonnement n’est pas (ou plus) valable. Vos préférences se règlent depuis votre compte.'
	},
	email: {
		subject: (title: string) => `[Parcours] ${title}`,
		digestSubject: (n: number) => `[Parcours] ${n} notification${n > 1 ? 's' : ''} du jour`,
		greeting: (username: string) => `Bonjour ${username},`,
		digestIntro: 'Voici ce qui s’est passé dans les discussions que vous suivez\u00a0:',
		open: 'Voir sur le site',
		why: 'Vous recevez cet e-mail parce que vous suivez cette discussion sur Parcours.',
		unsubscribe: 'Ne plus recevoir ces e-mails (un clic)',
		preferences: 'Régler vos notifications'
	},
	feed: {
		title: (username: string) => `Notifications de ${username} — Parcours`
	},
	errors: {
		'kind-invalid': 'Ce que vous voulez suivre n’est pas reconnu.',
		'target-unknown': 'Cette discussion, cette leçon ou ce cours n’existe pas.',
		forbidden: 'Seuls les auteur·ices et la modération suivent toutes les suggestions d’un cours.',
		'mode-invalid': 'Choisissez une des trois fréquences proposées.',
		'not-found': 'Cette notification n’existe pas.'
	}
};
