// `npm start`: builds when the sources are newer than the last build, then serves the site.
// The tests and the benchmark use the same rule (`buildIsStale`) to build at most once per run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
	'src',
	'courses',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const BUILT = 'build/handler.js';

/** @param {string} entry @returns {number} */
function newest(entry) {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(
		stat.mtimeMs,
		...readdirSync(entry).map((name) => newest(path.join(entry, name)))
	);
}

/** 0 when there is no build yet. */
export function builtAt(root = ROOT) {
	const built = path.join(root, BUILT);
	return existsSync(built) ? statSync(built).mtimeMs : 0;
}

export function buildIsStale(root = ROOT) {
	return builtAt(root) < Math.max(...SOURCES.map((entry) => newest(path.join(root, entry))));
}

/**
 * The content checks' own lines (`courses/…/file.md:12: message`) in a failed build's output,
 * without the bundler's stack trace and colours around them: what an author has to fix.
 * @param {string} output
 * @returns {string[]}
 */
export function contentMistakes(output) {
	const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
	if (!plain.includes('content errors:')) return [];
	return [...new Set(plain.split('\n').filter((line) => /^courses\/\S+:\d+: \S/.test(line)))];
}

/**
 * Runs `vite build` and shows its output only if it fails: on success it ends with advice for
 * developers (`Run npm run preview…`) that would only mislead someone starting the site.
 * @param {string} root
 * @param {{ write(text: string): unknown }} out
 * @param {{ write(text: string): unknown }} err
 * @returns {boolean} whether the build succeeded
 */
export function buildQuietly(root = ROOT, out = process.stdout, err = process.stderr) {
	const started = performance.now();
	const result = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024
		}
	);
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
		const mistakes = contentMistakes(output);
		err.write(
			mistakes.length > 0
				? `${mistakes.join('\n')}\n\nThe course content has ${mistakes.length === 1 ? 'a mistake' : 'mistakes'}: fix ${mistakes.length === 1 ? 'it' : 'them'} and start again (\`npm run check:content\` checks the content without building).\n`
				: `${output}\nThe build failed.\n`
		);
		return false;
	}
	out.write(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
	return true;
}

/**
 * Calls `stop` once `parent`, the process that started this one, is gone: checked every
 * `interval` ms, and no more once this process got SIGTERM or SIGINT itself (the whole group
 * signalled at once): the server is stopping already, and a second signal would make it drop
 * the requests it is still answering.
 * @param {number} parent @param {() => void} stop @param {number} [interval]
 */
export function whenParentGone(parent, stop, interval = 1000) {
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		stop();
	}, interval);
	timer.unref();
	const signalled = () => clearInterval(timer);
	process.once('SIGTERM', signalled);
	process.once('SIGINT', signalled);
}

async function main() {
	// Read first: npm may be gone before the server listens (a build, migrations).
	const parent = process.ppid;
	if (buildIsStale()) {
		console.log(
			builtAt()
				? 'Sources changed since the last build: building… (about half a minute)'
				: 'First start: building… (about half a minute)'
		);
		if (!buildQuietly()) process.exit(1);
	}
	// server.js checks the configuration, creates DATA_DIR, then listens.
	await import(pathToFileURL(path.join(ROOT, 'server.js')).href);
	// npm runs this through `sh -c`, and a shell such as Debian's (dash) passes no signal on: a
	// process manager that stops `npm start` by signalling npm alone would leave the server running,
	// holding its port, and the next start would fail. Once the shell is gone, the server stops as
	// on SIGTERM, waiting for the requests in flight.
	if (process.env.npm_lifecycle_event === 'start') {
		whenParentGone(parent, () => process.kill(process.pid, 'SIGTERM'));
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	await main();
}
