// Pages from memory first. The server has one thread: a page kept in memory costs it about 0.06 ms,
// a page rendered for a signed-in learner or a form's answer about ten times as much. Served in the
// order they arrive, each connection gets one answer per turn of the event loop, so ten learners'
// connections took most of the thread from forty anonymous readers' (docs/benchmarks.md).
//
// While pages from memory are being answered, every other request (a page to render, a form, a
// file) waits for the end of the loop's turn, and one of them starts per turn: while readers keep
// coming, a page from memory waits behind at most one such request a turn. A turn with no page from
// memory (and the one after it) lets every waiting request start, and one arriving then starts at
// once, as without this module: learners alone, or beside a few readers, are served as fast as
// before. Nothing is dropped and nothing reordered within its kind; under a flood of anonymous
// readers, learners are served a turn at a time (every few milliseconds) instead of first come,
// first served.
//
// Used by src/server.ts, around the answers of `answerFromMemory` and what SvelteKit renders.

export interface MemoryFirst {
	/** To call when a page was answered from memory. */
	answeredFromMemory(): void;
	/** Runs `work` now, or at the end of this turn (or a later one) while pages from memory go first. */
	render(work: () => void): void;
	/** Requests waiting to start. */
	readonly waiting: number;
}

/** `later` defers a function to the end of the loop's turn: `setImmediate`, or a test's own. */
export function memoryFirst(later: (turn: () => void) => void = setImmediate): MemoryFirst {
	const queue: (() => void)[] = [];
	/** Pages answered from memory in this turn, and in the one before it. */
	let now = 0;
	let before = 0;
	let armed = false;

	const arm = () => {
		if (armed) return;
		armed = true;
		later(endOfTurn);
	};

	function endOfTurn() {
		armed = false;
		// One request while readers are being answered from memory; all of them once they are not.
		const starting = now > 0 ? 1 : queue.length;
		before = now;
		now = 0;
		try {
			for (let i = 0; i < starting && queue.length > 0; i++) queue.shift()!();
		} finally {
			// One more turn after the last page from memory, to see whether readers keep coming;
			// and whatever a request that threw left waiting still starts.
			if (queue.length > 0 || before > 0) arm();
		}
	}

	return {
		answeredFromMemory() {
			now++;
			arm();
		},
		render(work) {
			if (now === 0 && before === 0 && queue.length === 0) {
				work();
				return;
			}
			queue.push(work);
			arm();
		},
		get waiting() {
			return queue.length;
		}
	};
}
