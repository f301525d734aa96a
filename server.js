// Production server: adapter-node's handler behind security headers that also cover static files.
// It checks the configuration before listening, and stops gracefully on SIGTERM or SIGINT: no new
// connections, requests in flight answered (for at most SHUTDOWN_TIMEOUT seconds), then the
// database closed. `npm start` runs it, after building when needed.
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import process from 'node:process';
import v8 from 'node:v8';

// V8 lets the heap grow to up to four times what is alive before collecting it: under load that
// nearly doubles the memory the server holds, to save some 5 % of its CPU (docs/benchmarks.md).
// Small hosts run short of memory long before they run short of CPU.
v8.setFlagsFromString('--heap-growing-percent=50');

/** Pages replace the CSP with their own (kit.csp); files served as they are keep this strict one. */
const BASE_HEADERS = {
	'content-security-policy':
		"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY'
};

const LEVELS = ['debug', 'info', 'warn', 'error'];

/** The same JSON lines as src/lib/server/log.ts, for what happens outside requests. */
function say(level, message, fields = {}) {
	const threshold = LEVELS.indexOf(process.env.LOG_LEVEL || 'info');
	if (threshold === -1 || LEVELS.indexOf(level) < threshold) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
	(level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}

/** Configuration mistakes are shown as they are, without a stack: the message names the variable. */
function refuseToStart(message) {
	// One problem fits on one line: `Invalid configuration: PORT: …`.
	const single = /^Invalid configuration:\n\s+([^\n]+)\s*$/.exec(message);
	const text = single ? `Invalid configuration: ${single[1]}` : message.trimEnd();
	process.stderr.write(text + '\n');
	process.exit(1);
}

// Empty variables count as unset, as in config.ts; adapter-node would take '' as a value.
for (const name of [
	'ORIGIN',
	'BODY_SIZE_LIMIT',
	'ADDRESS_HEADER',
	'XFF_DEPTH',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'PORT_HEADER',
	'SHUTDOWN_TIMEOUT'
]) {
	if (process.env[name] === '') delete process.env[name];
}

// src/lib/server/config.ts validates the application's variables when the handler loads; these
// few are read only here and by adapter-node, so they are checked here, in the same words.
const problems = [];
if (process.env.SHUTDOWN_TIMEOUT !== undefined && !/^\d+$/.test(process.env.SHUTDOWN_TIMEOUT)) {
	problems.push('SHUTDOWN_TIMEOUT: must be a whole number of seconds, e.g. 30');
}
for (const name of ['PROTOCOL_HEADER', 'HOST_HEADER', 'PORT_HEADER']) {
	const value = process.env[name];
	if (value !== undefined && !/^[a-z0-9-]+$/i.test(value)) {
		problems.push(`${name}: must be a header name such as x-forwarded-proto`);
	}
}
if (problems.length > 0) {
	refuseToStart(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
}

const dataDir = process.env.DATA_DIR || './data';
try {
	mkdirSync(dataDir, { recursive: true });
} catch (error) {
	refuseToStart(`Invalid configuration:\n  DATA_DIR: cannot create ${dataDir}: ${error.message}`);
}

// This server speaks plain HTTP. Without ORIGIN (nor a proxy's PROTOCOL_HEADER), adapter-node
// would take every request for https and refuse the forms of a local install with a 403: the
// scheme it sees is the one this server really serves, told by a header only this server sets.
const SCHEME_HEADER = 'x-parcours-scheme';
const tellScheme = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (tellScheme) process.env.PROTOCOL_HEADER = SCHEME_HEADER;

// Loading the handler runs the app's init: it validates the configuration and opens the database.
let handler;
try {
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	if (error?.code === 'ERR_MODULE_NOT_FOUND' && message.includes('build/handler.js')) {
		refuseToStart('The site is not built yet: run `npm run build`, or `npm start` which builds.');
	}
	if (
		/^Invalid (configuration|ORIGIN|BODY_SIZE_LIMIT|value for environment variable)/.test(message)
	) {
		refuseToStart(message);
	}
	throw error;
}

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000;

/** Responses not yet finished, so a shutdown can ask their connections to close afterwards. */
const inFlight = new Set();
let stopping = false;

const server = http.createServer((req, res) => {
	if (tellScheme) req.headers[SCHEME_HEADER] = 'http';
	inFlight.add(res);
	res.on('close', () => {
		inFlight.delete(res);
		// A keep-alive connection that just went idle would hold the shutdown until it times out.
		if (stopping) setImmediate(() => server.closeIdleConnections());
	});
	if (stopping) res.setHeader('connection', 'close');
	for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.on('error', (error) => {
	refuseToStart(`Parcours cannot listen on ${host}:${port}: ${error.message}`);
});

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	say('info', 'listening', { url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}` });
});

function shutdown(signal) {
	if (stopping) {
		// A second signal: stop waiting for slow requests, but still close the database cleanly.
		server.closeAllConnections();
		return;
	}
	stopping = true;
	say('info', 'stopping', { signal, inFlight: inFlight.size });
	for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
	const deadline = setTimeout(() => {
		say('warn', 'shutdown timeout: closing the connections still open', {
			inFlight: inFlight.size
		});
		server.closeAllConnections();
	}, shutdownTimeout);
	server.close(() => {
		clearTimeout(deadline);
		// hooks.server.ts closes the database on this event, as it would under adapter-node.
		process.emit('sveltekit:shutdown', signal);
		say('info', 'stopped', { signal });
		// The process ends by itself once the database is closed; this only guards against a leak.
		setTimeout(() => process.exit(0), 5_000).unref();
	});
	server.closeIdleConnections();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
