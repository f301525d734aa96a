// What a notification says, on its page and in the feed and emails, in the reader's language.
import type { Language } from '../../content/schema.ts';
import { messagesFor } from '../../i18n/index.ts';

type NotificationKind = 'thread' | 'reply' | 'status' | 'hidden' | 'restored' | 'mention' | 'flag';

export interface NotificationView {
	id: number;
	kind: NotificationKind;
	threadId: number | null;
	postId: number | null;
	course: string;
	threadTitle: string;
	detail: string | null;
	note: string | null;
	/** null for a deleted account. */
	actorName: string | null;
	createdAt: number;
	readAt: number | null;
	/** The page it is about, from the site's root. */
	url: string;
}

/** One line saying what happened. */
export function describe(notification: NotificationView, lang: Language) {
	const t = messagesFor(lang);
	const d = t.notifications.describe;
	const actor = notification.actorName ?? t.notifications.someone;
	const title = notification.threadTitle;
	switch (notification.kind) {
		case 'thread':
			return d.thread(actor, title);
		case 'reply':
			return d.reply(actor, title);
		case 'mention':
			return d.mention(actor, title);
		case 'status': {
			const status = notification.detail ?? 'open';
			const label = Object.hasOwn(t.forum.statuses, status)
				? t.forum.statuses[status as keyof typeof t.forum.statuses]
				: status;
			return d.status(title, label);
		}
		case 'hidden':
			return d.hidden(title);
		case 'restored':
			return d.restored(title);
		case 'flag':
			return d.flag(title);
	}
}

/** The moderator's note or the flag's reason, labelled, when there is one. */
export function noteLine(notification: NotificationView, lang: Language) {
	if (!notification.note) return null;
	const t = messagesFor(lang).notifications;
	const label = notification.kind === 'flag' ? t.reason : t.note;
	return `${label}${lang === 'fr' ? '\u00a0: ' : ': '}${notification.note}`;
}
