import type { PassageProblem } from '../../content/passages';
import type { ForumMessages } from './types';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const forumEn: ForumMessages = {
	deletedAccount: 'deleted account',
	kinds: {
		question: 'Question',
		suggestion: 'Suggestion for improvement',
		erratum: 'Erratum'
	},
	kindHints: {
		question: 'A passage to clarify, an exercise you are stuck on.',
		suggestion: 'An idea to make the lesson clearer or more complete.',
		erratum: 'A typo, a broken link, something inaccurate.'
	},
	statuses: {
		open: 'Open',
		answered: 'Answered',
		accepted: 'Accepted',
		done: 'Done',
		declined: 'Declined'
	},
	statusHints: {
		open: 'Waiting for an answer or a decision.',
		answered: 'The question has been answered.',
		accepted: 'Accepted: the lesson will be changed.',
		done: 'The lesson has been changed.',
		declined: 'Not accepted; the note explains why.'
	},
	kindLabel: 'Type',
	statusPrefix: 'Status:',
	statusLabel: 'Status',
	replies: (n: number) => `${n} ${plural(n, 'reply', 'replies')}`,
	by: (name: string) => `by ${name}`,
	startedOn: 'started on',
	lastActivity: 'last activity on',
	locked: 'Locked',
	lesson: {
		title: 'Discussion',
		intro:
			'A question about this lesson? An improvement to suggest, a mistake to report? The authors read every message.',
		pending: (n: number) =>
			n === 0
				? 'No pending suggestion or erratum for this lesson.'
				: `${n} ${plural(n, 'pending suggestion or erratum', 'pending suggestions or errata')} for this lesson.`,
		threadsHeading: 'Discussions of the lesson',
		empty: 'No discussion about this lesson yet.',
		more: 'See every discussion of this lesson',
		allThreads: 'All discussions of the course',
		invite: 'To ask a question or suggest an improvement:',
		signIn: 'sign in',
		or: 'or',
		register: 'create an account',
		verify: 'Confirm your email address to take part in discussions: open the link we sent you.',
		verifyLink: 'Send the link again from my account',
		suspended: (date: string) => `You cannot write in discussions until ${date} included.`,
		kept: 'What you wrote was not published. Here it is, to copy and keep:',
		keptTitle: 'Your title',
		keptText: 'Your text'
	},
	form: {
		heading: 'Start a discussion',
		kindLegend: 'Kind of message',
		lesson: 'Lesson',
		chooseLesson: 'Choose a lesson',
		title: 'Title',
		titleHint: 'In a few words: 150 characters at most.',
		body: 'Message',
		bodyHint:
			'Markdown works: **bold**, *italics*, [link](https://…), lists, `code`. No images. 10,000 characters at most.',
		submit: 'Post',
		saving: 'Sending…'
	},
	newThread: {
		pageTitle: 'New discussion',
		about: (lesson: string) => `About the lesson “${lesson}”`
	},
	list: {
		title: 'Discussions',
		pageTitle: (course: string) => `Discussions — ${course}`,
		intro: 'Questions, suggestions and errata about every lesson of the course.',
		filters: 'Filter discussions',
		kind: 'Type',
		status: 'Status',
		sequence: 'Sequence',
		sequenceOption: (n: number, title: string) => `${n}. ${title}`,
		all: 'All',
		allSequences: 'All',
		apply: 'Filter',
		reset: 'Show all',
		lessonFilter: (lesson: string) => `Lesson: ${lesson}`,
		count: (n: number) => `${n} ${plural(n, 'discussion', 'discussions')}`,
		empty: 'No discussion matches these filters.',
		lesson: 'Lesson:',
		pagination: 'Pages of the list',
		previous: 'Previous page',
		next: 'Next page',
		pageOf: (page: number, count: number) => `Page ${page} of ${count}`,
		feed: 'Follow suggestions and errata (Atom feed)'
	},
	thread: {
		pageTitle: (title: string, course: string) => `${title} — Discussions — ${course}`,
		lesson: 'Lesson',
		decided: (name: string, date: string) => `Decided by ${name} on ${date}.`,
		lockedNotice: 'This discussion is locked: it takes no more replies.',
		posts: 'Messages',
		replyHeading: 'Reply',
		replyLabel: 'Your reply',
		replySubmit: 'Post the reply',
		backToList: 'All discussions of the course',
		permalink: 'Link to this message'
	},
	post: {
		edited: 'edited',
		deleted: 'message deleted',
		masked: 'message hidden by the moderators',
		hiddenForAuthor: 'This message is hidden by the moderators: only you and they can see it.',
		hiddenForModerators: 'Hidden by the moderators: other readers do not see it.',
		deletedForModerators: 'Deleted by its author: only moderators still see this text.',
		actions: 'Actions on this message',
		edit: 'Edit',
		editHeading: 'Edit the message',
		save: 'Save',
		cancel: 'Cancel',
		delete: 'Delete this message',
		flag: 'Report',
		flagLegend: 'Report this message to the moderators',
		flagReason: 'Why report it',
		flagHint: 'Spam, hurtful words, off topic… 500 characters at most.',
		flagSubmit: 'Send the report',
		flagged: 'You reported this message.',
		openFlags: (n: number) => `${n} pending ${plural(n, 'report', 'reports')}`
	},
	staff: {
		heading: 'Follow-up',
		statusLegend: 'Status',
		note: 'Note (optional)',
		noteHint: 'Explain the decision: it shows under the title.',
		setStatus: 'Save the status',
		lockLegend: 'Locking',
		lock: 'Lock the discussion',
		unlock: 'Unlock the discussion',
		logNote: 'Note for the moderation log (optional)'
	},
	moderate: {
		legend: 'Moderation',
		hide: 'Hide the message',
		unhide: 'Show the message again',
		dismiss: 'Dismiss',
		suspendLegend: 'Suspend the author',
		until: 'Until (included)',
		suspend: 'Suspend',
		lift: 'Lift the suspension'
	},
	edit: {
		pageTitle: 'Suggest an edit',
		about: (lesson: string) => `A passage of the lesson “${lesson}”.`,
		where: (file: string, from: number, to: number) =>
			from === to ? `${file}, line ${from}` : `${file}, lines ${from} to ${to}`,
		original: 'The current passage',
		proposed: 'Your version (Markdown)',
		proposedHint:
			'The text as it is written in the lesson’s file. Change what needs changing, one passage at a time.',
		reason: 'Why this change?',
		reasonHint: 'A short first line (it becomes the title of the change), then details if needed.',
		signed: (name: string) => `Sign the change with my username (${name})`,
		signedHint: 'Otherwise it stays anonymous in the course’s history.',
		preview: 'Preview',
		previewHeading: 'Preview of your version',
		previewNote: 'The passage as it will read (lesson components are not rendered here).',
		submit: 'Send the proposal',
		backToLesson: 'Back to the lesson',
		title: (lesson: string, from: number, to: number) =>
			from === to
				? `Suggested edit: ${lesson}, line ${from}`
				: `Suggested edit: ${lesson}, lines ${from} to ${to}`,
		passageUnknown:
			'There is no passage (any more) at these lines of the lesson. Open the lesson again and follow the passage’s link.',
		heading: 'Suggested edit',
		version: (version: string) => `Proposed on version ${version} of the content.`,
		changes: 'The changes',
		inserted: 'added:',
		deleted: 'removed:',
		endInserted: 'end of addition',
		endDeleted: 'end of removal',
		diffHint: 'Struck-through words are removed, underlined words are added.',
		states: {
			current: 'Applies to the lesson as published.',
			rebased: 'The lesson has changed since: the edit is carried over to its current text.',
			applied: 'The proposed text is already in the lesson.',
			outdated: 'Outdated: the passage has changed since and can no longer be found in the lesson.'
		},
		bothVersions: 'See the current passage and the proposed text in full',
		proposedVersion: 'The proposed text',
		anonymous: 'Proposed anonymously: the patch bears no name.',
		revisedBy: (name: string) => `Text retouched by ${name}.`,
		forge: 'See the file on the forge',
		patch: 'Download the patch (git am)',
		reviseLegend: 'Retouch the proposed text',
		reviseSubmit: 'Save the text',
		merged: (version: string) => `Merged into the course, in version ${version} of the content.`,
		countsHeading: 'Suggested edits, by lesson',
		countsEmpty: 'No edit proposed yet.',
		counts: (proposed: number, accepted: number) => `${proposed} proposed, ${accepted} accepted`,
		mergedOn: (date: string) => `Found when the course was published, on ${date}.`,
		courseExport: 'Download the accepted edits (git am)'
	},
	notices: {
		created: 'Your discussion is open. Thank you!',
		replied: 'Your reply is posted.',
		edited: 'The message is edited.',
		deleted: 'The message is deleted.',
		flagged: 'Thank you: the message is reported to the moderators.',
		status: 'The status is saved.',
		locked: 'The discussion is locked.',
		unlocked: 'The discussion is unlocked.',
		hidden: 'The message is hidden.',
		unhidden: 'The message is shown again.',
		dismissed: 'The reports are dismissed.',
		suspended: 'The author is suspended.',
		lifted: 'The suspension is lifted.',
		revised: 'The proposed text is saved.'
	},
	moderation: {
		title: 'Moderation',
		nav: 'Moderation',
		intro: 'Reports to review, suggestions and errata to handle, suspended accounts.',
		flagsHeading: 'Reported messages',
		noFlags: 'No pending report.',
		inThread: 'In',
		author: 'Author:',
		flagBy: (name: string, date: string) => `${name}, on ${date}:`,
		pendingHeading: 'Suggestions and errata to handle',
		noPending: 'No pending suggestion or erratum.',
		suspendedHeading: 'Suspended accounts',
		noSuspended: 'No suspended account.',
		suspendedUntil: (date: string) => `until ${date} included`,
		logLink: 'Moderation log'
	},
	log: {
		title: 'Moderation log',
		intro: 'Every moderation decision, latest first.',
		empty: 'No decision yet.',
		date: 'Date',
		who: 'Who',
		action: 'Action',
		target: 'On',
		note: 'Note',
		actions: {
			hide: 'hid a message',
			unhide: 'showed a message again',
			lock: 'locked the discussion',
			unlock: 'unlocked the discussion',
			suspend: 'suspended an account',
			unsuspend: 'lifted a suspension',
			status: 'changed the status',
			'resolve-flags': 'handled reports'
		},
		resolutions: {
			hidden: 'message hidden',
			dismissed: 'dismissed'
		},
		until: (date: string) => `until ${date} included`,
		message: 'message',
		account: (name: string) => `account ${name}`,
		back: 'Back to moderation'
	},
	feed: {
		title: (course: string) => `${course} — suggestions and errata`,
		subtitle: 'Suggestions for improvement and errata reported by learners.',
		lesson: (title: string) => `lesson “${title}”`
	},
	errors: {
		'sign-in-required': 'Sign in to take part in discussions.',
		'email-unverified': 'Confirm your email address first to take part in discussions.',
		suspended: (date: string) => `Your account cannot write in discussions until ${date} included.`,
		forbidden: 'You are not allowed to do that.',
		'not-found': 'This message or discussion does not exist.',
		'lesson-unknown': 'Choose the lesson your message is about.',
		locked: 'This discussion is locked: it takes no more messages.',
		'kind-invalid': 'Choose the kind of message: question, suggestion or erratum.',
		'title-required': 'Give your message a title.',
		'title-too-long': 'The title is too long: 150 characters at most.',
		'body-required': 'Write your message.',
		'body-too-long': 'The message is too long: 10,000 characters at most.',
		'reason-required': 'Say why you report this message.',
		'reason-too-long': 'The reason is too long: 500 characters at most.',
		'note-too-long': 'The note is too long: 1,000 characters at most.',
		'status-invalid': 'Choose one of the statuses offered.',
		'status-unchanged': 'This is already the status of the discussion.',
		'date-invalid': 'Choose a date to come, within five years.',
		'too-many-links': (max: number) =>
			`Accounts created less than 24 hours ago can put at most ${max} links in a message.`,
		duplicate: 'You just posted this same text. Wait ten minutes or change your message.',
		throttled: (minutes: number) =>
			`You have written a lot lately. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
		'already-flagged': 'You already reported this message.',
		'own-post': 'You cannot report your own message.',
		'post-deleted': 'This message was deleted.',
		'not-suspended': 'This account is not suspended.',
		'passage-unknown':
			'This passage is no longer at these lines of the lesson, which may have changed. Open the lesson again and propose your edit from the passage.',
		'proposed-required': 'Write the text you propose for this passage.',
		'proposed-unchanged':
			'The proposed text is the same as the current passage: change it before sending.',
		'proposed-too-long':
			'The proposed text is too long: 4,000 characters at most, one passage at a time.',
		'proposed-invalid': (problem: PassageProblem) => {
			const at = 'line' in problem ? `Line ${problem.line} of the proposed text: ` : '';
			switch (problem.kind) {
				case 'code':
					return `${at}“${problem.code}” is code, which a lesson cannot hold. Write Markdown, and put an example of code between backticks (\`…\`).`;
				case 'html':
					return `${at}the tag <${problem.tag}> is not allowed. A lesson holds no HTML: write Markdown (**bold**, *italics*, [link](address)).`;
				case 'attributes':
					return `${at}the component <${problem.tag}> is written wrong (${problem.detail}). Keep its attributes as they are in the current passage.`;
				case 'unbalanced':
					return `The tag <${problem.tag}> is no longer opened and closed as in the current passage: keep it as it is, only the text around it may change.`;
				case 'layout':
					return `${at}the content of the component <${problem.tag}> touches its tags, and would show as typed. Put <${problem.tag} …> and </${problem.tag}> each on a line of its own, with a blank line after the first and before the second.`;
			}
		},
		'edit-outdated':
			'The passage has changed since this proposal and can no longer be found in the lesson: it cannot be applied any more.'
	}
};
