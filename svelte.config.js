import path from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { mdsvexOptions } from './src/lib/content/markdown.js';

const coursesDir = path.resolve('courses');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [vitePreprocess(), mdsvex(await mdsvexOptions(coursesDir))],
	kit: {
		adapter: adapter({ precompress: true }),
		alias: { $courses: 'courses' },
		csp: {
			// Hashes rather than per-response nonces: a page's bytes then depend only on its content,
			// so the same lesson can be answered from memory to every anonymous reader (page-cache.ts).
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Highlighted code and Svelte transitions set inline styles; scripts stay strict.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
