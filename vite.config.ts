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

export default defineConfig({
	plugins: [contentIndex(), securityHeaders, sveltekit()],
	build: {
		// Keep every image a file with a hashed name, cached for a year, rather than inlined.
		assetsInlineLimit: 0
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					expect: { requireAssertions: true }
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					// Builds the site and serves it once for every browser test file.
					globalSetup: 'tests/e2e/global-setup.ts',
					// One server and one Chromium at a time keep small machines responsive.
					fileParallelism: false,
					testTimeout: 30_000,
					hookTimeout: 60_000,
					expect: { requireAssertions: true }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Builds only when the build is stale; listed after e2e so its setup runs second and
					// finds the build that one just made.
					globalSetup: 'tests/integration/global-setup.ts',
					// After the unit tests; each file runs its own production server, one at a time.
					sequence: { groupOrder: 1 },
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 60_000,
					expect: { requireAssertions: true }
				}
			}
		]
	}
});
