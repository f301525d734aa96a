// The benchmark's load balancer: a minimal round-robin HTTP proxy in front of several instances,
// each request to the next one in turn over kept-alive connections. It is one more Node process
// on the same cores as the instances and the load generator, and costs CPU per request like any
// proxy would. Usage: node balancer.js <instance port>… <port>
import http from 'node:http';

const instances = process.argv.slice(2).map(Number);
const port = instances.pop();
const agent = new http.Agent({ keepAlive: true });
/** Headers about one connection, not the request: each side has its own. */
const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade'
]);

/** @param {http.IncomingHttpHeaders} headers */
function endToEnd(headers) {
	return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

let turn = 0;

/**
 * Sends the request to the next instance, and its answer back.
 * @param {http.IncomingMessage} request
 * @param {Buffer} body
 * @param {http.ServerResponse} response
 * @param {boolean} mayRetry
 */
function forward(request, body, response, mayRetry) {
	const instance = instances[turn++ % instances.length];
	const forwarded = http.request(
		{
			host: '127.0.0.1',
			port: instance,
			method: request.method,
			path: request.url,
			headers: endToEnd(request.headers),
			agent
		},
		(answer) => {
			// A client gone before the answer: it is read all the same, so the connection serves again.
			if (response.destroyed) return answer.resume();
			response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
			answer.pipe(response);
			response.once('close', () => answer.resume());
		}
	);
	forwarded.on('error', (error) => {
		const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? error.message;
		// A kept-alive connection the instance closed just as it was reused: the request never
		// reached it (see `reusedSocket` in Node's documentation), so it goes again, once.
		if (mayRetry && forwarded.reusedSocket && code === 'ECONNRESET') {
			forward(request, body, response, false);
			return;
		}
		// The benchmark stops at the first 502: this says why.
		console.error(`balancer: ${request.method} ${request.url} to port ${instance}: ${code}`);
		if (!response.headersSent) response.writeHead(502);
		response.end();
	});
	forwarded.end(body);
}

http
	.createServer((request, response) => {
		// Read whole (forms are small), so that it can be sent again.
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => forward(request, Buffer.concat(chunks), response, true));
	})
	.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));

process.on('SIGTERM', () => process.exit(0));
