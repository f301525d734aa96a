import { forumFr } from './forum/fr';
import { notificationsFr } from './notifications/fr';
import { lessonPagesFr } from './lesson-components/fr';

// The French interface catalogue, the default. Every user-facing string of the interface lives here
// and in its English twin; components never hold their own text.
export const fr = {
	siteName: 'Parcours',
	colon: '\u00a0:',
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
		source: 'Logiciel libre sous licence AGPL',
		language: 'Langue de l’interface',
		changeLanguage: 'Changer',
		unknownLanguage: 'Cette langue n’est pas proposée\u00a0: choisissez-en une dans la liste.'
	},
	catalog: {
		title: 'Cours',
		intro:
			'Des cours libres, à suivre à votre rythme. Lisez sans compte\u00a0; créez-en un pour garder votre progression.',
		empty: 'Aucun cours pour le moment.',
		sequences: (n: number) => `${n} séquence${n > 1 ? 's' : ''}`,
		lessons: (n: number) => `${n} leçon${n > 1 ? 's' : ''}`,
		start: 'Voir le cours'
	},
	duration: (minutes: number) =>
		minutes < 60
			? `${minutes}\u00a0min`
			: `${Math.floor(minutes / 60)}\u00a0h${minutes % 60 ? `\u00a0${String(minutes % 60).padStart(2, '0')}` : ''}`,
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
		place: (lesson: number, lessons: number, sequence: number, sequences: number) =>
			`Leçon ${lesson} sur ${lessons} · Séquence ${sequence} sur ${sequences}`,
		outline: 'Plan du cours',
		browse: 'Parcourir les leçons',
		previousTo: (title: string) => `Précédent\u00a0: ${title}`,
		nextTo: (title: string) => `Suivant\u00a0: ${title}`,
		shortcuts:
			'Au clavier, hors des champs de saisie\u00a0: J pour passer à la suite, K pour revenir en arrière.',
		quizPassed: 'réussie',
		sequenceComplete: 'terminée',
		suggestEdit: 'Modifier ce fichier sur la forge',
		license: 'Ce contenu est publié sous licence',
		authors: 'Auteur·ices\u00a0:',
		attributions: 'Crédits des illustrations',
		attribution: (what: string, author: string, license: string) =>
			`${what} — ${author}, ${license}`,
		source: 'source'
	},
	auth: {
		username: 'Nom d’utilisateur·ice',
		usernameHint:
			'3 à 32 caractères\u00a0: lettres, chiffres, point, tiret, tiret bas. Il est visible dans les discussions.',
		email: 'Adresse e-mail',
		emailHint: 'Pour confirmer votre compte et récupérer votre mot de passe. Jamais affichée.',
		login: 'Nom d’utilisateur·ice ou adresse e-mail',
		password: 'Mot de passe',
		passwordHint:
			'Au moins 8 caractères. Une phrase de passe longue est plus sûre et plus facile à retenir.',
		newPassword: 'Nouveau mot de passe',
		currentPassword: 'Mot de passe actuel',
		showPassword: 'Afficher le mot de passe',
		registerTitle: 'Créer un compte',
		registerIntro:
			'Un compte est facultatif\u00a0: toutes les leçons restent lisibles sans. Il garde votre progression et vos résultats, et permet de participer aux discussions.',
		registerSubmit: 'Créer mon compte',
		registerSent:
			'Vérifiez votre boîte aux lettres\u00a0: un message vient d’être envoyé à l’adresse indiquée.',
		registerSentNext:
			'Ouvrez le lien qu’il contient pour confirmer votre adresse et vous connecter (pensez à regarder dans les indésirables). En attendant, vous pouvez continuer à lire.',
		continueWhereYouWere: 'Revenir à la page d’où vous veniez',
		haveAccount: 'Déjà un compte\u00a0?',
		loginTitle: 'Se connecter',
		loginSubmit: 'Se connecter',
		noAccount: 'Pas encore de compte\u00a0?',
		forgotPassword: 'Mot de passe oublié\u00a0?',
		logoutTitle: 'Se déconnecter',
		logoutSubmit: 'Me déconnecter',
		forgotTitle: 'Mot de passe oublié',
		forgotIntro:
			'Indiquez l’adresse de votre compte\u00a0: nous vous enverrons un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.',
		forgotSubmit: 'Envoyer le lien',
		forgotSent:
			'Si un compte utilise cette adresse, un message vient de lui être envoyé. Pensez à regarder dans les indésirables.',
		codeTitle: 'Double authentification',
		codeNoStep:
			'Le code de votre application se donne juste après votre mot de passe, et cette étape n’est pas ouverte (ou plus\u00a0: elle dure quelques minutes). Connectez-vous à nouveau pour la retrouver.',
		codeSignInAgain: 'Se connecter à nouveau',
		codeIntro:
			'Saisissez le code à 6 chiffres de votre application d’authentification, ou l’un de vos codes de secours.',
		code: 'Code',
		codeSubmit: 'Valider',
		linkTitle: 'Se connecter avec le lien reçu',
		linkIntro: 'Ce lien vous connecte une seule fois, sans mot de passe.',
		linkSubmit: 'Me connecter',
		resetTitle: 'Choisir un nouveau mot de passe',
		resetSubmit: 'Enregistrer le mot de passe',
		resetDone: 'Votre mot de passe a été changé et vos autres sessions ont été fermées.',
		verifyTitle: 'Confirmer votre adresse e-mail',
		verifyIntro: (email: string) => `Confirmez que l’adresse ${email} est bien la vôtre.`,
		verifySubmit: 'Confirmer mon adresse',
		verified: 'Votre adresse e-mail est confirmée. Merci\u00a0!',
		verifyPending: (email: string) =>
			`Un lien de confirmation a été envoyé à ${email}. Ouvrez-le pour confirmer votre adresse.`,
		resendVerification: 'Renvoyer le lien de confirmation',
		verificationSent: 'Un nouveau lien de confirmation vient d’être envoyé.',
		welcome: (username: string) => `Bienvenue, ${username}\u00a0! Votre compte est créé.`,
		signedOut: 'Vous êtes déconnecté·e.',
		errors: {
			'username-invalid':
				'Le nom d’utilisateur·ice doit faire 3 à 32 caractères\u00a0: lettres, chiffres, point, tiret ou tiret bas.',
			'username-taken': 'Ce nom d’utilisateur·ice est déjà pris. Essayez-en un autre.',
			'email-invalid': 'Cette adresse e-mail ne semble pas valide.',
			'email-taken':
				'Un compte utilise déjà cette adresse. Vous pouvez vous connecter ou récupérer votre mot de passe.',
			'email-same': 'C’est déjà l’adresse de votre compte.',
			'too-short': 'Le mot de passe doit faire au moins 8 caractères.',
			'too-long': 'Le mot de passe est trop long (1\u202f024 caractères au plus).',
			'too-common':
				'Ce mot de passe fait partie des plus courants\u00a0: il serait deviné en quelques secondes. Choisissez-en un autre.',
			'only-spaces': 'Le mot de passe ne peut pas être fait que d’espaces.',
			'contains-identity':
				'Le mot de passe ne doit pas contenir votre nom d’utilisateur·ice ni votre adresse e-mail\u00a0: ce sont les premiers essais d’un attaquant.',
			'password-required': 'Indiquez votre mot de passe.',
			'login-required': 'Indiquez votre nom d’utilisateur·ice ou votre adresse e-mail.',
			invalid: 'Identifiant ou mot de passe incorrect.',
			'wrong-password': 'Le mot de passe actuel est incorrect.',
			'invalid-token':
				'Ce lien n’est plus valable\u00a0: il a déjà servi ou il a expiré. Demandez-en un nouveau.',
			throttled: (minutes: number) =>
				`Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
			'account-guarded': (minutes: number) =>
				`Trop de tentatives sur ce compte\u00a0: le mot de passe n’est plus vérifié pendant ${minutes} minute${minutes > 1 ? 's' : ''}. Si ce compte existe, un lien de connexion a été envoyé à son adresse e-mail\u00a0; vous pouvez aussi choisir un nouveau mot de passe.`,
			'invalid-session': 'Cette session n’existe plus ou n’est pas la vôtre.',
			'second-factor-required': 'Saisissez le code de votre application d’authentification.',
			'second-factor-on': 'La double authentification est déjà active.',
			'second-factor-mandatory':
				'Votre rôle demande la double authentification\u00a0: elle ne peut pas être désactivée.',
			'invalid-code':
				'Ce code n’est pas valable. Vérifiez l’heure de votre téléphone, ou utilisez un code de secours.',
			'confirm-required': 'Cochez la case pour confirmer la suppression.'
		}
	},
	account: {
		title: 'Mon compte',
		profile: 'Profil',
		memberSince: 'Membre depuis le',
		role: 'Rôle',
		roles: {
			learner: 'apprenant·e',
			author: 'auteur·ice',
			moderator: 'modérateur·ice',
			admin: 'administrateur·ice'
		},
		emailVerified: 'confirmée',
		emailUnverified: 'non confirmée',
		changePassword: 'Changer de mot de passe',
		changePasswordHint: 'Vos autres sessions seront fermées.',
		passwordChanged: 'Mot de passe changé. Vos autres sessions ont été fermées.',
		changeEmail: 'Changer d’adresse e-mail',
		changeEmailHint:
			'Un lien de confirmation sera envoyé à la nouvelle adresse\u00a0; l’ancienne reste valable tant qu’il n’est pas ouvert.',
		newEmail: 'Nouvelle adresse e-mail',
		emailChangeSent: 'Un lien de confirmation a été envoyé à la nouvelle adresse.',
		sessions: 'Sessions actives',
		sessionsIntro: 'Les appareils et navigateurs où vous êtes connecté·e.',
		thisSession: 'cette session',
		lastSeen: 'dernière activité',
		signedInAt: 'connexion',
		endSession: 'Fermer cette session',
		endOtherSessions: 'Fermer toutes les autres sessions',
		secondFactor: 'Double authentification',
		secondFactorIntro:
			'En plus du mot de passe, un code à 6 chiffres donné par une application d’authentification (TOTP) sur votre téléphone.',
		secondFactorOn: 'La double authentification est active.',
		secondFactorRequired:
			'Votre rôle demande la double authentification\u00a0: activez-la pour continuer.',
		secondFactorStart: 'Activer la double authentification',
		secondFactorKey:
			'Ajoutez ce compte à votre application avec cette clé (ou ce lien), puis saisissez le code qu’elle affiche\u00a0:',
		secondFactorLink: 'Ouvrir dans l’application',
		secondFactorConfirm: 'Confirmer et activer',
		recoveryCodes:
			'Vos codes de secours, chacun utilisable une fois si vous n’avez plus votre téléphone. Gardez-les en lieu sûr\u00a0: ils ne seront plus affichés.',
		secondFactorOff: 'Désactiver la double authentification',
		secondFactorRemoved: 'La double authentification est désactivée.',
		endSessionsHint: 'Pour fermer une session, confirmez d’abord votre mot de passe.',
		sessionEnded: 'Session fermée.',
		unknownDevice: 'Navigateur inconnu',
		export: 'Télécharger mes données',
		exportHint:
			'Un fichier JSON avec votre profil, votre progression, vos résultats, vos certificats et vos messages.',
		exportSubmit: 'Télécharger (JSON)',
		delete: 'Supprimer mon compte',
		deleteHint:
			'Votre compte, vos sessions, votre progression, vos résultats et vos certificats seront effacés. Vos messages dans les discussions resteront lisibles, signés «\u00a0compte supprimé\u00a0».',
		deleteConfirm: 'Je comprends que cette suppression est définitive.',
		deleteSubmit: 'Supprimer définitivement mon compte',
		deleted: 'Votre compte a été supprimé. Vous pouvez continuer à lire les cours sans compte.',
		deletedAccount: 'compte supprimé'
	},
	emails: {
		alreadyRegistered: {
			subject: 'Vous avez déjà un compte',
			text: (username: string, link: string) =>
				`Bonjour ${username},\n\nQuelqu’un, sans doute vous, a voulu créer un compte Parcours avec cette adresse. Elle a déjà un compte, au nom de ${username}\u00a0: connectez-vous avec lui. Si vous avez oublié son mot de passe, ce lien permet d’en choisir un nouveau (valable une heure)\u00a0:\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message\u00a0: rien ne change.\n`
		},
		signInFailures: {
			subject: 'Tentatives de connexion à votre compte',
			text: (username: string, link: string) =>
				`Bonjour ${username},\n\nPlusieurs tentatives de connexion à votre compte Parcours ont échoué à la suite. Pour protéger le compte, le mot de passe n’est plus vérifié pendant un moment.\n\nSi c’était vous, ce lien vous connecte directement (valable une heure, une seule fois)\u00a0:\n\n${link}\n\nSi ce n’était pas vous, rien n’est à faire\u00a0: votre mot de passe n’a pas été trouvé. S’il est court ou sert ailleurs, changez-le depuis votre compte.\n`
		},
		verify: {
			subject: 'Confirmez votre adresse e-mail',
			text: (username: string, link: string) =>
				`Bonjour ${username},\n\nPour confirmer votre adresse e-mail sur Parcours, ouvrez ce lien (valable 48 heures)\u00a0:\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message.\n`
		},
		reset: {
			subject: 'Choisir un nouveau mot de passe',
			text: (username: string, link: string) =>
				`Bonjour ${username},\n\nQuelqu’un, sans doute vous, a demandé à changer le mot de passe de votre compte Parcours. Pour en choisir un nouveau, ouvrez ce lien (valable une heure)\u00a0:\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe ne change pas.\n`
		}
	},
	progress: {
		resume: 'Reprendre',
		resumeAt: (title: string) => `Reprendre\u00a0: ${title}`,
		lessonsDone: (done: number, total: number) =>
			`${done} leçon${done > 1 ? 's' : ''} terminée${done > 1 ? 's' : ''} sur ${total}`,
		done: 'Terminée',
		markDone: 'J’ai terminé cette leçon',
		markNotDone: 'Marquer comme non terminée',
		doneNotice: 'Leçon marquée comme terminée.',
		signInToTrack: 'Connectez-vous pour garder votre progression.',
		dashboardTitle: 'Mes cours',
		dashboardIntro: 'Les cours que vous avez commencés, du plus récent au plus ancien.',
		dashboardEmpty:
			'Vous n’avez pas encore commencé de cours. Choisissez-en un dans le catalogue\u00a0: votre progression s’enregistrera dès la première leçon ouverte.',
		lastActivity: 'Dernière activité',
		quizScores: 'Auto-évaluations',
		notTaken: 'pas encore faite',
		courseBar: 'Progression dans le cours',
		sequenceBar: (n: number) => `Progression dans la séquence ${n}`,
		percent: (percent: number) => `${percent}\u00a0%`,
		sequencesComplete: (done: number, total: number) =>
			`${done} séquence${done > 1 ? 's' : ''} terminée${done > 1 ? 's' : ''} sur ${total}`,
		quizPassed: 'auto-évaluation réussie',
		quizToPass: 'auto-évaluation à réussir',
		sequenceComplete: 'Séquence terminée',
		courseComplete: 'Cours terminé',
		rule: (rules: { lessons: boolean; quizzes: boolean; passingScore?: number }) =>
			(rules.lessons && rules.quizzes
				? 'Une séquence est terminée quand toutes ses leçons sont marquées terminées et son auto-évaluation réussie'
				: rules.quizzes
					? 'Une séquence est terminée quand son auto-évaluation est réussie (ou, sans auto-évaluation, quand toutes ses leçons sont marquées terminées)'
					: 'Une séquence est terminée quand toutes ses leçons sont marquées terminées') +
			(rules.quizzes && rules.passingScore !== undefined
				? ` (à ${rules.passingScore}\u00a0% au moins)`
				: '') +
			'\u00a0; le cours, quand toutes ses séquences le sont.'
	},
	quiz: {
		title: 'Auto-évaluation',
		intro: (count: number, passing: number) =>
			`${count} question${count > 1 ? 's' : ''}. Réussite à partir de ${passing}\u00a0% de bonnes réponses. Vous pouvez la repasser pour progresser, à votre rythme.`,
		drawn: (count: number, total: number) =>
			`À chaque tentative, ${count} question${count > 1 ? 's sont tirées' : ' est tirée'} au hasard parmi ${total}, et les réponses sont mélangées.`,
		shuffled: 'Les réponses sont mélangées à chaque tentative.',
		singleChoice: 'Une seule réponse',
		multipleChoice: 'Plusieurs réponses possibles',
		question: (n: number, total: number) => `Question ${n} sur ${total}`,
		submit: 'Valider mes réponses',
		unansweredTitle: (n: number) =>
			n > 1 ? `${n} questions sont sans réponse\u00a0:` : 'Une question est sans réponse\u00a0:',
		unansweredIntro:
			'Une question sans réponse compte comme fausse. Répondez-y ci-dessous, ou validez tel quel\u00a0: vos réponses sont gardées.',
		submitAnyway: 'Valider quand même',
		submitAgain: 'Valider avec mes nouvelles réponses',
		empty: 'Aucune réponse n’est cochée\u00a0: répondez à au moins une question avant de valider.',
		resultTitle: 'Votre résultat',
		score: (score: number) => `${score}\u00a0%`,
		summary: (correct: number, total: number) =>
			`${correct} bonne${correct > 1 ? 's' : ''} réponse${correct > 1 ? 's' : ''} sur ${total}`,
		passed: (passing: number) => `Réussi\u00a0! Le seuil était de ${passing}\u00a0%.`,
		failed: (passing: number) =>
			`Pas encore\u00a0: le seuil est de ${passing}\u00a0%. Relisez les explications, puis recommencez.`,
		correct: 'Bonne réponse',
		incorrect: 'Réponse incorrecte',
		partial:
			'Réponse incomplète\u00a0: certaines bonnes réponses manquent ou une mauvaise a été cochée',
		unanswered: 'Sans réponse',
		yourChoice: 'votre choix',
		rightAnswer: 'bonne réponse',
		explanation: 'Explication',
		retry: 'Recommencer',
		anonymousResult: 'Ce résultat n’est pas enregistré.',
		createAccount: 'Créez un compte',
		anonymousInvite: 'pour garder vos résultats et votre progression.',
		best: 'Meilleur score',
		latest: 'Dernier score',
		attempts: 'Vos tentatives',
		attempt: (date: string) => `Tentative du ${date}`,
		review: 'Revoir',
		reviewNote: 'Les questions sont affichées telles qu’elles étaient lors de cette tentative.',
		statsLink: 'Statistiques de l’auto-évaluation',
		statsTitle: 'Statistiques',
		statsIntro:
			'Pour repérer les questions, et les leçons, à retravailler. Seules les tentatives des personnes connectées sont comptées.',
		statsAttempts: 'Tentatives',
		statsAverage: 'Score moyen',
		statsQuestion: 'Question',
		statsRight: 'Bonnes réponses',
		statsWrong: 'Mauvaise réponse la plus choisie',
		statsNone: 'Aucune tentative pour le moment.',
		next: 'Séquence suivante',
		attemptsThrottled: (minutes: number) =>
			`Vous avez envoyé beaucoup de tentatives d’affilée\u00a0: elle n’a pas été enregistrée. Prenez le temps de relire la leçon, puis réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
		errors: {
			'unknown-question':
				'Le questionnaire a changé depuis l’ouverture de la page, ou la réponse envoyée est invalide. Rechargez la page et répondez à nouveau.',
			'not-drawn':
				'Une réponse porte sur une question qui n’a pas été tirée pour cette tentative. Rechargez la page et répondez à nouveau.',
			'no-seed':
				'Le formulaire envoyé ne dit pas dans quel ordre il montrait les questions. Rechargez la page et répondez à nouveau.',
			'unknown-option':
				'Une réponse envoyée ne correspond à aucune option. Rechargez la page et répondez à nouveau.',
			'duplicate-option':
				'Une même réponse a été envoyée deux fois. Rechargez la page et répondez à nouveau.',
			'single-choice':
				'Plusieurs réponses ont été envoyées pour une question qui n’en attend qu’une. Rechargez la page et répondez à nouveau.',
			'too-large': 'La réponse envoyée est trop volumineuse.'
		}
	},
	certificates: {
		title: 'Mes certificats',
		intro:
			'Quand vous avez terminé toutes les leçons d’un cours et réussi toutes ses auto-évaluations, vous pouvez recevoir son certificat, que toute personne peut vérifier en ligne.',
		empty: 'Vous n’avez pas encore de certificat.',
		notYet:
			'Aucun cours terminé ne vous attend\u00a0: terminez les leçons et réussissez les auto-évaluations d’un cours pour recevoir son certificat.',
		yours: 'Vos certificats',
		link: 'Mes certificats',
		accountHint:
			'Les certificats des cours que vous avez terminés\u00a0: à montrer, à télécharger ou à supprimer.',
		ready: 'Cours terminés',
		claimIntro:
			'Vous avez terminé ce cours. Choisissez le nom à imprimer sur le certificat\u00a0: il sera lisible par toute personne à qui vous le montrerez.',
		nameLabel: 'Nom à imprimer',
		nameHint:
			'Par exemple votre prénom et votre nom, tels que vous voulez les voir imprimés (100 caractères au plus).',
		claimSubmit: 'Recevoir mon certificat',
		view: (course: string) => `Voir le certificat du cours «\u202f${course}\u202f»`,
		issued: 'Votre certificat est prêt. Son adresse de vérification peut être partagée.',
		heading: 'Certificat de réussite',
		awardedTo: 'décerné à',
		forCourse: 'pour avoir suivi avec succès le cours',
		authors: (names: string) => `Auteur·ices\u00a0: ${names}`,
		hours: (duration: string) => `Durée d’étude\u00a0: ${duration}`,
		date: (date: string) => `Délivré le ${date}`,
		issuer: (name: string) => `par ${name}`,
		verifyAt: 'Vérification\u00a0:',
		criteria: (lessons: number, quizzes: number, duration: string) =>
			`Avoir terminé les ${lessons} leçons du cours (${duration} d’étude) et réussi ses ${quizzes} auto-évaluations.`,
		valid: 'Certificat valide',
		validText: (issuer: string) =>
			`Ce certificat a été délivré par ${issuer} et n’a pas été révoqué.`,
		revoked: 'Certificat révoqué',
		revokedText: (date: string) =>
			`Ce certificat a été révoqué le ${date}\u202f: il n’atteste plus rien.`,
		revokedReason: 'Motif de la révocation',
		unknown: 'Certificat inconnu',
		unknownText:
			'Aucun certificat ne correspond à cette adresse. Vérifiez-la\u202f; un certificat peut aussi avoir été supprimé par son ou sa titulaire.',
		verifyTitle: 'Vérification',
		downloads: 'Télécharger',
		pdf: 'Le certificat (PDF)',
		badge: 'Le badge numérique Open Badges 3.0 (JWT signé)',
		badgeHint:
			'Un justificatif signé par la plateforme, à déposer dans un portefeuille de badges ou à transmettre à qui veut le vérifier.',
		deleteTitle: 'Supprimer ce certificat',
		deleteHint:
			'Le certificat et son badge sont effacés\u202f: l’adresse de vérification répondra «\u202fcertificat inconnu\u202f». Vous pourrez en demander un nouveau.',
		deleteConfirm: 'Je comprends que ce certificat ne pourra plus être vérifié.',
		deleteSubmit: 'Supprimer le certificat',
		deleted: 'Certificat supprimé.',
		revokeTitle: 'Révoquer ce certificat',
		revokeHint:
			'La page de vérification dira «\u202fcertificat révoqué\u202f». Le motif est conservé et lisible par la personne titulaire.',
		reasonLabel: 'Motif',
		revokeSubmit: 'Révoquer',
		revokedNotice: 'Certificat révoqué.',
		errors: {
			'name-required': 'Indiquez le nom à imprimer sur le certificat.',
			'name-too-long': 'Ce nom est trop long (100 caractères au plus).',
			'name-invalid': 'Ce nom contient des caractères qui ne s’impriment pas.',
			'unknown-course': 'Ce cours n’existe pas ou plus.',
			'not-completed':
				'Ce cours n’est pas encore terminé\u202f: il reste des leçons à terminer ou des auto-évaluations à réussir.',
			'already-claimed': 'Vous avez déjà le certificat de ce cours.',
			'confirm-required': 'Cochez la case pour confirmer la suppression.',
			'reason-required': 'Indiquez le motif de la révocation.',
			'reason-too-long': 'Ce motif est trop long (500 caractères au plus).',
			'already-revoked': 'Ce certificat est déjà révoqué.'
		}
	},
	search: {
		label: 'Rechercher dans les cours',
		words: 'Mots à chercher',
		submit: 'Rechercher',
		title: 'Recherche',
		resultsFor: (query: string) => `Résultats pour «\u00a0${query}\u00a0»`,
		count: (n: number) => (n === 0 ? 'Aucun résultat' : `${n} résultat${n > 1 ? 's' : ''}`),
		countDetail: (lessons: number, discussions: number) =>
			`${lessons} dans les leçons, ${discussions} dans les discussions`,
		lessons: 'Dans les leçons',
		discussions: 'Dans les discussions',
		didYouMean: 'Vouliez-vous dire',
		/** Around the suggested words, a link, and after them. */
		suggestion: { open: '«\u00a0', close: '\u00a0»', end: '\u00a0?' },
		nothingFound:
			'Aucun passage ne contient tous ces mots. Essayez avec moins de mots, ou un mot voisin.',
		truncated: (n: number) => `Seuls les ${n} premiers mots ont été cherchés.`,
		help: 'Les majuscules et les accents ne comptent pas, un début de mot suffit («\u00a0héberg\u00a0»), et une expression entre guillemets est cherchée telle quelle.',
		filters: 'Affiner la recherche',
		course: 'Cours',
		allCourses: 'Tous les cours',
		kind: 'Type',
		kinds: {
			'': 'Tout',
			lessons: 'Leçons',
			questions: 'Questions',
			suggestions: 'Suggestions et errata'
		},
		discussionKinds: { question: 'Question', suggestion: 'Suggestion', erratum: 'Erratum' },
		path: 'Emplacement',
		pagination: 'Pages de résultats',
		previous: 'Résultats précédents',
		next: 'Résultats suivants',
		pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
		errors: {
			'too-long': (most: number) =>
				`Votre recherche est trop longue\u00a0: ${most} caractères au plus. Raccourcissez-la.`,
			unreadable:
				'Votre recherche contient des caractères illisibles (un encodage autre que UTF-8)\u00a0: retapez-la.',
			'no-words': 'Votre recherche ne contient aucun mot\u00a0: tapez au moins un mot à chercher.',
			'word-too-long': (letters: number) =>
				`Les suites de plus de ${letters} lettres ne sont pas cherchées (ce sont en général des adresses ou des codes)\u00a0: cherchez plutôt un mot plus court qui les entoure.`,
			'kind-invalid': 'Ce type de résultat n’existe pas\u00a0: choisissez-en un dans la liste.',
			'course-unknown': 'Ce cours n’existe pas\u00a0: choisissez-en un dans la liste.',
			'page-invalid': 'Cette page de résultats n’existe pas\u00a0: les pages vont de 1 à 100.',
			throttled: (minutes: number) =>
				`Trop de recherches en peu de temps\u00a0: réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`
		}
	},
	forum: forumFr,
	notifications: notificationsFr,
	lessonPages: lessonPagesFr,
	errors: {
		notFound: 'Page introuvable',
		notFoundText: 'Cette page n’existe pas, ou plus. Le cours a peut-être été réorganisé.',
		backToCatalog: 'Retour aux cours',
		forbidden: 'Accès réservé',
		forbiddenText:
			'Cette page est réservée à certains rôles (auteur·ices, modérateur·ices ou administrateur·ices).',
		reference: 'Référence de l’erreur\u00a0:',
		badAddress: 'Adresse illisible',
		badAddressText:
			'Cette adresse contient des caractères qui ne forment pas un lien valide, peut-être coupé en cours de copie. Vérifiez-la, ou repartez de la liste des cours.',
		badRequestText:
			'Cette page ne peut pas répondre à cette demande. Revenez en arrière et réessayez depuis la page elle-même.',
		generic: 'Une erreur est survenue',
		genericText:
			'Réessayez dans un instant. Si le problème persiste, signalez-le aux responsables du site.'
	}
};

export type Messages = typeof fr;
