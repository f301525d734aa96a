// The Atom feed (RFC 4287) of a course's suggestions and errata, for authors to follow in any
// feed reader. Public: it carries usernames and what was posted publicly, nothing else.
import type { Language } from '../../content/schema.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { DB } from '../db/index.ts';
import { wordDiff } from '../edits/patch.ts';
import { currentHtml, postState } from './posts.ts';
import { threadUrl } from './urls.ts';
import { discussionsUrl, feedUrl } from './urls.ts';

export const FEED_SIZE = 50;

const escapeXml = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		// Characters XML 1.0 cannot carry at all.
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

const iso = (time: number) => new Date(time).toISOString();

/**
 * The latest suggestions and errata of a course with their first post, in one query. Only a post
 * neither deleted nor hidden gives its HTML to the public feed.
 */
async function listFeedThreads(db: DB, course: string, limit = FEED_SIZE) {
	const rows = await db
		.selectFrom('forum_threads as thread')
		.leftJoin('users as author', 'author.id', 'thread.author_id')
		.leftJoin('forum_posts as first', (join) =>
			join.on((eb) =>
				eb(
					'first.id',
					'=',
					eb
						.selectFrom('forum_posts as post')
						.select((inner) => inner.fn.min<number>('post.id').as('id'))
						.whereRef('post.thread_id', '=', 'thread.id')
				)
			)
		)
		.leftJoin('suggested_edits as edit', 'edit.thread_id', 'thread.id')
		.select([
			'edit.original',
			'edit.proposed',
			'edit.file',
			'thread.id',
			'thread.kind',
			'thread.status',
			'thread.title',
			'thread.lesson_key',
			'thread.created_at',
			'thread.status_set_at',
			'author.username as author_name',
			'first.id as post_id',
			'first.body',
			'first.body_html',
			'first.render_version',
			'first.deleted_at',
			'first.hidden_at'
		])
		.where('thread.course', '=', course)
		.where('thread.kind', 'in', ['suggestion', 'erratum'])
		.orderBy('thread.created_at', 'desc')
		.orderBy('thread.id', 'desc')
		.limit(limit)
		.execute();
	const entries = [];
	for (const row of rows) {
		const post =
			row.post_id === null
				? null
				: {
						id: row.post_id,
						body: row.body ?? '',
						body_html: row.body_html ?? '',
						render_version: row.render_version ?? 0,
						deleted_at: row.deleted_at,
						hidden_at: row.hidden_at
					};
		entries.push({
			id: row.id,
			url: threadUrl(course, row.id),
			kind: row.kind,
			status: row.status,
			title: row.title,
			lessonKey: row.lesson_key,
			authorName: row.author_name,
			createdAt: row.created_at,
			updatedAt: Math.max(row.created_at, row.status_set_at ?? 0),
			state: post ? postState(post) : ('deleted' as const),
			edit:
				row.original !== null && row.proposed !== null && row.file !== null
					? { file: row.file, original: row.original, proposed: row.proposed }
					: null,
			html:
				post && post.deleted_at === null && post.hidden_at === null
					? await currentHtml(db, post)
					: null
		});
	}
	return entries;
}

/** A suggested edit in a feed entry: its file and its changes, marked as the site marks them. */
function editHtml(
	edit: { file: string; original: string; proposed: string },
	t: { inserted: string; deleted: string }
) {
	const diff = wordDiff(edit.original, edit.proposed)
		.map((segment) =>
			segment.kind === 'same'
				? escapeXml(segment.text)
				: segment.kind === 'ins'
					? `<ins title="${escapeXml(t.inserted)}">${escapeXml(segment.text)}</ins>`
					: `<del title="${escapeXml(t.deleted)}">${escapeXml(segment.text)}</del>`
		)
		.join('');
	return `<p><code>${escapeXml(edit.file)}</code></p><pre style="white-space: pre-wrap">${diff}</pre>`;
}

export async function buildCourseFeed(
	db: DB,
	options: {
		origin: string;
		course: { slug: string; title: string; language: Language };
		lessonTitles: Map<string, { title: string }>;
		now?: number;
	}
) {
	const { origin, course } = options;
	const t = messagesFor(course.language).forum;
	const entries = await listFeedThreads(db, course.slug, FEED_SIZE);
	const self = `${origin}${feedUrl(course.slug)}`;
	const alternate = `${origin}${discussionsUrl(course.slug)}`;
	const updated = entries.reduce((latest, entry) => Math.max(latest, entry.updatedAt), 0);
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${course.language}" xml:base="${escapeXml(origin)}/">`,
		`\t<id>${escapeXml(self)}</id>`,
		`\t<title>${escapeXml(t.feed.title(course.title))}</title>`,
		`\t<subtitle>${escapeXml(t.feed.subtitle)}</subtitle>`,
		`\t<updated>${iso(updated || (options.now ?? Date.now()))}</updated>`,
		`\t<link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
		`\t<link rel="alternate" type="text/html" href="${escapeXml(alternate)}"/>`,
		`\t<generator>Parcours</generator>`
	];
	for (const entry of entries) {
		const url = `${origin}${entry.url}`;
		const lesson = options.lessonTitles.get(entry.lessonKey)?.title ?? entry.lessonKey;
		const summary = `<p>${escapeXml(t.kinds[entry.kind])} · ${escapeXml(t.statuses[entry.status])} · ${escapeXml(t.feed.lesson(lesson))}</p>`;
		const body =
			(entry.edit ? editHtml(entry.edit, t.edit) : '') +
			(entry.html ??
				`<p>${escapeXml(entry.state === 'deleted' ? t.post.deleted : t.post.masked)}</p>`);
		lines.push(
			'\t<entry>',
			`\t\t<id>${escapeXml(url)}</id>`,
			`\t\t<title>${escapeXml(`[${t.kinds[entry.kind]}] ${entry.title}`)}</title>`,
			`\t\t<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
			`\t\t<published>${iso(entry.createdAt)}</published>`,
			`\t\t<updated>${iso(entry.updatedAt)}</updated>`,
			`\t\t<author><name>${escapeXml(entry.authorName ?? t.deletedAccount)}</name></author>`,
			`\t\t<category term="${entry.kind}" label="${escapeXml(t.kinds[entry.kind])}"/>`,
			`\t\t<content type="html">${escapeXml(summary + body)}</content>`,
			'\t</entry>'
		);
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}
