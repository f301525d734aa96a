// Chromium for the browser tests: Debian's own build, launched once per test file, never downloaded.
//
// A new browser test file goes in tests/e2e and calls `useBrowser()` at top level; nothing else.
// Before the file runs, tests/e2e/setup.ts starts a production server of its own for it (the
// build made once by tests/global-setup.ts, a fresh data folder), so files run in parallel
// without sharing accounts or data. `baseURL` and `dataDir` from `useBrowser()` are that server's;
// helpers/people.ts creates accounts in its database. When a test fails, a screenshot and the HTML
// of every page it opened are saved to test-results/<file>/<test>-<n>.png and .html.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type Response
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.ts';
import { ROOT } from '../../scripts/lib/production.ts';
import { fileServer } from './file-server.ts';

/** Long enough for a page to load on a small machine busy with other work. */
const NAVIGATION_TIMEOUT = 60_000;
const ACTION_TIMEOUT = 30_000;

export interface ReaderOptions extends BrowserContextOptions {
	/** false: the browser runs no script at all, like a reader who turned JavaScript off. */
	javaScript?: boolean;
}

const runsScripts = new WeakMap<BrowserContext, boolean>();

/**
 * Waits, with JavaScript on, until the app has started in the page (the root layout marks the
 * document once mounted), so the links clicked next navigate on the client side and forms are
 * sent by the app. Without JavaScript there is nothing to wait for beyond the load.
 */
export async function waitForApp(page: Page) {
	if (runsScripts.get(page.context()) === false) return;
	// A response the app did not render (a file, a plain-text refusal) has no app to wait for.
	const rendered = await page.evaluate(() =>
		Object.keys(window).some((name) => name.startsWith('__sveltekit_'))
	);
	if (rendered) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Where a failed test's pages are saved: test-results/<file>/<test>-<n>.{png,html}. */
async function savePages(pages: Page[], file: string, test: string) {
	const folder = path.join(ROOT, 'test-results', path.basename(file).replace(/\.test\.ts$/, ''));
	mkdirSync(folder, { recursive: true });
	const name = test
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 120);
	for (const [index, page] of pages.entries()) {
		const stem = path.join(folder, `${name}-${index + 1}`);
		try {
			writeFileSync(`${stem}.html`, await page.content());
			await page.screenshot({ path: `${stem}.png`, fullPage: true, timeout: 15_000 });
			console.error(`saved ${path.relative(ROOT, stem)}.png and .html (${page.url()})`);
		} catch (error) {
			console.error(`could not save ${page.url()}: ${(error as Error).message}`);
		}
	}
}

/**
 * Notes in `failures` what a reader would not see but the page's script met: an uncaught error,
 * or Svelte failing to hydrate the server's HTML (invalid nesting, such as a form inside a
 * paragraph, which the browser's parser moves) and rendering the page again from scratch.
 */
function watchForFailures(page: Page, failures: string[]) {
	page.on('pageerror', (error) => failures.push(`${page.url()}: uncaught ${error.message}`));
	page.on('console', (message) => {
		if (/hydrat/i.test(message.text())) failures.push(`${page.url()}: ${message.text()}`);
	});
}

/**
 * Launches Chromium before the file's tests and closes it after them. Each context opened by a
 * test is closed after that test, so no state (cookies, cache) leaks from one test to the next.
 */
export function useBrowser() {
	let browser: Browser | undefined;
	const opened: BrowserContext[] = [];
	/** What went wrong in the pages' scripts during the current test (watchForFailures). */
	const pageFailures: string[] = [];
	const { baseURL, dataDir } = fileServer();

	beforeAll(async () => {
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	});
	afterEach(async ({ task }) => {
		const contexts = opened.splice(0);
		const broken = pageFailures.splice(0);
		if (task.result?.state === 'fail' || broken.length > 0) {
			const pages = contexts.flatMap((context) => context.pages());
			await savePages(pages, task.file.filepath, task.fullTestName ?? task.name);
		}
		await Promise.all(contexts.map((context) => context.close()));
		// A page that failed to hydrate still shows (Svelte renders it again from scratch), so no
		// assertion on what it shows would notice: every test fails on it instead.
		if (broken.length > 0) throw new Error(`a page's script failed:\n${broken.join('\n')}`);
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
		context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
		context.setDefaultTimeout(ACTION_TIMEOUT);
		opened.push(context);
		runsScripts.set(context, javaScript);
		context.on('page', (page) => watchForFailures(page, pageFailures));
		return context;
	}

	async function newPage(options: ReaderOptions = {}): Promise<Page> {
		return (await newContext(options)).newPage();
	}

	/**
	 * Loads a page the way a reader opens a link. With JavaScript on, it also waits until the app
	 * has started, so the links clicked next navigate on the client side.
	 */
	async function visit(page: Page, url: string): Promise<Response> {
		const response = await page.goto(url);
		if (!response) throw new Error(`no response for ${url}`);
		await waitForApp(page);
		return response;
	}

	return { baseURL, dataDir, newContext, newPage, visit };
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
