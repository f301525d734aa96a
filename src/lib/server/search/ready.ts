// The search index is brought up to date with the content once the server answers, not before
// it: a start then costs little more than loading the app, even after the content changed.
// Searches made meanwhile wait for it, so that none reads the lessons of the previous content.
import { contentVersion } from '$lib/server/content';
import type { DB } from '../db/index.ts';
import { useLogger } from '../log.ts';
import { searchIsCurrent } from './state.ts';

/** Settles once the index is up to date, or once bringing it up to date failed or was stopped. */
let preparation: Promise<void> | undefined;
let settled = true;
let stopping = false;

class Stopped extends Error {}

/**
 * A turn of the event loop, the first one after the server listens: requests that arrived
 * meanwhile are answered between two lessons.
 */
const pause = () =>
	new Promise<void>((resolve, reject) =>
		setImmediate(() => (stopping ? reject(new Stopped()) : resolve()))
	);

/**
 * Starts bringing the index up to date, when it is not (prepareSearch in lessons.ts, loaded only
 * then, with the renderer and the HTML parser it needs). The lessons are replaced in one
 * transaction: a server stopped or killed before the end leaves the index as it was, and the next
 * start does it all again. Returns a stop that resolves once nothing is being written any more.
 */
export function startSearchPreparation(db: DB): { stop(): Promise<void> } {
	stopping = false;
	settled = false;
	const started = performance.now();
	const log = useLogger().log;
	preparation = pause()
		.then(() => searchIsCurrent(db, contentVersion))
		.then(async (current) => {
			if (current) return;
			const { prepareSearch } = await import('./lessons.ts');
			const { lessons, posts } = await prepareSearch(db, pause);
			const ms = Math.round(performance.now() - started);
			log('info', { message: 'search index brought up to date', lessons, posts, ms });
		})
		.catch((error: unknown) => {
			if (error instanceof Stopped) return;
			// Searches still answer, from the index as the last start left it.
			log('error', {
				message: 'the search index could not be brought up to date',
				error: String((error as Error)?.message ?? error)
			});
		})
		.finally(() => {
			settled = true;
		});
	return {
		async stop() {
			stopping = true;
			await preparation;
		}
	};
}

/** Resolves once the index holds the lessons of the content served; at once in other processes. */
export function searchReady(): Promise<void> {
	return preparation ?? Promise.resolve();
}

/** For /healthz: whether searches are answered at once, or wait for the lessons being indexed. */
export const searchStatus = (): 'ready' | 'indexing' => (settled ? 'ready' : 'indexing');
