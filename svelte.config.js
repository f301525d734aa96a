import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { build } from 'vite';
import { parse } from 'yaml';
import { mdsvexOptions } from './src/lib/content/markdown.js';

const coursesDir = path.resolve('courses');

/**
 * `compression` and the CommonJS packages it requires, compiled in too. Imported from ES modules,
 * a CommonJS package is first read through by Node's lexer for its exports; at start the lexer read
 * so much that V8 compiled it with its optimising compiler, whose working memory, taken from malloc
 * on V8's helper thread, glibc then kept (docs/benchmarks.md, "The sixth round"). `compressible`
 * stays out: it reads the 200 KB `mime-db` table as JSON, which the build would keep as source text.
 */
const COMPRESSION = [
	'compression',
	'bytes',
	'debug',
	'ms',
	'destroy',
	'negotiator',
	'on-headers',
	'safe-buffer',
	'vary'
];

/**
 * adapter-node, then the production server (src/server.ts) compiled beside the handler it serves,
 * as build/main.js: the server shares the app's configuration schema and logger, and is
 * type-checked with it. Its packages stay in node_modules, as the handler's do, but for the
 * configuration's schema library and SvelteKit's error helpers (the logger's), compiled in: each
 * is dozens of module files that Node would otherwise load one by one at every start.
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
				ssr: { noExternal: ['zod', '@sveltejs/kit', 'esm-env', ...COMPRESSION] },
				build: {
					ssr: 'src/server.ts',
					outDir: 'build',
					emptyOutDir: false,
					target: 'node20',
					rolldownOptions: {
						output: {
							entryFileNames: 'main.js',
							// As the app's server files (vite.config.ts): one byte a character in V8.
							charset: 'ascii',
							comments: { legal: true, annotation: false, jsdoc: false }
						}
					}
				}
			});
			builder.log.minor('Compiled the production server: build/main.js');
		}
	};
}

/**
 * The hosts courses declare for their videos (`videoHosts` in course.md): the only sites a page
 * may frame, and only once a reader opens a video. The content checks refuse any other host.
 */
function videoHosts() {
	const hosts = new Set();
	for (const course of existsSync(coursesDir) ? readdirSync(coursesDir) : []) {
		const file = path.join(coursesDir, course, 'course.md');
		if (!existsSync(file)) continue;
		const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1];
		try {
			const declared = yaml ? parse(yaml)?.videoHosts : null;
			if (Array.isArray(declared)) declared.forEach((host) => hosts.add(`https://${host}`));
		} catch {
			// Invalid YAML is the content checks' to report, with its line.
		}
	}
	return [...hosts].sort();
}
const frameHosts = videoHosts();

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
				'frame-src': frameHosts.length > 0 ? frameHosts : ['none'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
