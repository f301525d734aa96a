// Chromium for the browser tests: Debian's own build, launched once per test file, never downloaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type Response
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export interface ReaderOptions extends BrowserContextOptions {
	/** false: the browser runs no script at all, like a reader who turned JavaScript off. */
	javaScript?: boolean;
}

/**
 * Launches Chromium before the file's tests and closes it after them. Each context opened by a
 * test is closed after that test, so no state (cookies, cache) leaks from one test to the next.
 */
export function useBrowser() {
	let browser: Browser | undefined;
	const opened: BrowserContext[] = [];
	const runsScripts = new WeakMap<BrowserContext, boolean>();
	const baseURL = inject('baseURL');

	beforeAll(async () => {
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	});
	afterEach(async () => {
		await Promise.all(opened.splice(0).map((context) => context.close()));
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function newContext({ javaScript = true, ...options }: ReaderOptions = {}) {
		if (!browser)
			throw new Error('useBrowser(): Chromium is not running yet (call it at top level)');
		const context = await browser.newContext({
			baseURL,
			// A fixed language and size so pages look the same on every machine.
			locale: 'fr-FR',
			viewport: { width: 1280, height: 900 },
			...options,
			javaScriptEnabled: javaScript
		});
		opened.push(context);
		runsScripts.set(context, javaScript);
		return context;
	}

	async function newPage(options: ReaderOptions = {}): Promise<Page> {
		return (await newContext(options)).newPage();
	}

	/**
	 * Loads a page the way a reader opens a link. With JavaScript on, it also waits until the app
	 * has loaded its scripts, so the links clicked next navigate on the client side.
	 */
	async function visit(page: Page, url: string): Promise<Response> {
		const javaScript = runsScripts.get(page.context()) ?? true;
		const response = await page.goto(url, { waitUntil: javaScript ? 'networkidle' : 'load' });
		if (!response) throw new Error(`no response for ${url}`);
		return response;
	}

	return { baseURL, newContext, newPage, visit };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Axe must run inside the page, which the site's CSP forbids: open its pages with this. */
export const AXE_CONTEXT: ReaderOptions = { bypassCSP: true, javaScript: true };

export interface AxeViolation {
	id: string;
	impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
	help: string;
	helpUrl: string;
	nodes: { target: string[]; failureSummary: string }[];
}

/** Runs axe-core on the page as it is now and returns every violation (all impacts). */
export async function findAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
	if (!(await page.evaluate(() => 'axe' in window)))
		await page.addScriptTag({ content: AXE_SOURCE });
	return page.evaluate(async () => {
		// @ts-expect-error axe is the global the injected script defines
		const results = await window.axe.run(document, { resultTypes: ['violations'] });
		// A page axe could not inspect would pass silently otherwise.
		if (results.passes.length === 0) throw new Error('axe checked nothing on this page');
		return results.violations.map((violation: AxeViolation) => ({
			id: violation.id,
			impact: violation.impact,
			help: violation.help,
			helpUrl: violation.helpUrl,
			nodes: violation.nodes.map((node) => ({
				target: node.target,
				failureSummary: node.failureSummary
			}))
		}));
	});
}

/** One line per element at fault, to read in a failed assertion. */
export function describeViolations(violations: AxeViolation[]): string[] {
	return violations.flatMap((violation) =>
		violation.nodes.map(
			(node) =>
				`[${violation.impact}] ${violation.id} on ${node.target.join(' ')}: ${violation.help} (${violation.helpUrl})`
		)
	);
}
