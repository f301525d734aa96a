// A signed-in learner's page, made from the page every anonymous reader shares (page-cache.ts) with
// only the parts that show who reads it rendered for them: their links, their progress, their
// forms. Those parts are marked in every rendering of the page (LearnerPart.svelte), and made by the
// same components from the same data as SvelteKit's rendering would: the route's own functions
// (its `parts`, and the load it registers here), the layout's (layoutData, layoutParts). What lies
// between them is the same for every reader, and never holds anything of a learner: a page made
// here starts from the anonymous page and renders this learner's parts for each request, except
// those the same for every learner in the same state (`shared`), which are kept rendered.
//
// It answers from Node's `http` server, as the page cache does, without SvelteKit's request and
// render: a lesson page read signed in costs a few reads and the render of two small components
// (the header's links, the outline) rather than the whole page. Anything out of the ordinary goes to SvelteKit instead: no kept
// anonymous page, an address with a query, a session to renew or ended, a second factor to set
// up, an account whose language is not the page's (its links differ throughout), a page whose
// marks are not the ones expected.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { parse as parseCookies } from 'cookie';
import { render } from 'svelte/server';
import { layoutParts, type Parts } from '../components/site/parts.ts';
import { mustSetUpSecondFactor } from './auth.ts';
import { useDatabase, type DB } from './db/index.ts';
import { SECURITY_HEADERS } from './headers.ts';
import { PERSONAL } from './http-cache.ts';
import { findCourse } from './content.ts';
import { layoutData } from './layout-data.ts';
import { requestIdFrom, useLogger } from './log.ts';
import { keptPage } from './page-cache.ts';
import { readSession, sessionCookieName, type SessionUser } from './session.ts';

type Layout = Awaited<ReturnType<typeof layoutData>>;

export interface LearnerRoute<Data> {
	/** What the route's server load gives a signed-in reader, for its parts (and its layout's). */
	load(db: DB, user: SessionUser, params: Record<string, string>): Promise<Data>;
	parts: Parts<Data>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const routes = new Map<string, LearnerRoute<any>>();

/**
 * Lets signed-in learners' pages of this route be made from its anonymous page. Called by the
 * route's +page.server.ts when it loads; its parts must be the ones its +page.svelte marks.
 */
export function composeForLearners<Data>(routeId: string, route: LearnerRoute<Data>) {
	routes.set(routeId, route);
}

/** The route's parameters in a path, e.g. `/[course]/[sequence]/[lesson]`. */
function paramsOf(routeId: string, path: string): Record<string, string> | null {
	const names = routeId.split('/');
	const values = path.split('/');
	if (names.length !== values.length) return null;
	const params: Record<string, string> = {};
	for (let i = 1; i < names.length; i++) {
		const name = /^\[(\w+)\]$/.exec(names[i])?.[1];
		if (!name) return null;
		try {
			params[name] = decodeURIComponent(values[i]);
		} catch {
			return null;
		}
	}
	return params;
}

interface Pieces {
	/** The page's bytes between the parts: one more than there are parts. */
	between: Buffer[];
	/** The parts' names, in the page's order. */
	names: string[];
}

const MARK = /<!--learner:([a-z]+)-->|<!--\/learner-->/g;

/** The anonymous page cut at its parts' marks, once per kept page; null if they are not as expected. */
const piecesOf = new WeakMap<Uint8Array, Pieces | null>();

function cut(body: Uint8Array, expected: Set<string>): Pieces | null {
	// The pieces are views of the kept page's bytes, not copies: they live as long as it does.
	const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	const text = bytes.toString('utf8');
	let atChar = 0;
	let atByte = 0;
	/** The byte offset of a character's index, found from the last one asked (indexes only grow). */
	const byteOf = (index: number) => {
		atByte += Buffer.byteLength(text.slice(atChar, index));
		atChar = index;
		return atByte;
	};
	const between: Buffer[] = [];
	const names: string[] = [];
	let from = 0;
	let open: string | null = null;
	for (const match of text.matchAll(MARK)) {
		const name = match[1];
		const start = byteOf(match.index);
		if (name !== undefined) {
			if (open !== null || !expected.has(name) || names.includes(name)) return null;
			between.push(bytes.subarray(from, start));
			names.push(name);
			open = name;
		} else {
			if (open === null) return null;
			open = null;
		}
		// The marks are ASCII: as many bytes as characters.
		from = start + match[0].length;
	}
	if (open !== null || names.length !== expected.size) return null;
	between.push(bytes.subarray(from));
	return { between, names };
}

/** Whether the site is reached over https here, as SvelteKit sees it (its session cookie's name). */
function overHttps(origin: string) {
	try {
		return new URL(origin).protocol === 'https:';
	} catch {
		return undefined;
	}
}

/**
 * Answers a signed-in learner's request for a page whose anonymous version is kept, or says at
 * once (false) that SvelteKit must; the promise says whether it answered (false: SvelteKit must,
 * and nothing was sent). `origin` is the site's as this request reaches it.
 */
export function answerForLearner(
	req: IncomingMessage,
	res: ServerResponse,
	origin: string
): Promise<boolean> | false {
	const path = req.url;
	const cookies = req.headers.cookie;
	if (req.method !== 'GET' || !cookies || !path || path.includes('?') || !path.startsWith('/'))
		return false;
	const courseSlug = path.split('/')[1];
	const course = findCourse(courseSlug);
	if (!course) return false;
	// The anonymous page of a course's address speaks the course's language (language.ts).
	const kept = keptPage(course.language, path);
	const route = kept && routes.get(kept.route);
	const params = route && paramsOf(kept.route, path);
	if (!kept || !route || !params) return false;
	let pieces = piecesOf.get(kept.body);
	if (pieces === undefined) {
		pieces = cut(kept.body, new Set([...Object.keys(layoutParts), ...Object.keys(route.parts)]));
		piecesOf.set(kept.body, pieces);
	}
	const secure = overHttps(origin);
	if (!pieces || secure === undefined) return false;
	const token = parseCookies(cookies)[sessionCookieName(secure)];
	if (!token) return false;
	return compose(req, res, { origin, path, params, kept, route, pieces, token, courseSlug }).catch(
		(error: unknown) => {
			useLogger().log('error', {
				message: 'a learner page could not be made from the kept page',
				path,
				error: String((error as Error)?.message ?? error)
			});
			// Rendered by SvelteKit instead, unless something was already sent.
			return res.headersSent;
		}
	);
}

async function compose(
	req: IncomingMessage,
	res: ServerResponse,
	request: {
		origin: string;
		path: string;
		params: Record<string, string>;
		kept: NonNullable<ReturnType<typeof keptPage>>;
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		route: LearnerRoute<any>;
		pieces: Pieces;
		token: string;
		courseSlug: string;
	}
): Promise<boolean> {
	const started = performance.now();
	const { path, kept, route, pieces } = request;
	const db = useDatabase();
	// Read only: a session due to be written (and its cookie renewed), or ended, goes to SvelteKit.
	const found = await readSession(db, request.token);
	if (!found || found.ended || found.dueForRenewal) return false;
	const { user } = found;
	if (mustSetUpSecondFactor(user, path)) return false;
	const asked = {
		course: request.courseSlug,
		langParam: null,
		acceptLanguage: firstValue(req.headers['accept-language'])
	};
	const [layout, anonymous] = await Promise.all([
		layoutData(db, user, asked),
		layoutData(db, null, asked)
	]);
	// The page around the parts was made for the anonymous reader's language and links.
	if (layout.lang !== anonymous.lang || layout.carried !== anonymous.carried) return false;
	const data = { ...layout, ...(await route.load(db, user, request.params)) };

	const page = {
		data,
		url: new URL(path, request.origin),
		params: request.params,
		route: { id: kept.route },
		status: 200,
		error: null,
		form: undefined,
		state: {}
	};
	const context = new Map([['__request__', { page }]]);
	const parts: Parts<Layout> = { ...layoutParts, ...route.parts };
	// The parts rendered for this request stay strings: the socket encodes them as it writes.
	const chunks: (Buffer | string)[] = [pieces.between[0]];
	let length = pieces.between[0].byteLength;
	pieces.names.forEach((name, i) => {
		const shown = parts[name](data);
		const key = shown.shared
			? `${name} ${path} ${data.lang} ${data.carried} ${JSON.stringify(shown.props)}`
			: undefined;
		let rendered: Buffer | string | undefined = key && sharedParts.get(key);
		if (!rendered) {
			const { body } = render(shown.component, { props: shown.props, context });
			rendered = `<!--learner:${name}-->${body}<!--/learner-->`;
			if (key !== undefined) keepShared(key, (rendered = Buffer.from(rendered)));
		}
		chunks.push(rendered, pieces.between[i + 1]);
		length += Buffer.byteLength(rendered) + pieces.between[i + 1].byteLength;
	});

	const id = requestIdFrom(firstValue(req.headers['x-request-id']));
	for (const [name, value] of kept.headers) {
		if (!KEPT_ONLY.has(name)) res.appendHeader(name, value);
	}
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	res.setHeader('cache-control', PERSONAL);
	res.setHeader('content-length', length);
	res.setHeader('x-request-id', id);
	// Written as they are, in one system call once uncorked: no copy of the page for each request.
	res.writeHead(200);
	res.cork();
	for (const chunk of chunks) res.write(chunk);
	res.end();
	useLogger().log('info', {
		id,
		method: 'GET',
		route: kept.route,
		status: 200,
		ms: Math.round((performance.now() - started) * 10) / 10
	});
	return true;
}

/**
 * Parts the same for every learner in the same state (`shared`), rendered once per page, language,
 * and props: the form to post and the "done" button of each lesson, the footer's language form. A
 * few hundred at most (each lesson has a few states): beyond that the oldest are dropped.
 */
const sharedParts = new Map<string, Buffer>();
const MAX_SHARED_PARTS = 500;

function keepShared(key: string, rendered: Buffer) {
	if (sharedParts.size >= MAX_SHARED_PARTS) {
		sharedParts.delete(sharedParts.keys().next().value!);
	}
	sharedParts.set(key, rendered);
}

/** Anonymous pages being rendered for learners' pages to be made from, by address. */
const warming = new Set<string>();
/**
 * Addresses read signed in while no anonymous page was kept for them, with how often: the
 * anonymous page is rendered for the second such read, not the first. A large course read by
 * learners only, whose pages the cache cannot all keep, then costs no second rendering for a
 * page read once.
 */
const missed = new Map<string, number>();
const MAX_MISSED = 1000;

/**
 * A signed-in request (after `authentication` in hooks.server.ts: a valid session) for a page of
 * a route registered here, while no anonymous page is kept for it: SvelteKit renders this one, and, once such requests come back for the address, the anonymous
 * page is rendered beside it (through SvelteKit, without the cookie, so the page cache keeps it)
 * for the learners' next requests to be made from.
 */
export const handle: Handle = ({ event, resolve }) => {
	const { pathname, search } = event.url;
	const course = findCourse(pathname.split('/')[1]);
	if (
		!dev &&
		course &&
		event.request.method === 'GET' &&
		!event.isDataRequest &&
		search === '' &&
		event.locals.user !== null &&
		routes.has(event.route.id ?? '') &&
		!warming.has(pathname) &&
		!keptPage(course.language, pathname)
	) {
		const times = (missed.get(pathname) ?? 0) + 1;
		if (times < 2) {
			if (missed.size >= MAX_MISSED) missed.clear();
			missed.set(pathname, times);
		} else {
			missed.delete(pathname);
			warming.add(pathname);
			void event
				.fetch(pathname, { credentials: 'omit' })
				.then((response) => response.arrayBuffer())
				.catch(() => undefined)
				.finally(() => warming.delete(pathname));
		}
	}
	return resolve(event);
};

/** Headers of the anonymous page that say how to keep it: none of them fits a learner's page. */
const KEPT_ONLY = new Set(['etag', 'last-modified', 'cache-control', 'content-length', 'age']);

const firstValue = (value: string | string[] | undefined) =>
	(Array.isArray(value) ? value[0] : value) ?? null;

// server.ts is compiled apart from the app (svelte.config.js): it finds this function here once the
// app is loaded, as it finds the page cache's.
(globalThis as Record<symbol, unknown>)[Symbol.for('parcours.answerForLearner')] = answerForLearner;
