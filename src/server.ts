// The production server, compiled into build/main.js with the site (svelte.config.js) and started
// by `node server.js`. It does only what the app cannot do from its hooks: complete the headers of
// what it never sees (files, missing assets, SvelteKit's own refusals), compress, tell adapter-node
// the scheme of a local install, and stop gracefully on SIGTERM or SIGINT: no new connections,
// requests in flight answered (for at most SHUTDOWN_TIMEOUT seconds), then the database closed.
import { mkdirSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import process from 'node:process';
import compression from 'compression';
import { getConfig, VARIABLES, type Config } from './lib/server/config.ts';
import { fillHeaders } from './lib/server/headers.ts';
import { useLogger } from './lib/server/log.ts';
import { memoryFirst } from './lib/server/memory-first.ts';

declare global {
	namespace NodeJS {
		interface Process {
			/** adapter-node's own event, which the app listens to (hooks.server.ts). */
			emit(event: 'sveltekit:shutdown', reason: NodeJS.Signals): boolean;
		}
	}
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Configuration mistakes are shown as they are, without a stack: the message names the variable. */
function refuseToStart(message: string): never {
	// One problem fits on one line: `Invalid configuration: PORT: …`.
	const single = /^Invalid configuration:\n\s+([^\n]+)\s*$/.exec(message);
	process.stderr.write((single ? `Invalid configuration: ${single[1]}` : message.trimEnd()) + '\n');
	process.exit(1);
}

// Empty variables count as unset, as in config.ts; adapter-node would take '' as a value.
for (const name of VARIABLES) if (process.env[name] === '') delete process.env[name];

let config: Config;
try {
	config = getConfig();
} catch (error) {
	refuseToStart(error instanceof Error ? error.message : String(error));
}

try {
	mkdirSync(config.DATA_DIR, { recursive: true });
} catch (error) {
	const reason = error instanceof Error ? error.message : String(error);
	refuseToStart(`Invalid configuration:\n  DATA_DIR: cannot create ${config.DATA_DIR}: ${reason}`);
}

// This server speaks plain HTTP. Without ORIGIN (nor a proxy's PROTOCOL_HEADER), adapter-node
// would take every request for https and refuse the forms of a local install with a 403: the
// scheme it sees is the one this server really serves, told by a header only this server sets.
const SCHEME_HEADER = 'x-parcours-scheme';
const tellScheme = !config.ORIGIN && !config.PROTOCOL_HEADER;
if (tellScheme) process.env.PROTOCOL_HEADER = SCHEME_HEADER;

// Loading the handler runs the app's init, which opens (and migrates) the database. A database
// that cannot be opened at all is the host's to fix: one line that names the setting, no stack.
let handler: Middleware;
try {
	({ handler } = (await import(new URL('./handler.js', import.meta.url).href)) as {
		handler: Middleware;
	});
} catch (error) {
	if (!(error instanceof Error && error.name === 'DatabaseUnavailable')) throw error;
	refuseToStart(`Cannot start: ${error.message}`);
}

// Set by the app's page cache (src/lib/server/page-cache.ts) when it loads, with the handler.
const answerFromMemory = (globalThis as Record<symbol, unknown>)[
	Symbol.for('parcours.answerFromMemory')
] as ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;

// Set by learner-pages.ts when it loads: a signed-in learner's page made from the kept anonymous one.
const answerForLearner = (globalThis as Record<symbol, unknown>)[
	Symbol.for('parcours.answerForLearner')
] as
	| ((req: IncomingMessage, res: ServerResponse, origin: string) => Promise<boolean> | false)
	| undefined;

const log = useLogger().log;
// Pages and JSON, unless the page cache already holds them compressed; files come precompressed.
const compress = compression() as unknown as Middleware;
const turns = memoryFirst();

/** Responses not yet finished, so a shutdown can ask their connections to close afterwards. */
const inFlight = new Set<ServerResponse>();
let stopping = false;

const headerValue = (req: IncomingMessage, name: string | undefined) => {
	const value = name ? req.headers[name.toLowerCase()] : undefined;
	return (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim() || undefined;
};

/** The origin adapter-node gives a request: ORIGIN, else what the (proxy's) headers say. */
function ownOrigin(req: IncomingMessage) {
	if (config.ORIGIN) return new URL(config.ORIGIN).origin;
	const protocol = headerValue(req, process.env.PROTOCOL_HEADER) ?? 'https';
	const host = headerValue(req, config.HOST_HEADER) ?? req.headers.host;
	const port = headerValue(req, config.PORT_HEADER);
	return port ? `${protocol}://${host}:${port}` : `${protocol}://${host}`;
}

// A mail provider's one-click unsubscribe (RFC 8058) is a form POST from its own servers, without
// the Origin header every browser sends, and SvelteKit refuses any such POST as cross-site. This
// one is no forgery to fear: its credential is the signed token in the address, and all it can do
// is stop emails. Only there is a POST without Origin taken for the site's own.
const ONE_CLICK = /^\/unsubscribe\?(?:.*&)?token=/;

const server = http.createServer((req, res) => {
	if (tellScheme) req.headers[SCHEME_HEADER] = 'http';
	if (req.method === 'POST' && !req.headers.origin && ONE_CLICK.test(req.url ?? '')) {
		req.headers.origin = ownOrigin(req);
	}
	inFlight.add(res);
	res.on('close', () => {
		inFlight.delete(res);
		// A keep-alive connection that just went idle would hold the shutdown until it times out.
		if (stopping) setImmediate(() => server.closeIdleConnections());
	});
	if (stopping) res.setHeader('connection', 'close');
	fillHeaders(req, res);
	if (answerFromMemory?.(req, res)) {
		turns.answeredFromMemory();
		return;
	}
	turns.render(() => {
		// A client gone while its request waited gets no answer: nothing to render.
		if (req.socket.destroyed) return;
		compress(req, res, () => {
			const composed = answerForLearner?.(req, res, ownOrigin(req));
			if (composed) void composed.then((answered) => answered || render(req, res));
			else render(req, res);
		});
	});
});

/** SvelteKit's answer. */
function render(req: IncomingMessage, res: ServerResponse) {
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
}

server.on('error', (error) => {
	refuseToStart(`Parcours cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`);
});

server.listen(config.PORT, config.HOST, () => {
	const address = server.address();
	if (address === null || typeof address === 'string') return;
	const { address: host, port } = address;
	// A server listening on every interface is reached from this machine at localhost.
	const everywhere = host === '0.0.0.0' || host === '::';
	const shown = everywhere ? 'localhost' : host.includes(':') ? `[${host}]` : host;
	log('info', { message: 'listening', address: host, port, url: `http://${shown}:${port}` });
});

function shutdown(signal: NodeJS.Signals) {
	if (stopping) {
		// A second signal: stop waiting for slow requests, but still close the database cleanly.
		log('warn', { message: 'second signal: closing the connections still open', signal });
		server.closeAllConnections();
		return;
	}
	stopping = true;
	log('info', { message: 'stopping', signal, inFlight: inFlight.size });
	for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
	const deadline = setTimeout(() => {
		log('warn', {
			message: 'shutdown timeout: closing the connections still open',
			inFlight: inFlight.size
		});
		server.closeAllConnections();
	}, config.SHUTDOWN_TIMEOUT * 1000);
	server.close(() => {
		clearTimeout(deadline);
		// hooks.server.ts closes the database on this event, as it would under adapter-node.
		process.emit('sveltekit:shutdown', signal);
		log('info', { message: 'stopped', signal });
		// The process ends by itself once the database is closed; this only guards against a leak.
		setTimeout(() => process.exit(0), 5_000).unref();
	});
	server.closeIdleConnections();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
