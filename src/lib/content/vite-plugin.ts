import path from 'node:path';
import type { Plugin } from 'vite';
import { formatProblems, loadContent } from './load.ts';

const ID = 'virtual:content-index';
const RESOLVED = '\0' + ID;

/**
 * Serves the course index as a module: built once per build (and again in dev when a file under
 * courses/ changes), so requests never read or parse content. Content errors fail the build.
 */
export function contentIndex(options: { coursesDir?: string } = {}): Plugin {
	const coursesDir = path.resolve(options.coursesDir ?? 'courses');
	return {
		name: 'parcours:content-index',
		resolveId: (id) => (id === ID ? RESOLVED : undefined),
		load(id) {
			if (id !== RESOLVED) return;
			const { index, problems } = loadContent(coursesDir);
			if (problems.length > 0) {
				this.error(`content errors:\n${formatProblems(problems)}`);
			}
			return `export default ${JSON.stringify(index)};`;
		},
		configureServer(server) {
			server.watcher.add(coursesDir);
			const reload = (file: string) => {
				if (!file.startsWith(coursesDir + path.sep)) return;
				const module = server.moduleGraph.getModuleById(RESOLVED);
				if (module) server.moduleGraph.invalidateModule(module);
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('change', reload);
			server.watcher.on('add', reload);
			server.watcher.on('unlink', reload);
		}
	};
}
