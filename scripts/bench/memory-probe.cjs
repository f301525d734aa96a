// Loaded into the measured server by the benchmark (`node --require …/memory-probe.cjs server.js`,
// see startServer in server.ts), never in production: on SIGUSR2 it prints the process's
// `process.memoryUsage()` on stdout as one line, `parcours-bench-memory {…}`, which the benchmark
// reads from the server's output, with V8's heap spaces (`heapSpaces`: each space's size and the
// bytes in use in it) and the flags the process runs with (`execArgv`). It opens nothing and
// changes nothing else.
'use strict';

const v8 = require('node:v8');

process.on('SIGUSR2', () => {
	const heapSpaces = Object.fromEntries(
		v8
			.getHeapSpaceStatistics()
			.map((space) => [
				space.space_name,
				{ size: space.space_size, used: space.space_used_size, physical: space.physical_space_size }
			])
	);
	const line = { ...process.memoryUsage(), heapSpaces, execArgv: process.execArgv };
	process.stdout.write(`parcours-bench-memory ${JSON.stringify(line)}\n`);
});
