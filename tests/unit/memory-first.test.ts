// Pages from memory first (src/lib/server/memory-first.ts): while the server answers pages from
// memory, requests that need rendering start one per turn of the event loop; otherwise at once.
import { describe, expect, test } from 'vitest';
import { memoryFirst } from '../../src/lib/server/memory-first.ts';

/** A scheduler whose turns end when the test says so, instead of `setImmediate`. */
function turns() {
	let pending: (() => void)[] = [];
	const started: string[] = [];
	const scheduler = memoryFirst((turn) => void pending.push(turn));
	return {
		scheduler,
		started,
		request: (name: string) => scheduler.render(() => void started.push(name)),
		/** Ends the loop's turn: runs what was deferred to it. */
		endTurn() {
			const now = pending;
			pending = [];
			for (const turn of now) turn();
		},
		get deferred() {
			return pending.length;
		}
	};
}

describe('memoryFirst', () => {
	test('without pages from memory, a request starts at once and nothing is deferred', () => {
		const loop = turns();
		loop.request('lesson');
		loop.request('quiz');
		expect(loop.started).toEqual(['lesson', 'quiz']);
		expect(loop.deferred).toBe(0);
	});

	test('while pages from memory are answered, one waiting request starts per turn, in order', () => {
		const loop = turns();
		loop.scheduler.answeredFromMemory();
		loop.request('a');
		loop.request('b');
		loop.request('c');
		expect(loop.started).toEqual([]);
		expect(loop.scheduler.waiting).toBe(3);

		loop.scheduler.answeredFromMemory();
		loop.endTurn();
		expect(loop.started).toEqual(['a']);
		loop.scheduler.answeredFromMemory();
		loop.endTurn();
		expect(loop.started).toEqual(['a', 'b']);
		// A request that arrives meanwhile waits behind those already waiting.
		loop.request('d');
		loop.scheduler.answeredFromMemory();
		loop.endTurn();
		expect(loop.started).toEqual(['a', 'b', 'c']);
		expect(loop.scheduler.waiting).toBe(1);
	});

	test('a turn without pages from memory starts every waiting request', () => {
		const loop = turns();
		loop.scheduler.answeredFromMemory();
		for (const name of ['a', 'b', 'c']) loop.request(name);
		loop.endTurn();
		expect(loop.started).toEqual(['a']);
		loop.endTurn();
		expect(loop.started).toEqual(['a', 'b', 'c']);
		expect(loop.scheduler.waiting).toBe(0);
	});

	test('once readers stop, requests start at once again, after one quiet turn', () => {
		const loop = turns();
		loop.scheduler.answeredFromMemory();
		loop.endTurn();
		// The turn after pages from memory: readers may still be coming, so a request waits.
		loop.request('a');
		expect(loop.started).toEqual([]);
		loop.endTurn();
		expect(loop.started).toEqual(['a']);
		expect(loop.deferred).toBe(0);
		loop.request('b');
		expect(loop.started).toEqual(['a', 'b']);
	});

	test('a flood of pages from memory never starves a waiting request', () => {
		const loop = turns();
		for (let i = 0; i < 5; i++) loop.request(`r${i}`);
		expect(loop.started).toHaveLength(5);
		loop.scheduler.answeredFromMemory();
		for (let i = 5; i < 10; i++) loop.request(`r${i}`);
		for (let turn = 0; turn < 5; turn++) {
			for (let page = 0; page < 40; page++) loop.scheduler.answeredFromMemory();
			loop.endTurn();
		}
		expect(loop.started).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
	});

	test('a request that throws loses none of those waiting behind it', () => {
		const loop = turns();
		loop.scheduler.answeredFromMemory();
		loop.request('a');
		loop.scheduler.render(() => {
			throw new Error('broken');
		});
		loop.request('c');
		loop.scheduler.answeredFromMemory();
		loop.endTurn();
		expect(loop.started).toEqual(['a']);
		loop.scheduler.answeredFromMemory();
		expect(() => loop.endTurn()).toThrow('broken');
		expect(loop.scheduler.waiting).toBe(1);
		// The next turn was asked for all the same.
		expect(loop.deferred).toBe(1);
		loop.endTurn();
		expect(loop.started).toEqual(['a', 'c']);
	});

	test('with setImmediate, a request waits for the end of the turn', async () => {
		const order: string[] = [];
		const scheduler = memoryFirst();
		scheduler.answeredFromMemory();
		scheduler.render(() => order.push('rendered'));
		expect(order).toEqual([]);
		// What the rest of the turn does (another page from memory) comes first.
		order.push('memory');
		scheduler.answeredFromMemory();
		await new Promise((resolve) => setImmediate(resolve));
		expect(order).toEqual(['memory', 'rendered']);
	});
});
