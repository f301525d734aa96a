// Loaded into the measured server by the benchmark (`node --require …/memory-probe.cjs server.js`,
// see startServer in server.ts), never in production: on SIGUSR2 it prints the process's
// `process.memoryUsage()` on stdout as one line, `parcours-bench-memory {…}`, which the benchmark
// reads from the server's output. It opens nothing and changes nothing else.
'use strict';

process.on('SIGUSR2', () => {
	process.stdout.write(`parcours-bench-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
