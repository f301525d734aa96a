import type { NotificationMessages } from './types';

export const notificationsEn: NotificationMessages = {
	nav: 'Notifications',
	navUnread: (n: number) => `Notifications (${n} unread)`,
	page: {
		title: 'Notifications',
		intro: 'What happened in the discussions you follow.',
		empty: 'No notifications yet.',
		unread: 'Unread',
		markRead: 'Mark as read',
		markAllRead: 'Mark all as read',
		open: 'Open',
		preferences: 'Set up emails and the Atom feed',
		follows: 'What you follow',
		noFollows:
			'You follow nothing yet. You follow a discussion as soon as you start it or reply to it.',
		followKinds: {
			thread: 'Discussion',
			lesson: 'Every discussion of the lesson',
			course: 'Every discussion of the course',
			suggestions: 'Every suggestion of the course'
		},
		unfollow: 'Unfollow'
	},
	describe: {
		thread: (actor, title) => `${actor} started the discussion “${title}”`,
		reply: (actor, title) => `${actor} replied in “${title}”`,
		status: (title, status) => `“${title}” is now: ${status}`,
		hidden: (title) => `One of your posts in “${title}” was hidden by the moderators`,
		restored: (title) => `One of your posts in “${title}” is visible again`,
		mention: (actor, title) => `${actor} mentioned you in “${title}”`,
		flag: (title) => `A flagged post waits for moderation in “${title}”`
	},
	note: 'Moderator’s note',
	reason: 'Reason',
	someone: 'Someone',
	follow: {
		thread: 'Follow this discussion',
		unfollowThread: 'Unfollow this discussion',
		followingThread: 'You follow this discussion: you are notified of every reply.',
		lesson: 'Follow the discussions of this lesson',
		unfollowLesson: 'Unfollow the discussions of this lesson',
		course: 'Follow every discussion of the course',
		unfollowCourse: 'Unfollow the discussions of the course',
		suggestions: 'Follow every suggestion of the course',
		unfollowSuggestions: 'Unfollow the suggestions of the course'
	},
	preferences: {
		title: 'Notifications',
		intro: 'Notifications always show on the site. By email, you get them:',
		modes: {
			each: 'for each event (at most one email per discussion per hour)',
			digest: 'in one summary a day',
			never: 'never'
		},
		legend: 'Notification emails',
		save: 'Save',
		saved: 'Your notification preferences are saved.',
		unverified: 'No email goes to an unconfirmed address: confirm yours to get them.',
		stopped:
			'Notification emails to your address were stopped after repeated delivery failures. Saving your preferences starts them again.',
		feedTitle: 'Atom feed',
		feedIntro:
			'Your notifications in a feed reader. This address is secret: anyone who knows it reads your notifications.',
		feedCreate: 'Create the feed address',
		feedRenew: 'Change the feed address (the old one stops working)',
		feedCreated: 'Your feed has a new address.'
	},
	unsubscribe: {
		title: 'Unsubscribe from emails',
		confirm: (username) =>
			`Stop sending notification emails to the account ${username}? Notifications stay visible on the site.`,
		button: 'Unsubscribe',
		done: 'Done: you will get no more notification emails. You can change your mind from your account.',
		invalid:
			'This unsubscribe link is not (or no longer) valid. Your preferences are on your account page.'
	},
	email: {
		subject: (title) => `[Parcours] ${title}`,
		digestSubject: (n) => `[Parcours] ${n} notification${n > 1 ? 's' : ''} today`,
		greeting: (username) => `Hello ${username},`,
		digestIntro: 'Here is what happened in the discussions you follow:',
		open: 'Open it on the site',
		why: 'You get this email because you follow this discussion on Parcours.',
		unsubscribe: 'Stop these emails (one click)',
		preferences: 'Set up your notifications'
	},
	feed: {
		title: (username) => `Notifications of ${username} — Parcours`
	},
	errors: {
		'kind-invalid': 'What you want to follow is not recognised.',
		'target-unknown': 'This discussion, lesson or course does not exist.',
		forbidden: 'Only authors and moderators follow every suggestion of a course.',
		'mode-invalid': 'Choose one of the three frequencies offered.',
		'not-found': 'This notification does not exist.'
	}
};
