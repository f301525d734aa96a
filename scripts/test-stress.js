// `npm run test:stress [-- --runs N] [--command "npx vitest run"] [--hog node]`: runs the whole test suite
// N times in a row (5 by default) while every core is kept busy by a CPU hog, as on a shared CI
// machine, then prints each run's outcome and wall time. A suite that passes here does not
// depend on the machine being quiet. The hog is Debian's stress-ng when installed, otherwise one
// Node busy loop per core. Each run's output goes to test-results/stress/run-<n>.log.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOGS = path.join(ROOT, 'test-results', 'stress');

/** @param {string[]} args */
function parseArgs(args) {
	const options = { runs: 5, command: 'npm test', hog: 'stress-ng' };
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--runs') options.runs = Number(args[++i]);
		else if (args[i] === '--command') options.command = args[++i] ?? '';
		else if (args[i] === '--hog') options.hog = args[++i] ?? '';
		else throw new Error(`unknown argument ${args[i]}`);
	}
	if (!Number.isInteger(options.runs) || options.runs < 1)
		throw new Error('--runs takes a whole number, at least 1');
	if (!options.command) throw new Error('--command takes the command that runs the suite');
	if (!['stress-ng', 'node'].includes(options.hog)) throw new Error('--hog is stress-ng or node');
	return options;
}

/** Every core busy until `stop()`; stress-ng if installed (and wanted), else Node busy loops. */
function startHog(cores, runs, wanted) {
	const hasStressNg =
		wanted === 'stress-ng' &&
		spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0;
	// Bounded even if this script is killed before it can stop the hog: 30 minutes per run.
	const seconds = runs * 30 * 60;
	const child = hasStressNg
		? // Its own process group, so that stopping it stops its workers too.
			spawn('stress-ng', ['--cpu', String(cores), '--timeout', `${seconds}s`, '--quiet'], {
				stdio: 'ignore',
				detached: true
			})
		: spawn(
				process.execPath,
				[
					'-e',
					`const { Worker } = require('node:worker_threads');
					for (let i = 0; i < ${cores}; i++) new Worker('for (;;) {}', { eval: true });
					process.on('disconnect', () => process.exit(0));
					setTimeout(() => process.exit(0), ${seconds * 1000});`
				],
				{ stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }
			);
	return {
		name: hasStressNg ? `stress-ng --cpu ${cores}` : `${cores} Node busy loops`,
		stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			if (hasStressNg) process.kill(-child.pid, 'SIGKILL');
			else child.kill('SIGKILL');
		}
	};
}

/** Runs the suite once; resolves with its exit code and wall time, its output kept in a file. */
function runSuite(command, run) {
	return new Promise((resolve) => {
		const started = performance.now();
		const child = spawn(command, { cwd: ROOT, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('close', (code, signal) => {
			const file = path.join(LOGS, `run-${run}.log`);
			writeFileSync(file, output);
			resolve({
				code: code ?? signal,
				seconds: (performance.now() - started) / 1000,
				file,
				output
			});
		});
	});
}

const minutes = (seconds) =>
	`${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const { runs, command } = options;
	const cores = availableParallelism();
	mkdirSync(LOGS, { recursive: true });
	const hog = startHog(cores, runs, options.hog);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			hog.stop();
			process.exit(130);
		});
	}
	console.log(`${runs} runs of \`${command}\`, all ${cores} cores kept busy by ${hog.name}`);
	const results = [];
	try {
		for (let run = 1; run <= runs; run++) {
			const result = await runSuite(command, run);
			results.push(result);
			const outcome = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`;
			console.log(`run ${run}/${runs}: ${outcome} in ${minutes(result.seconds)}`);
			if (result.code !== 0) {
				const failures = result.output
					.split('\n')
					.filter((line) => /FAIL|✗|×|Error:/.test(line))
					.slice(0, 20);
				console.log(
					`  ${failures.join('\n  ')}\n  whole output: ${path.relative(ROOT, result.file)}`
				);
			}
		}
	} finally {
		hog.stop();
	}
	const failed = results.filter((result) => result.code !== 0).length;
	const times = results.map((result) => result.seconds);
	console.log(
		`${runs} runs, ${failed} failed; wall time ${times.map(minutes).join(', ')} ` +
			`(longest ${minutes(Math.max(...times))})`
	);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
	console.error(`error: ${error.message}`);
	process.exit(2);
});
