// The options of `node` that the server needs on its command line (V8's helper threads) are given
// by `npm start` (package.json) and by the services of docs/deploy.md: the two must not drift.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, serverNodeOptions } from '../../scripts/lib/production.ts';

/** A folder whose package.json has this `start` script. */
function withStart(start: string | undefined, check: (dir: string) => void) {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-options-'));
	try {
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts: { start } }));
		check(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe("the server's node options", () => {
	test('every service of docs/deploy.md runs server.js with the options of `npm start`', () => {
		const deploy = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
		const services = [...deploy.matchAll(/^ExecStart=\S*node\b(.*?)\s+server\.js\s*$/gm)];
		expect(services.length).toBeGreaterThan(0);
		for (const [, options] of services) {
			expect(options.split(/\s+/).filter(Boolean)).toEqual(serverNodeOptions(ROOT));
		}
		// The prose that tells what the service runs says the same.
		expect(deploy).toContain(`\`node ${serverNodeOptions(ROOT).join(' ')} server.js\``);
	});

	test('are read from package.json, each option apart', () => {
		withStart('node --v8-pool-size=1 --no-warnings scripts/start.js', (dir) =>
			expect(serverNodeOptions(dir)).toEqual(['--v8-pool-size=1', '--no-warnings'])
		);
		withStart('node scripts/start.js', (dir) => expect(serverNodeOptions(dir)).toEqual([]));
	});

	test('a start script of another shape is refused, not read wrongly', () => {
		for (const start of ['node scripts/start.js --port 3000', 'tsx scripts/start.js', undefined]) {
			withStart(start, (dir) =>
				expect(() => serverNodeOptions(dir)).toThrow(/start script is not `node \[options\]/)
			);
		}
	});
});
