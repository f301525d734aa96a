// Production server: adapter-node's handler behind security headers that also cover static files,
// with a graceful shutdown. `npm start` runs it (after building when needed).
import http from 'node:http';
import { handler } from './build/handler.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

/** Pages replace the CSP with their own (kit.csp); files served as they are keep this strict one. */
const BASE_HEADERS = {
	'content-security-policy':
		"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY'
};

const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => {
	console.log(`Parcours listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: finishing requests in flight, then stopping`);
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => {
		server.closeAllConnections();
		process.exit(0);
	}, 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
