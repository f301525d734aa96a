// Group commit: small write transactions asked for in the same turn of the event loop are run one
// after the other inside one SQLite transaction, each in a savepoint of its own, and committed
// together. With synchronous=FULL every COMMIT waits for the disk (an fsync) on the server's only
// thread; a group of them now waits once. No caller is answered before the COMMIT that holds its
// writes has returned, so what is acknowledged is on disk, as with a transaction of its own.
//
// With PostgreSQL each work runs in a transaction of its own, on the pool: PostgreSQL already
// flushes the commits of concurrent transactions together.
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { CompiledQuery, type ControlledTransaction, type Transaction } from 'kysely';
import type { Database, DB } from './connection.ts';
import { dialectOf } from './dialect.ts';

/**
 * A write transaction's work. It must do everything through `trx`, and be done with it when its
 * promise settles: on SQLite the group's transaction holds the database's only connection, so a
 * query on the database itself could only run after the COMMIT this work is part of (it throws
 * instead of waiting for ever). It should not wait on anything but its queries: the works after it
 * in the group, and every other query of the process, wait meanwhile.
 */
export type Work<T> = (trx: Transaction<Database>) => Promise<T>;

/** The most works committed together, so that the last of a group is not kept waiting long. */
export const MOST_PER_COMMIT = 64;

interface Waiting {
	/** The work, run in its caller's context (its request's), inside the group's transaction. */
	run(trx: Transaction<Database>, running: Running): Promise<unknown>;
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

type Outcome = { stored: true; value: unknown } | { stored: false; error: unknown };

/** The work running now in this context, and the database whose connection its group holds. */
interface Running {
	db: DB;
	/** False once the work has settled: what it left running may use the database again. */
	open: boolean;
}
const running = new AsyncLocalStorage<Running>();

/** The works asked for on each database since its last group started, not yet run. */
const gathering = new WeakMap<DB, Waiting[]>();

let savepoints = 0;

/**
 * Runs `work` in a transaction and resolves with what it returns once that transaction is
 * committed; rejects with what it throws, having stored nothing of it. On SQLite, the works asked
 * for before the next macrotask (`setImmediate`) share one transaction and one COMMIT: each runs
 * alone in a savepoint, sees what the works before it wrote as if they were committed, and one
 * that throws is rolled back alone. If the COMMIT fails, every work of the group is rejected with
 * its error: nothing of theirs was stored.
 *
 * Given a transaction rather than the database, `work` runs at once inside it, in a savepoint of
 * its own. Given the database from inside a work, it throws: the work must pass on the
 * transaction it was given.
 */
export function inGroupCommit<T>(db: DB, work: Work<T>): Promise<T> {
	if (db.isTransaction) return inSavepoint(db as Transaction<Database>, work);
	const current = running.getStore();
	if (current?.open && current.db === db)
		return Promise.reject(
			new Error(
				'inGroupCommit called with the database from inside a work: pass it the transaction the work was given'
			)
		);
	if (dialectOf(db) === 'postgres') {
		return db.transaction().execute((trx) => runAs({ db, open: true }, work, trx));
	}
	// Run in the caller's context: what the work logs or records is its request's. (A resource
	// rather than `AsyncResource.bind`, which on Node 20 also defines two deprecated accessors on
	// every function it binds: about 1 % of a quiz answer's CPU.)
	const caller = new AsyncResource('parcours.groupCommit');
	return new Promise<T>((resolve, reject) => {
		gather(db, {
			run: (trx, state) => caller.runInAsyncScope(runAs, null, state, work, trx),
			resolve: resolve as (value: unknown) => void,
			reject
		});
	});
}

/**
 * Throws if `db`'s connection is held by the group the calling work is part of: a query there
 * would wait for ever for the COMMIT that waits for this work. The SQLite driver asks it before
 * lending its connection (db/index.ts).
 */
export function refuseInsideGroup(db: DB) {
	const current = running.getStore();
	if (current?.open && current.db === db)
		throw new Error(
			'a work of inGroupCommit queried the database itself: it must use the transaction it is given'
		);
}

async function runAs<T>(state: Running, work: Work<T>, trx: Transaction<Database>): Promise<T> {
	try {
		return await running.run(state, () => work(trx));
	} finally {
		state.open = false;
	}
}

function gather(db: DB, waiting: Waiting) {
	let group = gathering.get(db);
	if (!group) {
		const started: Waiting[] = (group = []);
		gathering.set(db, started);
		// Outside any work's context, so that the group's own queries are not taken for one's.
		running.exit(() =>
			setImmediate(() => {
				if (gathering.get(db) === started) gathering.delete(db);
				void commitTogether(db, started);
			})
		);
	}
	group.push(waiting);
	// Full: the next work starts another group, committed after this one.
	if (group.length >= MOST_PER_COMMIT) gathering.delete(db);
}

async function commitTogether(db: DB, group: Waiting[]) {
	let trx: ControlledTransaction<Database>;
	try {
		trx = await db.startTransaction().execute();
	} catch (error) {
		for (const waiting of group) waiting.reject(error);
		return;
	}
	const outcomes: Outcome[] = [];
	try {
		for (const waiting of group) outcomes.push(await runAlone(trx, db, waiting));
		await trx.commit().execute();
	} catch (error) {
		// The COMMIT failed, or the transaction was lost under a work (a full disk rolls it all
		// back): nothing of the group is stored. A work that failed alone keeps its own error.
		await trx
			.rollback()
			.execute()
			.catch(() => {});
		group.forEach((waiting, i) => {
			const outcome = outcomes[i];
			waiting.reject(outcome && !outcome.stored ? outcome.error : error);
		});
		return;
	}
	group.forEach((waiting, i) => {
		const outcome = outcomes[i];
		if (outcome.stored) waiting.resolve(outcome.value);
		else waiting.reject(outcome.error);
	});
}

/** Runs one statement of the transaction's own, as written: nothing to build or compile. */
const run = (trx: Transaction<Database>, statement: string) =>
	trx.executeQuery(CompiledQuery.raw(statement));

/** One work of a group, in a savepoint: undone alone if it throws. Throws if the group is lost. */
async function runAlone(
	trx: ControlledTransaction<Database>,
	db: DB,
	waiting: Waiting
): Promise<Outcome> {
	await run(trx, 'savepoint work');
	let outcome: Outcome;
	try {
		outcome = { stored: true, value: await waiting.run(trx, { db, open: true }) };
	} catch (error) {
		outcome = { stored: false, error };
	}
	if (!outcome.stored) {
		try {
			await run(trx, 'rollback to savepoint work');
		} catch {
			// No savepoint to go back to: the work's error rolled the whole transaction back.
			throw outcome.error;
		}
	}
	await run(trx, 'release savepoint work');
	return outcome;
}

/** `work` inside a transaction already open, in a savepoint: undone alone if it throws. */
async function inSavepoint<T>(trx: Transaction<Database>, work: Work<T>): Promise<T> {
	const name = `nested_${++savepoints}`;
	await run(trx, `savepoint ${name}`);
	try {
		const value = await work(trx);
		await run(trx, `release savepoint ${name}`);
		return value;
	} catch (error) {
		await run(trx, `rollback to savepoint ${name}`);
		await run(trx, `release savepoint ${name}`);
		throw error;
	}
}
