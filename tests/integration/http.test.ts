// What the production server sends besides the page itself: caching, revalidation, compression and
// security headers, on every path, whichever part of the server writes the answer.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import {
	createLearners,
	freePort,
	productionEnv,
	releaseDir,
	ROOT,
	signIn,
	startServer,
	type RunningServer
} from './server.ts';

const PASSWORD = 'un mot de passe assez long';
const { index } = loadContent(path.join(ROOT, 'courses'));
const [course] = index.courses;
const [lesson] = course.sequences[0].lessons;

const SECURITY_HEADERS = [
	'content-security-policy',
	'x-content-type-options',
	'x-frame-options',
	'referrer-policy'
];

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'parcours-http-'));
	await createLearners(dir, ['ada'], PASSWORD);
	server = await startServer({ dataDir: dir });
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

interface Raw {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The bytes as they came over the wire, still compressed. */
	body: Buffer;
}

/** A request as a browser sends it, read without the decompression `fetch` does on its own. */
function request(
	pathname: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
	baseURL = server.baseURL
): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const outgoing = http.request(
			baseURL + pathname,
			{ method: options.method ?? 'GET', headers: options.headers, agent: false },
			(incoming) => {
				const chunks: Buffer[] = [];
				incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
				incoming.on('end', () =>
					resolve({
						status: incoming.statusCode ?? 0,
						headers: incoming.headers,
						body: Buffer.concat(chunks)
					})
				);
				incoming.on('error', reject);
			}
		);
		outgoing.on('error', reject);
		outgoing.end(options.body);
	});
}

function missingSecurityHeaders(answer: Raw) {
	return SECURITY_HEADERS.filter((name) => !answer.headers[name]);
}

const hashedAsset = () => {
	const folder = path.join(releaseDir(), 'build/client/_app/immutable/assets');
	const css = readdirSync(folder).find((name) => name.endsWith('.css'));
	if (!css) throw new Error('the build has no stylesheet');
	return `/_app/immutable/assets/${css}`;
};

describe('caching', () => {
	test('a lesson read again unchanged is a bare 304, logged as a 304', async () => {
		const first = await request(lesson.url);
		expect(first.status).toBe(200);
		expect(first.headers['cache-control']).toBe('no-cache');
		const etag = first.headers.etag;
		expect(etag).toMatch(/^"/);

		const again = await request(lesson.url, {
			headers: { 'if-none-match': etag!, 'x-request-id': 'revalidation-0123456789' }
		});
		expect(again.status).toBe(304);
		expect(again.headers.etag).toBe(etag);
		expect(again.headers['cache-control']).toBe('no-cache');
		// Merged into the kept page, any of these would change how it runs.
		for (const name of [...SECURITY_HEADERS, 'content-type', 'permissions-policy']) {
			expect(again.headers[name], name).toBeUndefined();
		}
		await server.waitForOutput(/revalidation-0123456789/);
		const line = server.logLines().find((entry) => entry.id === 'revalidation-0123456789');
		expect(line).toMatchObject({ route: '/[course]/[sequence]/[lesson]', status: 304 });
	});

	test('a signed-in reader’s pages are never stored', async () => {
		const cookie = await signIn(server.baseURL, 'ada', PASSWORD);
		const page = await request(lesson.url, { headers: { cookie } });
		expect(page.status).toBe(200);
		expect(page.headers['cache-control']).toBe('private, no-store');
	});

	test('hashed assets are kept for a year without asking again', async () => {
		const asset = await request(hashedAsset());
		expect(asset.status).toBe(200);
		expect(asset.headers['cache-control']).toMatch(/immutable/);
		expect(asset.headers['cache-control']).toMatch(/max-age=31536000/);
	});
});

describe('compression', () => {
	test('pages come compressed as the browser prefers: brotli, else gzip, else as they are', async () => {
		const plain = await request(lesson.url);
		expect(plain.headers['content-encoding']).toBeUndefined();
		const html = plain.body.toString('utf8');
		expect(html).toContain('<main');

		const brotli = await request(lesson.url, { headers: { 'accept-encoding': 'gzip, br' } });
		expect(brotli.headers['content-encoding']).toBe('br');
		expect(brotli.headers.vary).toMatch(/accept-encoding/i);
		expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(html);
		expect(brotli.body.byteLength).toBeLessThan(html.length / 2);

		const gzip = await request(lesson.url, { headers: { 'accept-encoding': 'gzip' } });
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gzip.body).toString('utf8')).toBe(html);
	});

	test('a page read often is sent from a copy compressed once, tighter than on the fly', async () => {
		const page = course.sequences[0].lessons[1].url;
		const accept = { 'accept-encoding': 'br, gzip' };
		const first = await request(page, { headers: accept });
		expect(first.headers['content-encoding']).toBe('br');
		// Compressed on the fly: its length is not known in advance.
		expect(first.headers['content-length']).toBeUndefined();
		const html = brotliDecompressSync(first.body).toString('utf8');

		let stored = first;
		await expect
			.poll(
				async () => {
					stored = await request(page, { headers: accept });
					return stored.headers['content-length'] === String(stored.body.byteLength);
				},
				{ timeout: 20_000, interval: 50 }
			)
			.toBe(true);
		expect(stored.headers['content-encoding']).toBe('br');
		expect(stored.headers.vary).toMatch(/accept-encoding/i);
		expect(stored.body.byteLength).toBeLessThan(first.body.byteLength);
		expect(brotliDecompressSync(stored.body).toString('utf8')).toBe(html);

		const gzipped = await request(page, { headers: { 'accept-encoding': 'gzip' } });
		expect(gunzipSync(gzipped.body).toString('utf8')).toBe(html);
	});

	test('JSON for client-side navigation is compressed too', async () => {
		const data = await request(`${lesson.url}/__data.json`, {
			headers: { 'accept-encoding': 'br' }
		});
		expect(data.status).toBe(200);
		expect(data.headers['content-type']).toContain('application/json');
		expect(data.headers['content-encoding']).toBe('br');
		expect(JSON.parse(brotliDecompressSync(data.body).toString('utf8'))).toHaveProperty('nodes');
	});

	test('stylesheets and scripts are sent from their precompressed files', async () => {
		const asset = await request(hashedAsset(), { headers: { 'accept-encoding': 'br' } });
		expect(asset.headers['content-encoding']).toBe('br');
		// A file read as it is has a length; one compressed on the fly is chunked.
		expect(Number(asset.headers['content-length'])).toBe(asset.body.byteLength);
	});
});

/** The answers SvelteKit and the file server give before any hook of the app runs. */
async function answersOutsideTheApp(baseURL: string) {
	const forged = {
		method: 'POST',
		headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		body: 'login=ada&password=x'
	};
	return {
		asset: await request(hashedAsset(), {}, baseURL),
		robots: await request('/robots.txt', {}, baseURL),
		missing: await request('/_app/immutable/chunks/nothing-here.js', {}, baseURL),
		forged: await request('/login', forged, baseURL)
	};
}

function expectSecured(answers: Record<string, Raw>) {
	const { asset, robots, missing, forged } = answers;
	expect([asset.status, robots.status, missing.status, forged.status]).toEqual([
		200, 200, 404, 403
	]);
	for (const [name, answer] of Object.entries(answers)) {
		expect(missingSecurityHeaders(answer), name).toEqual([]);
		expect(answer.headers['content-security-policy'], name).toContain("default-src 'none'");
	}
}

describe('security headers on every path', () => {
	test('on files, missing assets and a refused cross-site form, from `npm start`', async () => {
		expectSecured(await answersOutsideTheApp(server.baseURL));
	});

	test('the same from `vite preview`', async () => {
		const port = await freePort();
		const preview = spawn(
			process.execPath,
			['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port)],
			{ cwd: ROOT, env: productionEnv({ DATA_DIR: dir }), stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let output = '';
		preview.stdout.on('data', (chunk: Buffer) => (output += chunk));
		preview.stderr.on('data', (chunk: Buffer) => (output += chunk));
		try {
			const baseURL = `http://127.0.0.1:${port}`;
			await expect
				.poll(
					() =>
						fetch(`${baseURL}/healthz`).then(
							(answer) => answer.status,
							() => output
						),
					{
						timeout: 60_000,
						interval: 200
					}
				)
				.toBe(200);
			expectSecured(await answersOutsideTheApp(baseURL));
		} finally {
			preview.kill();
		}
	});
});

describe('action names', () => {
	const NAMES = ['default', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];
	const PAGES = ['/login', lesson.url, '/'];

	test.each(NAMES)('posting ?/%s to any page is a 404, never a 500', async (name) => {
		for (const page of PAGES) {
			const form = await request(`${page}?/${name}`, {
				method: 'POST',
				headers: {
					origin: server.baseURL,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: 'login=ada&password=x'
			});
			expect(form.status, `${page} without JavaScript`).toBe(404);
			const enhanced = await request(`${page}?/${name}`, {
				method: 'POST',
				headers: {
					origin: server.baseURL,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: 'login=ada&password=x'
			});
			expect(enhanced.status, `${page} with JavaScript`).toBe(404);
			expect(JSON.parse(enhanced.body.toString())).toMatchObject({ type: 'error' });
		}
	});
});
