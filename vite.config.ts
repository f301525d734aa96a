import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { contentIndex } from './src/lib/content/vite-plugin.ts';
import { fillHeaders } from './src/lib/server/headers.ts';

/** `vite dev` and `vite preview` send the production server's headers on files and errors too. */
const securityHeaders: Plugin = {
	name: 'parcours:headers',
	configureServer: (server) => void server.middlewares.use(fillHeaders),
	configurePreviewServer: (server) => void server.middlewares.use(fillHeaders)
};

/**
 * Libraries every start loads, compiled into the server's own files rather than read from
 * node_modules: Node loads each module file apart, and these two are about 350 small files, on
 * which a start spent about a third of its time. The other `dependencies` of package.json stay in
 * node_modules (adapter-node leaves them there), most of them loaded only when a request needs one.
 */
const BUNDLED_IN_SERVER = [
	'kysely',
	'zod',
	// CommonJS packages every start imports: compiled in, Node's lexer need not read them for their
	// exports (svelte.config.js says what that cost).
	'cookie',
	'fastest-levenshtein',
	'fresh',
	'negotiator',
	'on-headers'
];

/**
 * The server's files written in ASCII, every other character escaped, and without comments but
 * licences. V8 keeps the source of each module it loads for as long as the process runs, one byte
 * a character when the whole file is Latin-1 and two bytes otherwise: one typographic apostrophe
 * in a course's text, or one dash in a comment, doubled the memory of its file. About 2 MiB less
 * of V8's heap after the benchmark's load (docs/benchmarks.md). Only the server's: the browser's
 * files stay UTF-8, shorter on the wire.
 */
const asciiServer: Plugin = {
	name: 'parcours:ascii-server',
	applyToEnvironment: (environment) => environment.name === 'ssr',
	outputOptions: (options) => ({
		...options,
		charset: 'ascii',
		comments: { legal: true, annotation: false, jsdoc: false }
	})
};

export default defineConfig(({ command }) => ({
	plugins: [contentIndex(), securityHeaders, asciiServer, sveltekit()],
	// Only when building: `vite dev` and the tests load them from node_modules, as they are.
	ssr: command === 'build' ? { noExternal: BUNDLED_IN_SERVER } : {},
	build: {
		// Keep every image a file with a hashed name, cached for a year, rather than inlined.
		assetsInlineLimit: 0
	},
	// A lesson page's own script (`page-script.ts?worker&url`) is bundled alone, as a worker would
	// be: one classic file with nothing to import, loaded by pages that run no SvelteKit.
	worker: { format: 'iife' },
	test: {
		// Test files mostly wait (on a server, on Chromium, on a child process), so a few more
		// workers than cores keep both cores busy. Unit and browser files share these workers.
		maxWorkers: 3,
		// A passing test prints nothing; a failing one shows what it logged.
		silent: 'passed-only',
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					// Holds what code writes straight to stdout (log lines) unless its test fails.
					setupFiles: ['tests/unit/setup.ts'],
					// A few tests run a command in a child process: on a loaded machine that takes seconds.
					testTimeout: 60_000,
					hookTimeout: 60_000,
					expect: { requireAssertions: true }
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					// Builds the site once when the build is stale; each file then gets its own
					// production server and data folder (tests/e2e/setup.ts), so files run in parallel.
					globalSetup: 'tests/global-setup.ts',
					setupFiles: ['tests/e2e/setup.ts'],
					// Generous: a loaded 2-core machine may take several times the usual time.
					testTimeout: 90_000,
					hookTimeout: 120_000,
					expect: { requireAssertions: true }
				}
			},
			{
				extends: true,
				test: {
					name: 'postgres',
					// Its own tests, and the domains' unit tests run again on PostgreSQL.
					include: [
						'tests/postgres/**/*.test.ts',
						'tests/unit/{accounts,certificates,completion,forum-discussions,group-commit,healthz,housekeeping,page-versions,notifications,prepared-queries,progress,quiz-arrangement,search,second-factor,suggested-edits}.test.ts'
					],
					env: { PARCOURS_TEST_DATABASE: 'postgres' },
					setupFiles: ['tests/unit/setup.ts'],
					environment: 'node',
					// One throwaway cluster for the run; each file makes a database of its own in it.
					globalSetup: 'tests/postgres/global-setup.ts',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					expect: { requireAssertions: true }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration-postgres',
					// The integration tests that do not look into SQLite's file, again with servers on
					// PostgreSQL, and two servers on one database.
					include: [
						'tests/integration/{admin,http,notifications,page-cache}.test.ts',
						'tests/integration-postgres/**/*.test.ts'
					],
					env: { PARCOURS_TEST_DATABASE: 'postgres' },
					environment: 'node',
					globalSetup: ['tests/global-setup.ts', 'tests/postgres/global-setup.ts'],
					// After the SQLite ones, for the same reasons.
					sequence: { groupOrder: 2 },
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000,
					expect: { requireAssertions: true }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Builds only when the build is stale, so in `npm test` it finds the one the browser
					// tests' setup has just made.
					globalSetup: 'tests/global-setup.ts',
					// After the unit and browser tests, one file at a time: these kill and restart servers
					// and count on the machine's time for their deadlines.
					sequence: { groupOrder: 1 },
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000,
					expect: { requireAssertions: true }
				}
			}
		]
	}
}));
