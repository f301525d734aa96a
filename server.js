// @ts-check
// `node server.js` runs the production server: src/server.ts, compiled into build/ with the site
// by `npm run build` (see svelte.config.js). `npm start` builds first when needed.
import v8 from 'node:v8';

// How V8 sizes the heap, set here, before the server and the app load, so that `node server.js`
// behaves the same however it is started (systemd, `npm start`, the tests, the benchmark). V8
// reads these two flags at each collection, where `--max-semi-space-size` and its like are read
// only when node starts. What they save and what they cost: docs/benchmarks.md, "Memory".
//
// New objects are born in the young generation: two halves of 1 MB at start, which V8 doubles,
// up to 16 MB each, whenever much of what it allocates outlives a few collections, as what the
// server loads at start-up does, and then keeps: 32 MB for the short-lived objects of requests.
// Here they stay at 1 MB, the size V8's own `--optimize-for-size` gives them: collections come
// more often, each as short, for some 10 % more CPU on rendered pages and none on pages from memory.
v8.setFlagsFromString('--semi-space-growth-factor=1');
// V8 lets the old generation grow to up to four times what is alive before collecting it: under
// load that nearly doubles the memory the server holds, to save some 5 % of its CPU. Small hosts
// run short of memory long before they run short of CPU.
v8.setFlagsFromString('--heap-growing-percent=50');

const entry = new URL('./build/main.js', import.meta.url);
try {
	await import(entry.href);
} catch (error) {
	const missing = /** @type {{ code?: string }} */ (error)?.code === 'ERR_MODULE_NOT_FOUND';
	if (missing && String(error).includes(entry.pathname)) {
		process.stderr.write('The site is not built yet: run `npm run build`, or `npm start`.\n');
		process.exit(1);
	}
	throw error;
}
