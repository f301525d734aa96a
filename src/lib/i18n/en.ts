import type { Messages } from './fr';
import { forumEn } from './forum/en';
import { notificationsEn } from './notifications/en';
import { lessonPagesEn } from './lesson-components/en';

export const en: Messages = {
	siteName: 'Parcours',
	colon: ':',
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
		source: 'Free software under the AGPL',
		language: 'Interface language',
		changeLanguage: 'Change',
		unknownLanguage: 'This language is not offered: choose one from the list.'
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
		place: (lesson: number, lessons: number, sequence: number, sequences: number) =>
			`Lesson ${lesson} of ${lessons} · Sequence ${sequence} of ${sequences}`,
		outline: 'Course outline',
		browse: 'Browse the lessons',
		previousTo: (title: string) => `Previous: ${title}`,
		nextTo: (title: string) => `Next: ${title}`,
		shortcuts: 'With the keyboard, outside text fields: J to go on, K to go back.',
		quizPassed: 'passed',
		sequenceComplete: 'complete',
		suggestEdit: 'Edit this file on the forge',
		license: 'This content is published under the license',
		authors: 'Authors:',
		attributions: 'Image credits',
		attribution: (what: string, author: string, license: string) =>
			`${what} — ${author}, ${license}`,
		source: 'source'
	},
	auth: {
		username: 'Username',
		usernameHint:
			'3 to 32 characters: letters, digits, dot, hyphen, underscore. Shown in discussions.',
		email: 'Email address',
		emailHint: 'To confirm your account and recover your password. Never shown.',
		login: 'Username or email address',
		password: 'Password',
		passwordHint: 'At least 8 characters. A long passphrase is safer and easier to remember.',
		newPassword: 'New password',
		currentPassword: 'Current password',
		showPassword: 'Show password',
		registerTitle: 'Create an account',
		registerIntro:
			'An account is optional: every lesson stays readable without one. It keeps your progress and results, and lets you take part in discussions.',
		registerSubmit: 'Create my account',
		registerSent: 'Check your inbox: a message has just been sent to the address you gave.',
		registerSentNext:
			'Open the link it holds to confirm your address and sign in (look in the spam folder too). Meanwhile, you can keep reading.',
		continueWhereYouWere: 'Back to the page you came from',
		haveAccount: 'Already have an account?',
		loginTitle: 'Sign in',
		loginSubmit: 'Sign in',
		noAccount: 'No account yet?',
		forgotPassword: 'Forgot your password?',
		logoutTitle: 'Sign out',
		logoutSubmit: 'Sign me out',
		forgotTitle: 'Forgotten password',
		forgotIntro:
			'Enter your account’s address: we will send you a link to choose a new password. The link is valid for one hour.',
		forgotSubmit: 'Send the link',
		forgotSent:
			'If an account uses this address, a message has just been sent to it. Check your spam folder too.',
		codeTitle: 'Two-factor authentication',
		codeNoStep:
			'The code from your app is asked right after your password, and that step is not open (or no longer: it lasts a few minutes). Sign in again to get back to it.',
		codeSignInAgain: 'Sign in again',
		codeIntro: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
		code: 'Code',
		codeSubmit: 'Confirm',
		linkTitle: 'Sign in with the link you received',
		linkIntro: 'This link signs you in once, without a password.',
		linkSubmit: 'Sign me in',
		resetTitle: 'Choose a new password',
		resetSubmit: 'Save the password',
		resetDone: 'Your password has been changed and your other sessions have been ended.',
		verifyTitle: 'Confirm your email address',
		verifyIntro: (email: string) => `Confirm that ${email} is your address.`,
		verifySubmit: 'Confirm my address',
		verified: 'Your email address is confirmed. Thank you!',
		verifyPending: (email: string) =>
			`A confirmation link was sent to ${email}. Open it to confirm your address.`,
		resendVerification: 'Send the confirmation link again',
		verificationSent: 'A new confirmation link has been sent.',
		welcome: (username: string) => `Welcome, ${username}! Your account is ready.`,
		signedOut: 'You are signed out.',
		errors: {
			'username-invalid':
				'The username must be 3 to 32 characters: letters, digits, dot, hyphen or underscore.',
			'username-taken': 'This username is taken. Try another one.',
			'email-invalid': 'This email address does not look valid.',
			'email-taken':
				'An account already uses this address. You can sign in or recover your password.',
			'email-same': 'This is already your account’s address.',
			'too-short': 'The password must be at least 8 characters long.',
			'too-long': 'The password is too long (1,024 characters at most).',
			'too-common':
				'This password is one of the most common ones: it would be guessed in seconds. Choose another one.',
			'only-spaces': 'The password cannot be made of spaces only.',
			'contains-identity':
				'The password must not contain your username or email address: they are the first guesses of an attacker.',
			'password-required': 'Enter your password.',
			'login-required': 'Enter your username or email address.',
			invalid: 'Wrong username or password.',
			'wrong-password': 'The current password is wrong.',
			'invalid-token':
				'This link is no longer valid: it was already used or it expired. Ask for a new one.',
			throttled: (minutes: number) =>
				`Too many attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
			'account-guarded': (minutes: number) =>
				`Too many attempts on this account: its password is not checked for ${minutes} minute${minutes > 1 ? 's' : ''}. If the account exists, a sign-in link has been sent to its email address; you can also choose a new password.`,
			'invalid-session': 'This session no longer exists or is not yours.',
			'second-factor-required': 'Enter the code from your authenticator app.',
			'second-factor-on': 'Two-factor authentication is already on.',
			'second-factor-mandatory':
				'Your role requires two-factor authentication: it cannot be turned off.',
			'invalid-code': 'This code is not valid. Check your phone’s clock, or use a recovery code.',
			'confirm-required': 'Tick the box to confirm the deletion.'
		}
	},
	account: {
		title: 'My account',
		profile: 'Profile',
		memberSince: 'Member since',
		role: 'Role',
		roles: { learner: 'learner', author: 'author', moderator: 'moderator', admin: 'administrator' },
		emailVerified: 'confirmed',
		emailUnverified: 'not confirmed',
		changePassword: 'Change password',
		changePasswordHint: 'Your other sessions will be ended.',
		passwordChanged: 'Password changed. Your other sessions have been ended.',
		changeEmail: 'Change email address',
		changeEmailHint:
			'A confirmation link will be sent to the new address; the old one stays until it is opened.',
		newEmail: 'New email address',
		emailChangeSent: 'A confirmation link has been sent to the new address.',
		sessions: 'Active sessions',
		sessionsIntro: 'The devices and browsers where you are signed in.',
		thisSession: 'this session',
		lastSeen: 'last active',
		signedInAt: 'signed in',
		endSession: 'End this session',
		endOtherSessions: 'End all other sessions',
		secondFactor: 'Two-factor authentication',
		secondFactorIntro:
			'On top of the password, a 6-digit code given by an authenticator app (TOTP) on your phone.',
		secondFactorOn: 'Two-factor authentication is on.',
		secondFactorRequired: 'Your role requires two-factor authentication: turn it on to continue.',
		secondFactorStart: 'Turn on two-factor authentication',
		secondFactorKey:
			'Add this account to your app with this key (or link), then enter the code it shows:',
		secondFactorLink: 'Open in the app',
		secondFactorConfirm: 'Confirm and turn on',
		recoveryCodes:
			'Your recovery codes, each usable once if you no longer have your phone. Keep them somewhere safe: they will not be shown again.',
		secondFactorOff: 'Turn off two-factor authentication',
		secondFactorRemoved: 'Two-factor authentication is off.',
		endSessionsHint: 'To end a session, confirm your password first.',
		sessionEnded: 'Session ended.',
		unknownDevice: 'Unknown browser',
		export: 'Download my data',
		exportHint: 'A JSON file with your profile, progress, results, certificates and posts.',
		exportSubmit: 'Download (JSON)',
		delete: 'Delete my account',
		deleteHint:
			'Your account, sessions, progress, results and certificates will be erased. Your posts in discussions stay readable, signed “deleted account”.',
		deleteConfirm: 'I understand this deletion is final.',
		deleteSubmit: 'Delete my account for good',
		deleted: 'Your account has been deleted. You can keep reading the courses without one.',
		deletedAccount: 'deleted account'
	},
	emails: {
		alreadyRegistered: {
			subject: 'You already have an account',
			text: (username: string, link: string) =>
				`Hello ${username},\n\nSomeone, probably you, tried to create a Parcours account with this address. It already has an account, named ${username}: sign in with it. If you forgot its password, this link lets you choose a new one (valid for one hour):\n\n${link}\n\nIf you did not ask for anything, ignore this message: nothing changes.\n`
		},
		signInFailures: {
			subject: 'Sign-in attempts on your account',
			text: (username: string, link: string) =>
				`Hello ${username},\n\nSeveral attempts to sign in to your Parcours account failed in a row. To protect the account, its password is not checked for a while.\n\nIf that was you, this link signs you in directly (valid for one hour, once):\n\n${link}\n\nIf it was not you, there is nothing to do: your password was not found. If it is short or used elsewhere, change it from your account.\n`
		},
		verify: {
			subject: 'Confirm your email address',
			text: (username: string, link: string) =>
				`Hello ${username},\n\nTo confirm your email address on Parcours, open this link (valid for 48 hours):\n\n${link}\n\nIf you did not ask for anything, ignore this message.\n`
		},
		reset: {
			subject: 'Choose a new password',
			text: (username: string, link: string) =>
				`Hello ${username},\n\nSomeone, probably you, asked to change the password of your Parcours account. To choose a new one, open this link (valid for one hour):\n\n${link}\n\nIf you did not ask for anything, ignore this message: your password stays the same.\n`
		}
	},
	progress: {
		resume: 'Resume',
		resumeAt: (title: string) => `Resume: ${title}`,
		lessonsDone: (done: number, total: number) =>
			`${done} of ${total} lesson${total > 1 ? 's' : ''} done`,
		done: 'Done',
		markDone: 'I have finished this lesson',
		markNotDone: 'Mark as not finished',
		doneNotice: 'Lesson marked as finished.',
		signInToTrack: 'Sign in to keep your progress.',
		dashboardTitle: 'My courses',
		dashboardIntro: 'The courses you have started, most recent first.',
		dashboardEmpty:
			'You have not started a course yet. Pick one in the catalogue: your progress is saved from the first lesson you open.',
		lastActivity: 'Last activity',
		quizScores: 'Self-assessments',
		notTaken: 'not taken yet',
		courseBar: 'Progress in the course',
		sequenceBar: (n: number) => `Progress in sequence ${n}`,
		percent: (percent: number) => `${percent}%`,
		sequencesComplete: (done: number, total: number) =>
			`${done} of ${total} sequence${total > 1 ? 's' : ''} complete`,
		quizPassed: 'self-assessment passed',
		quizToPass: 'self-assessment to pass',
		sequenceComplete: 'Sequence complete',
		courseComplete: 'Course complete',
		rule: (rules: { lessons: boolean; quizzes: boolean; passingScore?: number }) =>
			(rules.lessons && rules.quizzes
				? 'A sequence is complete when all its lessons are marked done and its self-assessment is passed'
				: rules.quizzes
					? 'A sequence is complete when its self-assessment is passed (or, without one, when all its lessons are marked done)'
					: 'A sequence is complete when all its lessons are marked done') +
			(rules.quizzes && rules.passingScore !== undefined
				? ` (with at least ${rules.passingScore}%)`
				: '') +
			'; the course, when all its sequences are.'
	},
	quiz: {
		title: 'Self-assessment',
		intro: (count: number, passing: number) =>
			`${count} question${count > 1 ? 's' : ''}. Passed from ${passing}% of right answers. You can take it again as you progress, at your own pace.`,
		drawn: (count: number, total: number) =>
			`Each attempt draws ${count} question${count > 1 ? 's' : ''} at random out of ${total}, and shuffles the answers.`,
		shuffled: 'The answers are shuffled on each attempt.',
		singleChoice: 'One answer',
		multipleChoice: 'Several answers possible',
		question: (n: number, total: number) => `Question ${n} of ${total}`,
		submit: 'Check my answers',
		unansweredTitle: (n: number) =>
			n > 1 ? `${n} questions have no answer:` : 'One question has no answer:',
		unansweredIntro:
			'A question left unanswered counts as wrong. Answer it below, or submit as it is: your answers are kept.',
		submitAnyway: 'Submit anyway',
		submitAgain: 'Submit my new answers',
		empty: 'No answer is ticked: answer at least one question before submitting.',
		resultTitle: 'Your result',
		score: (score: number) => `${score}%`,
		summary: (correct: number, total: number) =>
			`${correct} right answer${correct > 1 ? 's' : ''} out of ${total}`,
		passed: (passing: number) => `Passed! The threshold was ${passing}%.`,
		failed: (passing: number) =>
			`Not yet: the threshold is ${passing}%. Read the explanations, then try again.`,
		correct: 'Right',
		incorrect: 'Wrong',
		partial: 'Incomplete: some right answers are missing or a wrong one was ticked',
		unanswered: 'Not answered',
		yourChoice: 'your choice',
		rightAnswer: 'right answer',
		explanation: 'Explanation',
		retry: 'Try again',
		anonymousResult: 'This result is not saved.',
		createAccount: 'Create an account',
		anonymousInvite: 'to keep your results and progress.',
		best: 'Best score',
		latest: 'Latest score',
		attempts: 'Your attempts',
		attempt: (date: string) => `Attempt of ${date}`,
		review: 'Review',
		reviewNote: 'Questions are shown as they were at the time of this attempt.',
		statsLink: 'Self-assessment statistics',
		statsTitle: 'Statistics',
		statsIntro:
			'To find the questions, and lessons, that need work. Only signed-in learners’ attempts are counted.',
		statsAttempts: 'Attempts',
		statsAverage: 'Average score',
		statsQuestion: 'Question',
		statsRight: 'Right answers',
		statsWrong: 'Most chosen wrong answer',
		statsNone: 'No attempt yet.',
		next: 'Next sequence',
		attemptsThrottled: (minutes: number) =>
			`You sent many attempts in a row: this one was not recorded. Take the time to read the lesson again, then try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
		errors: {
			'unknown-question':
				'The quiz changed since the page was opened, or the answer sent is invalid. Reload the page and answer again.',
			'not-drawn':
				'An answer is about a question this attempt did not draw. Reload the page and answer again.',
			'no-seed':
				'The form sent does not say in which order it showed the questions. Reload the page and answer again.',
			'unknown-option': 'An answer sent matches no option. Reload the page and answer again.',
			'duplicate-option': 'The same answer was sent twice. Reload the page and answer again.',
			'single-choice':
				'Several answers were sent for a question that expects one. Reload the page and answer again.',
			'too-large': 'The answer sent is too large.'
		}
	},
	certificates: {
		title: 'My certificates',
		intro:
			'Once you have finished every lesson of a course and passed all its self-assessments, you can receive its certificate, which anyone can verify online.',
		empty: 'You have no certificate yet.',
		notYet:
			'No finished course is waiting for you: finish the lessons and pass the self-assessments of a course to receive its certificate.',
		yours: 'Your certificates',
		link: 'My certificates',
		accountHint: 'The certificates of the courses you have finished: to show, download or delete.',
		ready: 'Finished courses',
		claimIntro:
			'You have finished this course. Choose the name to print on the certificate: anyone you show it to will read it.',
		nameLabel: 'Name to print',
		nameHint:
			'For instance your first and last name, as you want them printed (100 characters at most).',
		claimSubmit: 'Get my certificate',
		view: (course: string) => `View the certificate of “${course}”`,
		issued: 'Your certificate is ready. Its verification address can be shared.',
		heading: 'Certificate of completion',
		awardedTo: 'awarded to',
		forCourse: 'for successfully completing the course',
		authors: (names: string) => `Authors: ${names}`,
		hours: (duration: string) => `Hours of study: ${duration}`,
		date: (date: string) => `Issued on ${date}`,
		issuer: (name: string) => `by ${name}`,
		verifyAt: 'Verification:',
		criteria: (lessons: number, quizzes: number, duration: string) =>
			`Finished the ${lessons} lessons of the course (${duration} of study) and passed its ${quizzes} self-assessments.`,
		valid: 'Valid certificate',
		validText: (issuer: string) =>
			`This certificate was issued by ${issuer} and has not been revoked.`,
		revoked: 'Revoked certificate',
		revokedText: (date: string) =>
			`This certificate was revoked on ${date}: it no longer attests anything.`,
		revokedReason: 'Reason for revocation',
		unknown: 'Unknown certificate',
		unknownText:
			'No certificate matches this address. Check it; a certificate may also have been deleted by its holder.',
		verifyTitle: 'Verification',
		downloads: 'Download',
		pdf: 'The certificate (PDF)',
		badge: 'The Open Badges 3.0 digital badge (signed JWT)',
		badgeHint:
			'A proof signed by the platform, to keep in a badge wallet or to send to whoever wants to verify it.',
		deleteTitle: 'Delete this certificate',
		deleteHint:
			'The certificate and its badge are erased: the verification address will answer “unknown certificate”. You can ask for a new one.',
		deleteConfirm: 'I understand that this certificate can no longer be verified.',
		deleteSubmit: 'Delete the certificate',
		deleted: 'Certificate deleted.',
		revokeTitle: 'Revoke this certificate',
		revokeHint:
			'The verification page will say “revoked certificate”. The reason is kept and readable by the holder.',
		reasonLabel: 'Reason',
		revokeSubmit: 'Revoke',
		revokedNotice: 'Certificate revoked.',
		errors: {
			'name-required': 'Enter the name to print on the certificate.',
			'name-too-long': 'This name is too long (100 characters at most).',
			'name-invalid': 'This name contains characters that cannot be printed.',
			'unknown-course': 'This course does not exist, or no longer does.',
			'not-completed':
				'This course is not finished yet: some lessons are not done or some self-assessments not passed.',
			'already-claimed': 'You already have the certificate of this course.',
			'confirm-required': 'Tick the box to confirm the deletion.',
			'reason-required': 'Enter the reason for the revocation.',
			'reason-too-long': 'This reason is too long (500 characters at most).',
			'already-revoked': 'This certificate is already revoked.'
		}
	},
	search: {
		label: 'Search the courses',
		words: 'Words to find',
		submit: 'Search',
		title: 'Search',
		resultsFor: (query: string) => `Results for “${query}”`,
		count: (n: number) => (n === 0 ? 'No results' : `${n} result${n > 1 ? 's' : ''}`),
		countDetail: (lessons: number, discussions: number) =>
			`${lessons} in lessons, ${discussions} in discussions`,
		lessons: 'In lessons',
		discussions: 'In discussions',
		didYouMean: 'Did you mean',
		suggestion: { open: '“', close: '”', end: '?' },
		nothingFound: 'No passage holds all these words. Try fewer words, or a related one.',
		truncated: (n: number) => `Only the first ${n} words were searched for.`,
		help: 'Case and accents do not matter, the start of a word is enough (“host”), and words between quotes are searched for as a phrase.',
		filters: 'Refine the search',
		course: 'Course',
		allCourses: 'All courses',
		kind: 'Kind',
		kinds: {
			'': 'Everything',
			lessons: 'Lessons',
			questions: 'Questions',
			suggestions: 'Suggestions and errata'
		},
		discussionKinds: { question: 'Question', suggestion: 'Suggestion', erratum: 'Erratum' },
		path: 'Location',
		pagination: 'Result pages',
		previous: 'Previous results',
		next: 'Next results',
		pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
		errors: {
			'too-long': (most: number) =>
				`Your search is too long: ${most} characters at most. Please shorten it.`,
			unreadable:
				'Your search holds unreadable characters (an encoding other than UTF-8): please type it again.',
			'no-words': 'Your search holds no word: type at least one word to look for.',
			'word-too-long': (letters: number) =>
				`Runs of more than ${letters} letters are not searched (they are usually addresses or codes): search for a shorter word around them instead.`,
			'kind-invalid': 'There is no such kind of result: pick one from the list.',
			'course-unknown': 'There is no such course: pick one from the list.',
			'page-invalid': 'There is no such page of results: pages go from 1 to 100.',
			throttled: (minutes: number) =>
				`Too many searches in a short time: try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`
		}
	},
	forum: forumEn,
	notifications: notificationsEn,
	lessonPages: lessonPagesEn,
	errors: {
		notFound: 'Page not found',
		notFoundText:
			'This page does not exist, or no longer does. The course may have been reorganised.',
		backToCatalog: 'Back to the courses',
		forbidden: 'Restricted page',
		forbiddenText: 'This page is for some roles only (authors, moderators or administrators).',
		reference: 'Error reference:',
		badAddress: 'Unreadable address',
		badAddressText:
			'This address holds characters that do not make a valid link, perhaps cut off while it was copied. Check it, or start again from the list of courses.',
		badRequestText:
			'This page cannot answer that request. Go back and try again from the page itself.',
		generic: 'Something went wrong',
		genericText:
			'Try again in a moment. If the problem persists, tell the people who run this site.'
	}
};
