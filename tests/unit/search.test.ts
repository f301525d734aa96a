import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/database.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';
import { setPostHidden, suspendUser } from '../../src/lib/server/forum/moderation.ts';
import { createReply, deletePost, editPost } from '../../src/lib/server/forum/posts.ts';
import { createThread } from '../../src/lib/server/forum/threads.ts';
import { LIMITS, takeInMemory } from '../../src/lib/server/rate-limit.ts';
import { excerpt } from '../../src/lib/server/search/excerpt.ts';
import { sectionsOf } from '../../src/lib/server/search/html.ts';
import {
	indexMissingPosts,
	replaceLessons,
	search,
	type LessonText,
	type SearchRequest
} from '../../src/lib/server/search/index.ts';
import { LONGEST_QUERY, readSearchParams } from '../../src/lib/server/search/schema.ts';
import { lessonsAreCurrent, searchIsCurrent } from '../../src/lib/server/search/state.ts';
import { createUser, findUserById, markEmailVerified } from '../../src/lib/server/user.ts';

const DAY = 24 * 60 * 60_000;
const LESSON = 'asso/migrer/courriels';

const LESSONS: LessonText[] = [
	{
		course: 'asso',
		lessonKey: LESSON,
		language: 'fr',
		title: 'Migrer les courriels',
		sections: [
			{
				anchor: null,
				heading: '',
				text: 'Quitter Gmail demande de la méthode : l’association prépare la bascule.'
			},
			{
				anchor: 'choisir-un-hebergeur',
				heading: 'Choisir un hébergeur',
				text: 'Un hébergeur associatif garde vos boîtes aux lettres ; comparez les offres.'
			},
			{
				anchor: 'les-couts',
				heading: 'Les coûts',
				text: 'Un tableau compare les coûts de Mattermost et de Slack pour dix salariés.'
			}
		]
	},
	{
		course: 'asso',
		lessonKey: 'asso/evaluer/diagnostic',
		language: 'fr',
		title: 'Pourquoi un diagnostic',
		sections: [
			{
				anchor: 'etat-des-lieux',
				heading: 'État des lieux',
				text: 'Le diagnostic numérique recense les outils numériques des associations.'
			}
		]
	},
	{
		course: 'other',
		lessonKey: 'other/start/hosting',
		language: 'en',
		title: 'Hosting your tools',
		sections: [
			{
				anchor: 'hosts',
				heading: 'Hosts',
				text: 'Small hosts running free software keep your data close.'
			}
		]
	}
];

let connection: TestDatabase;
const now = Date.UTC(2025, 2, 10, 12);
beforeEach(async () => {
	connection = await testDatabase();
	await replaceLessons(connection.db, 'v1', LESSONS);
});
afterEach(() => connection.close());
const db = () => connection.db;

const find = (query: string, request: Omit<SearchRequest, 'query'> = {}) =>
	search(db(), { query, ...request });
/** Where each result leads, in order. */
const urls = async (query: string, request: Omit<SearchRequest, 'query'> = {}) =>
	(await find(query, request)).hits.map((hit) => hit.url);

async function person(username: string, role: Role = 'learner') {
	const user = await createUser(db(), {
		username,
		email: `${username}@example.org`,
		passwordHash: 'not-a-real-hash',
		role,
		now: now - 2 * DAY
	});
	await markEmailVerified(db(), user.id, user.email, now - 2 * DAY);
	return (await findUserById(db(), user.id))!;
}

async function openThread(authorId: number, title: string, body: string, kind = 'question') {
	const result = await createThread(db(), authorId, { lessonKey: LESSON, kind, title, body }, now);
	if (!result.ok) throw new Error(`thread refused: ${result.error}`);
	return result.threadId;
}

describe('French done right', () => {
	test('accents and case do not matter: « numerique » finds « numérique »', async () => {
		expect(await urls('numerique')).toEqual(['/asso/evaluer/diagnostic#etat-des-lieux']);
		expect(await urls('NUMÉRIQUE')).toEqual(['/asso/evaluer/diagnostic#etat-des-lieux']);
		expect(await urls('etat des lieux')).toEqual(['/asso/evaluer/diagnostic#etat-des-lieux']);
	});

	test('elided articles are no part of the word: « l’association » finds « association »', async () => {
		for (const typed of ["l'association", 'l’association', 'association']) {
			expect(await urls(typed)).toContain('/asso/migrer/courriels');
		}
		const [hit] = (await find("l'association")).hits;
		expect(hit.excerpt).toContain('l’<mark>association</mark>');
	});

	test('plurals and inflections find each other, in both directions', async () => {
		expect(await urls('hébergeurs')).toContain('/asso/migrer/courriels#choisir-un-hebergeur');
		expect(await urls('associations')).toContain('/asso/migrer/courriels');
		expect(await urls('diagnostics')).toEqual(['/asso/evaluer/diagnostic#etat-des-lieux']);
		expect(await urls('outil')).toEqual(['/asso/evaluer/diagnostic#etat-des-lieux']);
		expect(await urls('coût')).toEqual(['/asso/migrer/courriels#les-couts']);
		// An English course is stemmed as English.
		expect(await urls('host')).toEqual(['/other/start/hosting#hosts']);
		expect(await urls('run')).toEqual(['/other/start/hosting#hosts']);
	});

	test('the beginning of a word is enough: « héberg » finds « hébergeur »', async () => {
		const results = await find('héberg');
		expect(results.hits.map((hit) => hit.url)).toEqual([
			'/asso/migrer/courriels#choisir-un-hebergeur'
		]);
		expect(results.hits[0].excerpt).toContain('<mark>hébergeur</mark>');
		expect(await urls('mattermo*')).toEqual(['/asso/migrer/courriels#les-couts']);
	});

	test('words between quotes are found as a phrase, in their order', async () => {
		expect(await urls('"coûts de Mattermost"')).toEqual(['/asso/migrer/courriels#les-couts']);
		expect(await urls('« coûts de mattermost »')).toEqual(['/asso/migrer/courriels#les-couts']);
		expect(await urls('"Mattermost de coûts"')).toEqual([]);
		expect(await urls('"coûts de Slack"')).toEqual([]);
	});

	test('every word counts, wherever it is: title, heading or text', async () => {
		expect(await urls('migrer courriel')).toContain('/asso/migrer/courriels#les-couts');
		expect(await urls('migrer diagnostic')).toEqual([]);
		// A word of the title and of the heading ranks that section first.
		expect((await urls('courriels hébergeur'))[0]).toBe(
			'/asso/migrer/courriels#choisir-un-hebergeur'
		);
	});

	test('a typo that finds nothing gets a « did you mean » that finds something', async () => {
		const results = await find('asociation');
		expect(results.total).toBe(0);
		expect(results.suggestion).toBe('association');
		expect((await find('hébergeru associatif')).suggestion).toBe('hébergeur associatif');
		// Nothing close enough: no suggestion rather than a wild one.
		expect((await find('zyxwvut')).suggestion).toBeNull();
	});
});

describe('what readers may type', () => {
	const DANGEROUS: [string, string][] = [
		['NEAR', 'NEAR(migrer courriel)'],
		['OR', 'migrer OR courriel'],
		['AND NOT', 'migrer AND NOT courriel'],
		['a column filter', 'title:migrer'],
		['a column set', '{title heading}: courriel'],
		['a lone quote', '"'],
		['three quotes', '"""'],
		['an unclosed guillemet', '«'],
		['a lone star', '*'],
		['two stars', '**'],
		['a minus', '-migrer'],
		['a caret', '^courriel'],
		['a closing parenthesis', 'courriel)'],
		['opening parentheses', '((('],
		['SQL', "'; DROP TABLE search_passages; --"],
		['a 12 KB word', 'migrer'.repeat(2000)],
		['10 KB of short words', 'a '.repeat(5000)],
		['control characters', '\u0000\u0001'],
		['a replacement character', '\uFFFD('],
		['an emoji', '🙂 émoji']
	];

	test.each(DANGEROUS)('%s is read as words, never as query syntax', async (_, typed) => {
		const results = await find(typed);
		expect(results.total).toBeGreaterThanOrEqual(0);
		expect(results.hits.every((hit) => !hit.excerpt.includes('<script'))).toBe(true);
	});

	test('operators are plain words: « NEAR(migrer courriel) » finds what « migrer courriel » does', async () => {
		expect(await urls('NEAR(migrer courriel)')).toEqual([]);
		expect(await urls('migrer OR diagnostic')).toEqual([]);
		expect(await urls('title:migrer')).toEqual([]);
		expect(await urls('courriel)')).toEqual(await urls('courriel'));
	});

	test('too long, unreadable or empty queries get a reason, and other parameters are checked', () => {
		const read = (query: string) => readSearchParams(new URLSearchParams(query));
		expect(read(`q=${'a'.repeat(LONGEST_QUERY + 1)}`)).toEqual({ ok: false, problem: 'too-long' });
		expect(read(`q=${'x'.repeat(10_000)}`)).toEqual({ ok: false, problem: 'too-long' });
		expect(read('q=%C3%28')).toEqual({ ok: false, problem: 'unreadable' });
		expect(read('q=a&kind=everything')).toEqual({ ok: false, problem: 'kind-invalid' });
		expect(read('q=a&page=0')).toEqual({ ok: false, problem: 'page-invalid' });
		expect(read('q=a&page=-1')).toEqual({ ok: false, problem: 'page-invalid' });
		expect(read('q=a&page=abc')).toEqual({ ok: false, problem: 'page-invalid' });
		expect(read('q=%20migrer%20&kind=lessons&page=2')).toEqual({
			ok: true,
			value: { q: 'migrer', course: '', kind: 'lessons', page: 2 }
		});
	});

	test('a passage is shown escaped, with only <mark> as markup', () => {
		const html = excerpt(
			'Ne collez pas <script>alert("x")</script> & co dans l\'association.',
			'fr',
			(word) => word === 'association' || word === 'script'
		);
		expect(html).toBe(
			'Ne collez pas &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; co dans l&#39;<mark>association</mark>.'
		);
	});

	test('searches from one address are limited; others go on', () => {
		const limit = LIMITS.searchPerAddress;
		for (let i = 0; i < limit.max; i++)
			expect(takeInMemory('search:192.0.2.1', limit, now).wait).toBe(0);
		expect(takeInMemory('search:192.0.2.1', limit, now).wait).toBeGreaterThan(0);
		expect(takeInMemory('search:192.0.2.2', limit, now).wait).toBe(0);
		expect(takeInMemory('search:192.0.2.1', limit, now + limit.windowMs).wait).toBe(0);
	});
});

describe('discussions in the results', () => {
	test('a question is found as soon as it is posted, after the lessons, with a link to its post', async () => {
		const alice = await person('alice');
		const threadId = await openThread(
			alice.id,
			'Transfert des courriels',
			'Comment migrer les **courriels** de Gmail vers notre hébergeur ?'
		);
		const results = await find('migrer courriel');
		expect(results.lessonCount).toBeGreaterThan(0);
		expect(results.discussionCount).toBe(1);
		const kinds = results.hits.map((hit) => hit.kind);
		expect(kinds.indexOf('question')).toBe(kinds.length - 1);
		const question = results.hits.at(-1)!;
		expect(question.url).toMatch(new RegExp(`^/asso/discussions/${threadId}#post-\\d+$`));
		expect(question.title).toBe('Transfert des courriels');
		expect(question.excerpt).toBe(
			'Comment <mark>migrer</mark> les <mark>courriels</mark> de Gmail vers notre hébergeur ?'
		);
	});

	test('filters keep lessons, questions or suggestions, in one course', async () => {
		const alice = await person('alice');
		await openThread(alice.id, 'Une question', 'Quel hébergeur choisir ?', 'question');
		await openThread(alice.id, 'Une idée', 'Ajouter une liste d’hébergeurs.', 'suggestion');
		await openThread(alice.id, 'Une coquille', 'Hébergeur prend un accent.', 'erratum');
		const kinds = async (kind: SearchRequest['kind']) =>
			(await find('hébergeur', { kind })).hits.map((hit) => hit.kind);
		expect(await kinds('lessons')).toEqual(['lesson']);
		expect(await kinds('questions')).toEqual(['question']);
		expect((await kinds('suggestions')).sort()).toEqual(['erratum', 'suggestion']);
		expect((await find('hosts', { course: 'asso' })).total).toBe(0);
		expect((await find('hosts', { course: 'other' })).total).toBe(1);
	});

	test('results come ten to a page, lessons first', async () => {
		const alice = await person('alice');
		const threadId = await openThread(alice.id, 'Hébergeur', 'Un hébergeur ?');
		for (let i = 0; i < 11; i++) {
			const reply = await createReply(
				db(),
				alice.id,
				threadId,
				{ body: `Réponse ${i} : mon hébergeur est ${i}.` },
				now + i
			);
			expect(reply.ok).toBe(true);
		}
		const first = await find('hébergeur');
		expect(first.total).toBe(13);
		expect(first.pageCount).toBe(2);
		expect(first.hits).toHaveLength(10);
		expect(first.hits[0].kind).toBe('lesson');
		const second = await find('hébergeur', { page: 2 });
		expect(second.page).toBe(2);
		expect(second.hits).toHaveLength(3);
		expect((await find('hébergeur', { page: 99 })).page).toBe(2);
	});

	test('a hidden post vanishes from the results at once, and comes back when shown again', async () => {
		const alice = await person('alice');
		const mod = await person('mod', 'moderator');
		await openThread(alice.id, 'Un tableau', 'Le tableau des tarifs de Zimbra est faux.');
		const reply = await createReply(
			db(),
			alice.id,
			(await find('zimbra')).hits[0].url.match(/discussions\/(\d+)/)!.map(Number)[1],
			{ body: 'Zimbra coûte moins cher en association.' },
			now + 1
		);
		if (!reply.ok) throw new Error('reply refused');
		expect((await find('zimbra')).total).toBe(2);

		expect((await setPostHidden(db(), mod.id, reply.postId, true, { note: '' }, now + 2)).ok).toBe(
			true
		);
		expect((await find('zimbra')).hits.map((hit) => hit.excerpt)).toEqual([
			'Le tableau des tarifs de <mark>Zimbra</mark> est faux.'
		]);
		expect((await find('moins cher')).total).toBe(0);
		const stored = await db()
			.selectFrom('search_passages')
			.select('post_id')
			.where('post_id', '=', reply.postId)
			.execute();
		expect(stored).toEqual([]);

		await setPostHidden(db(), mod.id, reply.postId, false, { note: '' }, now + 3);
		expect((await find('moins cher')).total).toBe(1);
	});

	test('a deleted post vanishes; an edited one is found by its new words only', async () => {
		const alice = await person('alice');
		const threadId = await openThread(alice.id, 'Nextcloud', 'Nextcloud ou Seafile ?');
		const reply = await createReply(db(), alice.id, threadId, { body: 'Plutôt Seafile.' }, now);
		if (!reply.ok) throw new Error('reply refused');
		expect((await find('seafile')).total).toBe(2);
		await deletePost(db(), alice.id, reply.postId, now + 1);
		expect((await find('seafile')).total).toBe(1);

		const [first] = (await find('nextcloud')).hits;
		const firstId = Number(first.url.split('#post-')[1]);
		const edited = await editPost(
			db(),
			alice.id,
			firstId,
			{ title: 'Partage de fichiers', body: 'Nextcloud ou Syncthing ?' },
			now + 2
		);
		expect(edited.ok).toBe(true);
		expect((await find('seafile')).total).toBe(0);
		expect((await find('syncthing')).hits.map((hit) => hit.title)).toEqual(['Partage de fichiers']);
		expect((await find('partage fichiers')).total).toBe(1);
	});

	test('a suspended learner’s removed posts are gone from the results', async () => {
		const troll = await person('troll');
		const mod = await person('mod', 'moderator');
		await openThread(troll.id, 'Pub', 'Achetez des cryptomonnaies ici.');
		const [hit] = (await find('cryptomonnaies')).hits;
		const postId = Number(hit.url.split('#post-')[1]);
		expect(
			(await suspendUser(db(), mod.id, troll.id, { until: '2025-04-01', note: '' }, now)).ok
		).toBe(true);
		await setPostHidden(db(), mod.id, postId, true, { note: 'publicité' }, now);
		expect((await find('cryptomonnaies')).total).toBe(0);
	});

	test('a post hidden by a write that skipped the index is still never shown', async () => {
		const alice = await person('alice');
		await openThread(alice.id, 'Question', 'Que vaut Framadate ?');
		await db().updateTable('forum_posts').set({ hidden_at: now }).execute();
		expect((await find('framadate')).total).toBe(0);
		// The next start takes it out of the index too.
		await indexMissingPosts(db());
		const left = await db()
			.selectFrom('search_passages')
			.select('id')
			.where('post_id', 'is not', null);
		expect(await left.execute()).toEqual([]);
	});

	test('posts written before search existed are indexed once, at start', async () => {
		const alice = await person('alice');
		await openThread(alice.id, 'Question', 'Que vaut Framadate ?');
		await db().deleteFrom('search_passages').where('post_id', 'is not', null).execute();
		expect((await find('framadate')).total).toBe(0);
		expect(await indexMissingPosts(db())).toBe(1);
		expect(await indexMissingPosts(db())).toBe(0);
		expect((await find('framadate')).total).toBe(1);
	});

	test('a post written before its new course’s lessons were indexed is read in their language', async () => {
		// The English course arrives with a new build; a reply comes before its lessons are indexed.
		await replaceLessons(db(), 'v0', LESSONS.slice(0, 2));
		const alice = await person('alice');
		const result = await createThread(
			db(),
			alice.id,
			{ lessonKey: 'other/start/hosting', kind: 'question', title: 'Which host', body: 'Hosting?' },
			now
		);
		if (!result.ok) throw new Error(result.error);
		const language = () =>
			db()
				.selectFrom('search_passages')
				.select('language')
				.where('post_id', 'is not', null)
				.executeTakeFirstOrThrow();
		expect(await language()).toEqual({ language: 'fr' });
		await replaceLessons(db(), 'v1', LESSONS);
		expect(await searchIsCurrent(db(), 'v1')).toBe(false);
		expect(await indexMissingPosts(db())).toBe(0);
		expect(await language()).toEqual({ language: 'en' });
		expect(await searchIsCurrent(db(), 'v1')).toBe(true);
	});
});

describe('the lessons in the index', () => {
	test('a lesson is cut into its sections, each under its heading’s id', () => {
		const html =
			'<p>Avant-propos.</p><h2 id="premiere">Première <em>partie</em></h2><p>Texte&nbsp;un.</p>' +
			'<div class="callout"><h4>Attention</h4><p>Un encadré.</p></div>' +
			'<h3 id="detail">Détail</h3><ul><li>un</li><li>deux</li></ul><script>ignored()</script>' +
			'<h2 id="fin">Fin</h2><svg><text>dessin</text></svg><p>Dernier mot.</p>';
		expect(sectionsOf(html)).toEqual([
			{ anchor: null, heading: '', text: 'Avant-propos.' },
			{
				anchor: 'premiere',
				heading: 'Première partie',
				text: 'Texte un. Attention Un encadré.'
			},
			{ anchor: 'detail', heading: 'Détail', text: 'un deux' },
			{ anchor: 'fin', heading: 'Fin', text: 'Dernier mot.' }
		]);
	});

	test('they are indexed again when the content version changes, and only then', async () => {
		expect(await searchIsCurrent(db(), 'v1')).toBe(true);
		expect(await searchIsCurrent(db(), 'v2')).toBe(false);
		expect(await lessonsAreCurrent(db(), 'v1')).toBe(true);
		expect(await lessonsAreCurrent(db(), 'v2')).toBe(false);
		const renamed = structuredClone(LESSONS);
		renamed[1].sections[0].text = 'Le diagnostic recense les logiciels.';
		await replaceLessons(db(), 'v2', renamed);
		expect(await lessonsAreCurrent(db(), 'v2')).toBe(true);
		expect((await find('numérique')).total).toBe(0);
		expect(await urls('logiciels')).toEqual(['/asso/evaluer/diagnostic#etat-des-lieux']);
		const passages = await db().selectFrom('search_passages').select('id').execute();
		expect(passages).toHaveLength(5);
	});
});
