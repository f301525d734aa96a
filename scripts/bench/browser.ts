// A first and a second visit to a page in Chromium, counted over the DevTools protocol: what the
// browser really downloads, every request it makes (the page, what its HTML, its `Link` header and
// its scripts ask for, the favicon…), in the bytes that crossed the wire. Chromium is Debian's
// (/usr/bin/chromium), launched headless with a fresh profile; nothing else is contacted.
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.ts';

/** Long enough for a page to load on a small machine busy with other work. */
const NAVIGATION_TIMEOUT = 60_000;

export interface Traffic {
	/** Bytes received: status line, headers and body as sent (compressed), per response. */
	bytes: number;
	/** Responses received from the server (a revalidation answered `304` counts). */
	requests: number;
}

export interface Visit extends Traffic {
	/** Requests the browser answered from its own cache, without asking the server. */
	fromCache: number;
	/** By resource type, as Chromium names it: Document, Stylesheet, Script, Image, Font, Fetch… */
	byType: Record<string, Traffic>;
	/** The JavaScript: responses of type Script (zero bytes and requests if the page has none). */
	script: Traffic;
	/** Requests that failed, answered 4xx or 5xx, or had not finished once the network was idle. */
	problems: string[];
}

export interface BrowserVisits {
	/** e.g. `156.0.8078.114` */
	chromium: string;
	/** A fresh browser profile: an empty cache. */
	first: Visit;
	/** The same page again, in a new tab of the same profile: its cache holds the first visit. */
	second: Visit;
}

/** Stops the run at once, with what to do, if the browser the benchmark needs is missing. */
export function assertChromium() {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium is not installed at ${CHROMIUM_PATH}: the benchmark measures the first visit ` +
				'to a lesson in it. Install it (on Debian: apt-get install chromium) and run again.'
		);
	}
}

interface Request {
	url: string;
	type: string;
	status?: number;
	cached: boolean;
	/** encodedDataLength of Network.loadingFinished: undefined until the request has finished. */
	bytes?: number;
	failed?: string;
}

/** Opens `url` in a new tab of `context`, waits for the load event and an idle network, counts. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
	const page = await context.newPage();
	const session = await context.newCDPSession(page);
	const requests = new Map<string, Request>();
	/** Redirects: each its own response, under the same request id as what follows it. */
	const redirected: Request[] = [];
	const web = (address: string) => /^https?:/.test(address);

	session.on('Network.requestWillBeSent', (event) => {
		const before = requests.get(event.requestId);
		if (event.redirectResponse && before) {
			redirected.push({
				...before,
				status: event.redirectResponse.status,
				bytes: event.redirectResponse.encodedDataLength
			});
		}
		if (web(event.request.url)) {
			requests.set(event.requestId, {
				url: event.request.url,
				type: event.type ?? 'Other',
				cached: false
			});
		} else requests.delete(event.requestId);
	});
	session.on('Network.requestServedFromCache', (event) => {
		const request = requests.get(event.requestId);
		if (request) request.cached = true;
	});
	session.on('Network.responseReceived', (event) => {
		const request = requests.get(event.requestId);
		if (!request) return;
		request.type = event.type;
		request.status = event.response.status;
		const { fromDiskCache, fromPrefetchCache, fromServiceWorker } = event.response;
		if (fromDiskCache || fromPrefetchCache || fromServiceWorker) request.cached = true;
	});
	session.on('Network.loadingFinished', (event) => {
		const request = requests.get(event.requestId);
		if (request) request.bytes = event.encodedDataLength;
	});
	session.on('Network.loadingFailed', (event) => {
		const request = requests.get(event.requestId);
		if (request) request.failed = event.errorText;
	});
	await session.send('Network.enable');
	try {
		await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT });
		await page.waitForLoadState('networkidle', { timeout: NAVIGATION_TIMEOUT });
	} finally {
		await session.detach().catch(() => {});
		await page.close();
	}

	const result: Visit = {
		bytes: 0,
		requests: 0,
		fromCache: 0,
		byType: {},
		script: { bytes: 0, requests: 0 },
		problems: []
	};
	for (const request of [...redirected, ...requests.values()]) {
		if (request.failed) result.problems.push(`${request.failed} ${request.url}`);
		else if (request.bytes === undefined) result.problems.push(`not finished ${request.url}`);
		else if (request.status !== undefined && request.status >= 400) {
			result.problems.push(`${request.status} ${request.url}`);
		}
		if (request.cached) {
			result.fromCache++;
			continue;
		}
		const bytes = request.bytes ?? 0;
		const type = (result.byType[request.type] ??= { bytes: 0, requests: 0 });
		for (const each of [result, type]) {
			each.bytes += bytes;
			each.requests++;
		}
	}
	result.script = { ...(result.byType.Script ?? result.script) };
	return result;
}

/** A first visit to `url` with an empty cache, then a second one with what the first cached. */
export async function visitInChromium(url: string): Promise<BrowserVisits> {
	assertChromium();
	let browser;
	try {
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	} catch (error) {
		throw new Error(
			`Chromium (${CHROMIUM_PATH}) did not start: ${error instanceof Error ? error.message : error}`
		);
	}
	try {
		const context = await browser.newContext();
		const first = await visit(context, url);
		const second = await visit(context, url);
		return { chromium: browser.version(), first, second };
	} finally {
		await browser.close();
	}
}
