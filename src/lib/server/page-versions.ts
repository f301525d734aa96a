// What the pages kept for anonymous readers (page-cache.ts) were built from, and when each part of
// it last changed, so that a write renews only the pages that show what it changed: a reply renews
// its lesson's page and its course's discussion list, while a sign-in, a visit or a quiz attempt
// renews nothing. The module that reads a part for a page names it (`shown`); the module that owns
// its table names it when it writes there (`changed`). With PostgreSQL, several instances serve
// one site: each change is published to all of them (a NOTIFY, sent when its transaction
// commits), and each renews the same pages. Writes by another process on SQLite (`npm run admin`, a restore) are
// noticed by the database's own counter instead, which renews every page.
import { AsyncLocalStorage } from 'node:async_hooks';
import { otherWritesOf, publish, type Connection, type DB } from './db/connection.ts';

/** The parts of the database a cached page may show. */
export const scopes = {
	/** The threads of a course, as its discussion list shows them. */
	courseDiscussions: (course: string) => `discussions ${course}`,
	/** The threads under one lesson, as its page shows them. */
	lessonDiscussion: (lessonKey: string) => `lesson ${lessonKey}`,
	/** Who wrote what: names shown beside threads. */
	authors: 'authors'
};

/** Counts changes: each one gets the next number, and each scope keeps its last one. */
let clock = 0;
const lastChange = new Map<string, number>();
const recording = new AsyncLocalStorage<Set<string>>();

function record(changedScopes: string[]) {
	clock++;
	for (const scope of changedScopes) lastChange.set(scope, clock);
}

/**
 * Called by the module that writes a scope's tables, with the database (or the transaction) it
 * wrote with, after the write. With PostgreSQL every instance hears of it once it is committed,
 * this one too: a page another request built from what was there before the commit, while the
 * transaction ran, is renewed then.
 */
export async function changed(db: DB, ...changedScopes: string[]) {
	record(changedScopes);
	await publish(db, JSON.stringify(changedScopes));
}

/** Renews what changes published on the database made stale: the server calls it once, at start. */
export function followChanges(connection: Connection) {
	connection.onMessage((message) => {
		let changedScopes: unknown;
		try {
			changedScopes = JSON.parse(message);
		} catch {
			return; // not one of ours
		}
		if (Array.isArray(changedScopes)) record(changedScopes.map(String));
	});
}

/** Called by a module that reads a scope's tables for a page: the page now depends on it. */
export function shown(...shownScopes: string[]) {
	const scopesOfPage = recording.getStore();
	if (scopesOfPage) for (const scope of shownScopes) scopesOfPage.add(scope);
}

export interface Dependencies {
	scopes: string[];
	/** The clock before the page was built: a change during the build leaves it outdated. */
	since: number;
}

/** Builds a page, noting the scopes it shows. */
export async function recordShown<T>(build: () => T | Promise<T>): Promise<[T, Dependencies]> {
	const since = clock;
	const scopesOfPage = new Set<string>();
	const result = await recording.run(scopesOfPage, build);
	return [result, { scopes: [...scopesOfPage], since }];
}

/** Whether nothing a page shows changed since it was built. */
export function isCurrent(dependencies: Dependencies) {
	for (const scope of dependencies.scopes) {
		if ((lastChange.get(scope) ?? 0) > dependencies.since) return false;
	}
	return true;
}

interface Remembered<T> {
	value: T;
	dependencies: Dependencies;
	otherWrites: number;
}

/**
 * What `read` gives for `key`, read again only once a scope it showed has changed (or another
 * process wrote to the database): a part of a page read the same for every reader. Keys must come
 * from a bounded set (lessons of the content, for instance).
 */
export function rememberedReads<T>() {
	const kept = new WeakMap<DB, Map<string, Remembered<T>>>();
	return async (db: DB, key: string, read: () => Promise<T>): Promise<T> => {
		const writes = otherWritesOf(db);
		// Inside a transaction, what is read may not be committed yet: nothing is kept.
		if (writes === undefined) return read();
		let ofDatabase = kept.get(db);
		if (!ofDatabase) kept.set(db, (ofDatabase = new Map()));
		const found = ofDatabase.get(key);
		if (found && found.otherWrites === writes && isCurrent(found.dependencies)) {
			// The page being built shows these scopes too, as if it had read them.
			shown(...found.dependencies.scopes);
			return found.value;
		}
		const [value, dependencies] = await recordShown(read);
		shown(...dependencies.scopes);
		ofDatabase.set(key, { value, dependencies, otherWrites: writes });
		return value;
	};
}
