// @ts-check
// `node server.js` runs the production server: src/server.ts, compiled into build/ with the site
// by `npm run build` (see svelte.config.js). `npm start` builds first when needed.
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
