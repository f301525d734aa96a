import path from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { build } from 'vite';
import { mdsvexOptions } from './src/lib/content/markdown.js';

const coursesDir = path.resolve('courses');

/**
 * adapter-node, then the production server (src/server.ts) compiled beside the handler it serves,
 * as build/main.js: the server shares the app's configuration schema and logger, and is
 * type-checked with it. Its packages stay in node_modules, as the handler's do.
 * @param {import('@sveltejs/kit').Adapter} nodeAdapter
 * @returns {import('@sveltejs/kit').Adapter}
 */
function withServer(nodeAdapter) {
	return {
		...nodeAdapter,
		async adapt(builder) {
			await nodeAdapter.adapt(builder);
			await build({
				configFile: false,
				logLevel: 'warn',
				publicDir: false,
				build: {
					ssr: 'src/server.ts',
					outDir: 'build',
					emptyOutDir: false,
					target: 'node20',
					rolldownOptions: { output: { entryFileNames: 'main.js' } }
				}
			});
			builder.log.minor('Compiled the production server: build/main.js');
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [vitePreprocess(), mdsvex(await mdsvexOptions(coursesDir))],
	kit: {
		adapter: withServer(adapter({ precompress: true })),
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
