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

http
	.createServer((request, response) => {
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
				response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
				answer.pipe(response);
				// A client gone before the end: the rest is read, so the connection serves again.
				response.once('close', () => answer.resume());
			}
		);
		forwarded.on('error', () => {
			if (!response.headersSent) response.writeHead(502);
			response.end();
		});
		request.pipe(forwarded);
	})
	.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));

process.on('SIGTERM', () => process.exit(0));
