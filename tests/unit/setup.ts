// What the code under test writes straight to stdout or stderr (the server's JSON log lines) is
// held back and shown only when the test fails, as Vitest does for console output.
import { beforeEach, onTestFailed } from 'vitest';

type Write = typeof process.stdout.write;
const streams: NodeJS.WriteStream[] = [process.stdout, process.stderr];
const originals = new Map<NodeJS.WriteStream, Write>(
	streams.map((stream) => [stream, stream.write.bind(stream) as Write])
);
let held: [NodeJS.WriteStream, string | Uint8Array][] = [];

for (const stream of streams) {
	stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		held.push([stream, chunk]);
		const done = rest.find((argument) => typeof argument === 'function');
		if (done) (done as () => void)();
		return true;
	}) as Write;
}

beforeEach(() => {
	held = [];
	onTestFailed(() => {
		for (const [stream, chunk] of held) originals.get(stream)!(chunk);
	});
});
