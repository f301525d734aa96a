// The benchmark's ceiling: the lesson page's HTML, fetched once from Parcours, answered from memory
// by Node's `http` module with nothing else in the way. Usage: node ceiling-server.js <file> <port>
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [file, port] = process.argv.slice(2);
const body = readFileSync(file);

http
	.createServer((request, response) => {
		response.writeHead(200, {
			'content-type': 'text/html',
			'content-length': body.byteLength
		});
		response.end(body);
	})
	.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));

process.on('SIGTERM', () => process.exit(0));
