import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { contentIndex } from './src/lib/content/vite-plugin.ts';

export default defineConfig({
	plugins: [contentIndex(), sveltekit()],
	build: {
		// Keep every image a file with a hashed name, cached for a year, rather than inlined.
		assetsInlineLimit: 0
	},
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true }
	}
});
