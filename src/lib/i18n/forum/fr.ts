// Interface text of lesson discussions and moderation, in French.
import type { PassageProblem } from '../../content/passages';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

export const forumFr = {
	deletedAccount: 'compte supprimé',
	kinds: {
		question: 'Question',
		suggestion: 'Suggestion d’amélioration',
		erratum: 'Erratum'
	},
	kindHints: {
		question: 'Un passage à éclaircir, un exercice qui bloque.',
		suggestion: 'Une idée pour rendre la leçon plus claire ou plus complète.',
		erratum: 'Une faute, un lien cassé, une information inexacte.'
	},
	statuses: {
		open: 'Ouvert',
		answered: 'Répondu',
		accepted: 'Accepté',
		done: 'Fait',
		declined: 'Refusé'
	},
	statusHints: {
		open: 'En attente d’une réponse ou d’une décision.',
		answered: 'La question a trouvé sa réponse.',
		accepted: 'Retenu\u00a0: la leçon sera modifiée.',
		done: 'La leçon a été modifiée.',
		declined: 'Non retenu\u00a0; la note explique pourquoi.'
	},
	kindLabel: 'Type',
	statusPrefix: 'Statut\u00a0:',
	statusLabel: 'Statut',
	replies: (n: number) => `${n} ${plural(n, 'réponse', 'réponses')}`,
	by: (name: string) => `par ${name}`,
	startedOn: 'ouverte le',
	lastActivity: 'dernière activité le',
	locked: 'Verrouillée',
	lesson: {
		title: 'Discussion',
		intro:
			'Une question sur cette leçon\u00a0? Une amélioration à proposer, une erreur à signaler\u00a0? Les auteur·ices lisent chaque message.',
		pending: (n: number) =>
			n === 0
				? 'Aucune suggestion ni erratum en attente pour cette leçon.'
				: `${n} ${plural(n, 'suggestion ou erratum en attente', 'suggestions ou errata en attente')} pour cette leçon.`,
		threadsHeading: 'Discussions de la leçon',
		empty: 'Pas encore de discussion sur cette leçon.',
		more: 'Voir toutes les discussions de cette leçon',
		allThreads: 'Toutes les discussions du cours',
		invite: 'Pour poser une question ou proposer une amélioration\u00a0:',
		signIn: 'connectez-vous',
		or: 'ou',
		register: 'créez un compte',
		verify:
			'Confirmez votre adresse e-mail pour participer aux discussions\u00a0: ouvrez le lien que nous vous avons envoyé.',
		verifyLink: 'Renvoyer le lien depuis mon compte',
		suspended: (date: string) =>
			`Vous ne pouvez pas écrire dans les discussions jusqu’au ${date} inclus.`,
		kept: 'Ce que vous aviez écrit n’a pas été publié. Le voici, pour le copier et le garder :',
		keptTitle: 'Votre titre',
		keptText: 'Votre texte'
	},
	form: {
		heading: 'Ouvrir une discussion',
		kindLegend: 'Type de message',
		lesson: 'Leçon',
		chooseLesson: 'Choisissez une leçon',
		title: 'Titre',
		titleHint: 'En quelques mots\u00a0: 150 caractères au plus.',
		body: 'Message',
		bodyHint:
			'Markdown accepté\u00a0: **gras**, *italique*, [lien](https://…), listes, `code`. Pas d’images. 10\u202f000 caractères au plus.',
		submit: 'Publier',
		saving: 'Envoi…'
	},
	newThread: {
		pageTitle: 'Nouvelle discussion',
		about: (lesson: string) => `À propos de la leçon «\u00a0${lesson}\u00a0»`
	},
	list: {
		title: 'Discussions',
		pageTitle: (course: string) => `Discussions — ${course}`,
		intro: 'Les questions, suggestions et errata de toutes les leçons du cours.',
		filters: 'Filtrer les discussions',
		kind: 'Type',
		status: 'Statut',
		sequence: 'Séquence',
		sequenceOption: (n: number, title: string) => `${n}. ${title}`,
		all: 'Tous',
		/** « Séquence » is feminine. */
		allSequences: 'Toutes',
		apply: 'Filtrer',
		reset: 'Tout afficher',
		lessonFilter: (lesson: string) => `Leçon\u00a0: ${lesson}`,
		count: (n: number) => `${n} ${plural(n, 'discussion', 'discussions')}`,
		empty: 'Aucune discussion ne correspond à ces critères.',
		lesson: 'Leçon\u00a0:',
		pagination: 'Pages de la liste',
		previous: 'Page précédente',
		next: 'Page suivante',
		pageOf: (page: number, count: number) => `Page ${page} sur ${count}`,
		feed: 'Suivre les suggestions et errata (flux Atom)'
	},
	thread: {
		pageTitle: (title: string, course: string) => `${title} — Discussions — ${course}`,
		lesson: 'Leçon',
		decided: (name: string, date: string) => `Décidé par ${name}, le ${date}.`,
		lockedNotice: 'Cette discussion est verrouillée\u00a0: elle n’accepte plus de réponse.',
		posts: 'Messages',
		replyHeading: 'Répondre',
		replyLabel: 'Votre réponse',
		replySubmit: 'Publier la réponse',
		backToList: 'Toutes les discussions du cours',
		permalink: 'Lien vers ce message'
	},
	post: {
		edited: 'modifié',
		deleted: 'message supprimé',
		masked: 'message masqué par la modération',
		hiddenForAuthor:
			'Ce message est masqué par la modération\u00a0: seuls vous et les modérateur·ices le voyez.',
		hiddenForModerators:
			'Masqué par la modération\u00a0: les autres lecteur·ices ne le voient pas.',
		deletedForModerators:
			'Supprimé par son auteur·ice\u00a0: seul·es les modérateur·ices voient encore ce texte.',
		actions: 'Actions sur ce message',
		edit: 'Modifier',
		editHeading: 'Modifier le message',
		save: 'Enregistrer',
		cancel: 'Annuler',
		delete: 'Supprimer ce message',
		flag: 'Signaler',
		flagLegend: 'Signaler ce message aux modérateur·ices',
		flagReason: 'Raison du signalement',
		flagHint: 'Spam, propos blessants, hors sujet… 500 caractères au plus.',
		flagSubmit: 'Envoyer le signalement',
		flagged: 'Vous avez signalé ce message.',
		openFlags: (n: number) => `${n} ${plural(n, 'signalement', 'signalements')} en attente`
	},
	staff: {
		heading: 'Suivi de la discussion',
		statusLegend: 'Statut',
		note: 'Note (facultative)',
		noteHint: 'Expliquez la décision\u00a0: elle s’affiche sous le titre.',
		setStatus: 'Enregistrer le statut',
		lockLegend: 'Verrouillage',
		lock: 'Verrouiller la discussion',
		unlock: 'Déverrouiller la discussion',
		logNote: 'Note pour le journal de modération (facultative)'
	},
	moderate: {
		legend: 'Modération',
		hide: 'Masquer le message',
		unhide: 'Rétablir le message',
		dismiss: 'Classer sans suite',
		suspendLegend: 'Suspendre l’auteur·ice',
		until: 'Jusqu’au (inclus)',
		suspend: 'Suspendre',
		lift: 'Lever la suspension'
	},
	edit: {
		pageTitle: 'Proposer une modification',
		about: (lesson: string) => `Un passage de la leçon «\u00a0${lesson}\u00a0».`,
		where: (file: string, from: number, to: number) =>
			from === to ? `${file}, ligne ${from}` : `${file}, lignes ${from} à ${to}`,
		original: 'Le passage actuel',
		proposed: 'Votre version (Markdown)',
		proposedHint:
			'Le texte tel qu’il est écrit dans le fichier de la leçon. Changez ce qui doit l’être, un passage à la fois.',
		reason: 'Pourquoi ce changement\u00a0?',
		reasonHint:
			'Une première ligne courte (elle devient le titre de la modification), puis des précisions si besoin.',
		signed: (name: string) => `Signer la modification de mon nom d’utilisateur·ice (${name})`,
		signedHint: 'Sinon, elle reste anonyme dans l’historique du cours.',
		preview: 'Aperçu',
		previewHeading: 'Aperçu de votre version',
		previewNote: 'Le passage tel qu’il sera lu (les composants de leçon n’y sont pas rendus).',
		submit: 'Envoyer la proposition',
		backToLesson: 'Retour à la leçon',
		title: (lesson: string, from: number, to: number) =>
			from === to
				? `Modification proposée\u00a0: ${lesson}, ligne ${from}`
				: `Modification proposée\u00a0: ${lesson}, lignes ${from} à ${to}`,
		passageUnknown:
			'Ce passage n’existe pas (ou plus) à ces lignes de la leçon. Rouvrez la leçon et suivez le lien du passage.',
		heading: 'Modification proposée',
		version: (version: string) => `Proposée sur la version ${version} du contenu.`,
		changes: 'Les changements',
		inserted: 'ajouté\u00a0:',
		deleted: 'supprimé\u00a0:',
		endInserted: 'fin de l’ajout',
		endDeleted: 'fin de la suppression',
		diffHint: 'Les mots barrés sont retirés, les mots soulignés sont ajoutés.',
		states: {
			current: 'S’applique à la leçon telle qu’elle est publiée.',
			rebased: 'La leçon a changé depuis\u00a0: la modification est reportée sur son texte actuel.',
			applied: 'Le texte proposé figure déjà dans la leçon.',
			outdated: 'Périmée\u00a0: le passage a changé depuis et ne se retrouve plus dans la leçon.'
		},
		bothVersions: 'Voir le passage actuel et le texte proposé en entier',
		proposedVersion: 'Le texte proposé',
		anonymous: 'Proposée anonymement\u00a0: le patch ne porte pas de nom.',
		revisedBy: (name: string) => `Texte retouché par ${name}.`,
		forge: 'Voir le fichier sur la forge',
		patch: 'Télécharger le patch (git am)',
		reviseLegend: 'Retoucher le texte proposé',
		reviseSubmit: 'Enregistrer le texte',
		merged: (version: string) => `Intégrée au cours, dans la version ${version} du contenu.`,
		countsHeading: 'Modifications proposées, par leçon',
		countsEmpty: 'Aucune modification proposée pour l’instant.',
		counts: (proposed: number, accepted: number) =>
			`${proposed} proposée${proposed > 1 ? 's' : ''}, ${accepted} acceptée${accepted > 1 ? 's' : ''}`,
		mergedOn: (date: string) => `Constaté à la publication du cours, le ${date}.`,
		courseExport: 'Télécharger les modifications acceptées (git am)'
	},
	notices: {
		created: 'Votre discussion est ouverte. Merci\u00a0!',
		replied: 'Votre réponse est publiée.',
		edited: 'Le message est modifié.',
		deleted: 'Le message est supprimé.',
		flagged: 'Merci\u00a0: le message est signalé aux modérateur·ices.',
		status: 'Le statut est enregistré.',
		locked: 'La discussion est verrouillée.',
		unlocked: 'La discussion est déverrouillée.',
		hidden: 'Le message est masqué.',
		unhidden: 'Le message est rétabli.',
		dismissed: 'Les signalements sont classés sans suite.',
		suspended: 'L’auteur·ice est suspendu·e.',
		lifted: 'La suspension est levée.',
		revised: 'Le texte proposé est enregistré.'
	},
	moderation: {
		title: 'Modération',
		nav: 'Modération',
		intro:
			'Les signalements à examiner, les suggestions et errata à traiter, les comptes suspendus.',
		flagsHeading: 'Messages signalés',
		noFlags: 'Aucun signalement en attente.',
		inThread: 'Dans',
		author: 'Auteur·ice\u00a0:',
		flagBy: (name: string, date: string) => `${name}, le ${date}\u00a0:`,
		pendingHeading: 'Suggestions et errata à traiter',
		noPending: 'Aucune suggestion ni erratum en attente.',
		suspendedHeading: 'Comptes suspendus',
		noSuspended: 'Aucun compte suspendu.',
		suspendedUntil: (date: string) => `jusqu’au ${date} inclus`,
		logLink: 'Journal de modération'
	},
	log: {
		title: 'Journal de modération',
		intro: 'Chaque décision de modération, la plus récente d’abord.',
		empty: 'Aucune décision pour le moment.',
		date: 'Date',
		who: 'Qui',
		action: 'Action',
		target: 'Sur',
		note: 'Note',
		actions: {
			hide: 'a masqué un message',
			unhide: 'a rétabli un message',
			lock: 'a verrouillé la discussion',
			unlock: 'a déverrouillé la discussion',
			suspend: 'a suspendu un compte',
			unsuspend: 'a levé une suspension',
			status: 'a changé le statut',
			'resolve-flags': 'a traité des signalements'
		},
		resolutions: {
			hidden: 'message masqué',
			dismissed: 'sans suite'
		},
		until: (date: string) => `jusqu’au ${date} inclus`,
		message: 'message',
		account: (name: string) => `compte ${name}`,
		back: 'Retour à la modération'
	},
	feed: {
		title: (course: string) => `${course} — suggestions et errata`,
		subtitle: 'Les suggestions d’amélioration et les errata proposés par les apprenant·es.',
		lesson: (title: string) => `leçon «\u00a0${title}\u00a0»`
	},
	errors: {
		'sign-in-required': 'Connectez-vous pour participer aux discussions.',
		'email-unverified': 'Confirmez d’abord votre adresse e-mail pour participer aux discussions.',
		suspended: (date: string) =>
			`Votre compte ne peut pas écrire dans les discussions jusqu’au ${date} inclus.`,
		forbidden: 'Vous n’avez pas le droit de faire cela.',
		'not-found': 'Ce message ou cette discussion n’existe pas.',
		'lesson-unknown': 'Choisissez la leçon dont parle votre message.',
		locked: 'Cette discussion est verrouillée\u00a0: elle n’accepte plus de message.',
		'kind-invalid': 'Choisissez le type de message\u00a0: question, suggestion ou erratum.',
		'title-required': 'Donnez un titre à votre message.',
		'title-too-long': 'Le titre est trop long\u00a0: 150 caractères au plus.',
		'body-required': 'Écrivez votre message.',
		'body-too-long': 'Le message est trop long\u00a0: 10\u202f000 caractères au plus.',
		'reason-required': 'Indiquez la raison du signalement.',
		'reason-too-long': 'La raison est trop longue\u00a0: 500 caractères au plus.',
		'note-too-long': 'La note est trop longue\u00a0: 1\u202f000 caractères au plus.',
		'status-invalid': 'Choisissez un des statuts proposés.',
		'status-unchanged': 'C’est déjà le statut de cette discussion.',
		'date-invalid': 'Choisissez une date à venir, dans les cinq ans.',
		'too-many-links': (max: number) =>
			`Les comptes créés depuis moins de 24 heures peuvent mettre ${max} liens au plus par message.`,
		duplicate:
			'Vous venez de publier ce même texte. Attendez dix minutes ou modifiez votre message.',
		throttled: (minutes: number) =>
			`Vous avez beaucoup écrit ces derniers temps. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
		'already-flagged': 'Vous avez déjà signalé ce message.',
		'own-post': 'Vous ne pouvez pas signaler votre propre message.',
		'post-deleted': 'Ce message a été supprimé.',
		'not-suspended': 'Ce compte n’est pas suspendu.',
		'passage-unknown':
			'Ce passage n’existe plus à ces lignes de la leçon, qui a peut-être changé. Rouvrez la leçon et proposez votre modification depuis le passage.',
		'proposed-required': 'Écrivez le texte que vous proposez pour ce passage.',
		'proposed-unchanged':
			'Le texte proposé est identique au passage actuel : modifiez-le avant d’envoyer.',
		'proposed-too-long':
			'Le texte proposé est trop long : 4 000 caractères au plus, un passage à la fois.',
		'proposed-invalid': (problem: PassageProblem) => {
			const at = 'line' in problem ? `Ligne ${problem.line} du texte proposé\u00a0: ` : '';
			switch (problem.kind) {
				case 'code':
					return `${at}«\u00a0${problem.code}\u00a0» est du code, qu’une leçon ne peut pas contenir. Écrivez en Markdown, et mettez un exemple de code entre accents graves (\`…\`).`;
				case 'html':
					return `${at}la balise <${problem.tag}> n’est pas permise. Une leçon ne contient pas de HTML\u00a0: écrivez en Markdown (**gras**, *italique*, [lien](adresse)).`;
				case 'attributes':
					return `${at}le composant <${problem.tag}> est mal écrit. Gardez ses attributs tels qu’ils sont dans le passage actuel.`;
				case 'unbalanced':
					return `La balise <${problem.tag}> n’est plus ouverte et fermée comme dans le passage actuel\u00a0: gardez-la telle quelle, seul le texte autour peut changer.`;
				case 'layout':
					return `${at}le contenu du composant <${problem.tag}> touche ses balises, et s’afficherait tel que tapé. Mettez <${problem.tag} …> et </${problem.tag}> chacune sur sa ligne, avec une ligne vide après la première et avant la seconde.`;
			}
		},
		'edit-outdated':
			'Le passage a changé depuis cette proposition et ne se retrouve plus dans la leçon : elle ne peut plus s’appliquer.'
	}
};
