// Emails and their links. Emails name people by their username only: no address but the
// recipient's ever appears.
import type { Language } from '../../content/schema.ts';
import { messagesFor } from '../../i18n/index.ts';
import {
	describe,
	noteLine,
	type NotificationView
} from '../../components/notifications/describe.ts';
import { getConfig } from '../config.ts';
import { postUrl, threadUrl } from '../forum/urls.ts';

export { describe, noteLine, type NotificationView };

export function notificationUrl(row: {
	course: string;
	thread_id: number | null;
	post_id: number | null;
}) {
	if (row.thread_id === null) return `/${row.course}/discussions`;
	return row.post_id === null
		? threadUrl(row.course, row.thread_id)
		: postUrl(row.course, row.thread_id, row.post_id);
}

/** Where links in emails and feeds point: ORIGIN, or this machine when it is not set. */
export function siteOrigin() {
	const config = getConfig();
	return (config.ORIGIN ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One email for one or several notifications (a digest), with its plain-text and HTML parts and
 * the one-click unsubscribe headers of RFC 8058.
 */
export function composeEmail(options: {
	lang: Language;
	username: string;
	notifications: NotificationView[];
	digest: boolean;
	unsubscribeUrl: string;
}) {
	const { lang, notifications } = options;
	const t = messagesFor(lang).notifications.email;
	const origin = siteOrigin();
	const preferencesUrl = `${origin}/account#notifications`;
	const items = notifications.map((notification) => ({
		line: describe(notification, lang),
		note: noteLine(notification, lang),
		url: `${origin}${notification.url}`
	}));
	const subject = options.digest ? t.digestSubject(items.length) : t.subject(items[0].line);
	const colon = lang === 'fr' ? '\u00a0:' : ':';
	const text = [
		t.greeting(options.username),
		'',
		...(options.digest ? [t.digestIntro, ''] : []),
		...items.flatMap((item) => [
			item.line,
			...(item.note ? [item.note] : []),
			`${t.open}${colon} ${item.url}`,
			''
		]),
		'-- ',
		t.why,
		`${t.unsubscribe}${colon} ${options.unsubscribeUrl}`,
		`${t.preferences}${colon} ${preferencesUrl}`,
		''
	].join('\n');
	const html = [
		`<!doctype html><html lang="${lang}"><body>`,
		`<p>${escapeHtml(t.greeting(options.username))}</p>`,
		...(options.digest ? [`<p>${escapeHtml(t.digestIntro)}</p>`] : []),
		...items.map(
			(item) =>
				`<p>${escapeHtml(item.line)}${item.note ? `<br>${escapeHtml(item.note)}` : ''}<br><a href="${escapeHtml(item.url)}">${escapeHtml(t.open)}</a></p>`
		),
		`<hr><p><small>${escapeHtml(t.why)}<br><a href="${escapeHtml(options.unsubscribeUrl)}">${escapeHtml(t.unsubscribe)}</a> · <a href="${escapeHtml(preferencesUrl)}">${escapeHtml(t.preferences)}</a></small></p>`,
		'</body></html>'
	].join('\n');
	return {
		subject,
		text,
		html,
		headers: {
			'List-Unsubscribe': `<${options.unsubscribeUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			'Auto-Submitted': 'auto-generated'
		}
	};
}

export const unsubscribeUrl = (token: string) =>
	`${siteOrigin()}/unsubscribe?token=${encodeURIComponent(token)}`;
