// The learner's notifications: the list, the unread count of the header, marking read, the Atom
// feed and the export.
import type { Language } from '../../content/schema.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { Insertable } from 'kysely';
import type { DB } from '../db/index.ts';
import {
	describe,
	noteLine,
	notificationUrl,
	siteOrigin,
	type NotificationView
} from './messages.ts';
import type { NotificationTable } from './tables.ts';
import { prepared } from '../db/prepared.ts';

export const PAGE_SIZE = 50;

function selectViews(db: DB) {
	return db
		.selectFrom('notifications as n')
		.leftJoin('users as actor', 'actor.id', 'n.actor_id')
		.select([
			'n.id',
			'n.kind',
			'n.thread_id',
			'n.post_id',
			'n.course',
			'n.thread_title',
			'n.detail',
			'n.note',
			'n.created_at',
			'n.read_at',
			'actor.username as actor_name'
		]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];

export const toView = (row: ViewRow): NotificationView => ({
	id: row.id,
	kind: row.kind,
	threadId: row.thread_id,
	postId: row.post_id,
	course: row.course,
	threadTitle: row.thread_title,
	detail: row.detail,
	note: row.note,
	actorName: row.actor_name,
	createdAt: row.created_at,
	readAt: row.read_at,
	url: notificationUrl(row)
});

/** The latest notifications, newest first. */
export async function listNotifications(db: DB, userId: number, limit = PAGE_SIZE) {
	const rows = await selectViews(db)
		.where('n.user_id', '=', userId)
		.orderBy('n.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toView);
}

/** Some notifications, by id, oldest first (a digest). */
export async function findNotifications(db: DB, ids: number[]) {
	if (ids.length === 0) return [];
	const rows = await selectViews(db).where('n.id', 'in', ids).orderBy('n.id').execute();
	return rows.map(toView);
}

const unreadCount = prepared((db, userId: number) =>
	db
		.selectFrom('notifications')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
);

export async function countUnread(db: DB, userId: number) {
	const [{ n }] = await unreadCount(db, userId);
	return Number(n);
}

/** Writes one notification; its email is decided next (setEmailState). */
export async function insertNotification(db: DB, values: Insertable<NotificationTable>) {
	const { id } = await db
		.insertInto('notifications')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** What became of the email of these notifications: sent now, waiting for the digest, or none. */
export async function setEmailState(
	db: DB,
	ids: number[],
	state: { email: 'sent'; emailed_at: number } | { email: 'digest' | 'none' }
) {
	if (ids.length === 0) return;
	await db.updateTable('notifications').set(state).where('id', 'in', ids).execute();
}

/** Drops the learner's notifications still waiting for a digest email (they stay in the list). */
export async function dropWaitingDigest(db: DB, userId: number) {
	await db
		.updateTable('notifications')
		.set({ email: 'none' })
		.where('user_id', '=', userId)
		.where('email', '=', 'digest')
		.execute();
}

/**
 * Opening a notification from the list: marks it read and gives where it points; null when it is
 * not the learner's or no longer exists.
 */
export async function openNotification(db: DB, userId: number, id: number, now = Date.now()) {
	const row = await db
		.selectFrom('notifications')
		.select(['course', 'thread_id', 'post_id'])
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	await markIdsRead(db, [id], now);
	return notificationUrl(row);
}

/** Marks these notifications read at `now`, but those read already, which keep their moment. */
async function markIdsRead(db: DB, ids: number[], now: number) {
	await db
		.updateTable('notifications')
		.set({ read_at: now })
		.where('id', 'in', ids)
		.where('read_at', 'is', null)
		.execute();
}

/** Marks one of the learner's notifications read; false when it is not theirs or does not exist. */
export async function markRead(db: DB, userId: number, id: number, now = Date.now()) {
	return (await openNotification(db, userId, id, now)) !== null;
}

const unreadOfThread = prepared((db, userId: number, threadId: number) =>
	db
		.selectFrom('notifications')
		.select('id')
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.where('thread_id', '=', threadId)
);

/**
 * A learner reading a thread has read what their notifications said of it: those still unread are
 * marked read. Reading first, so that a thread without any (nearly every visit) writes nothing.
 * Returns how many were marked.
 */
export async function markThreadRead(db: DB, userId: number, threadId: number, now = Date.now()) {
	const ids = (await unreadOfThread(db, userId, threadId)).map((row) => row.id);
	if (ids.length === 0) return 0;
	await markIdsRead(db, ids, now);
	return ids.length;
}

export async function markAllRead(db: DB, userId: number, now = Date.now()) {
	await db
		.updateTable('notifications')
		.set({ read_at: now })
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.execute();
}

const escapeXml = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

const iso = (time: number) => new Date(time).toISOString();

/** The learner's notifications as an Atom feed (RFC 4287), at their secret address. */
export async function buildNotificationFeed(
	db: DB,
	owner: { id: number; username: string; language: string | null },
	selfPath: string,
	now = Date.now()
) {
	const lang: Language = owner.language === 'en' ? 'en' : 'fr';
	const t = messagesFor(lang).notifications;
	const origin = siteOrigin();
	const entries = await listNotifications(db, owner.id);
	const self = `${origin}${selfPath}`;
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
		`\t<id>${escapeXml(self)}</id>`,
		`\t<title>${escapeXml(t.feed.title(owner.username))}</title>`,
		`\t<updated>${iso(entries[0]?.createdAt ?? now)}</updated>`,
		`\t<link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
		`\t<link rel="alternate" type="text/html" href="${escapeXml(`${origin}/notifications`)}"/>`,
		`\t<generator>Parcours</generator>`
	];
	for (const entry of entries) {
		const url = `${origin}${entry.url}`;
		const line = describe(entry, lang);
		const note = noteLine(entry, lang);
		lines.push(
			'\t<entry>',
			`\t\t<id>${escapeXml(`${origin}/notifications#notification-${entry.id}`)}</id>`,
			`\t\t<title>${escapeXml(line)}</title>`,
			`\t\t<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
			`\t\t<updated>${iso(entry.createdAt)}</updated>`,
			`\t\t<author><name>${escapeXml(entry.actorName ?? t.someone)}</name></author>`,
			`\t\t<content type="text">${escapeXml(note ? `${line}\n${note}` : line)}</content>`,
			'\t</entry>'
		);
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}

/** For the learner's data export. */
export async function exportNotifications(db: DB, userId: number) {
	const rows = await selectViews(db).where('n.user_id', '=', userId).orderBy('n.id').execute();
	return rows.map((row) => {
		const view = toView(row);
		return {
			kind: view.kind,
			thread: view.threadTitle,
			url: view.url,
			by: view.actorName,
			status: view.detail,
			note: view.note,
			createdAt: iso(view.createdAt),
			readAt: view.readAt === null ? null : iso(view.readAt)
		};
	});
}
