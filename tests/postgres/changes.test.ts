// Instances on one PostgreSQL database hear each other's changes (LISTEN/NOTIFY), so that the
// pages each keeps for anonymous readers are renewed whichever instance wrote.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publish } from '../../src/lib/server/db/connection.ts';
import type { Connection } from '../../src/lib/server/db/index.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import {
	changed,
	followChanges,
	isCurrent,
	recordShown,
	scopes,
	shown
} from '../../src/lib/server/page-versions.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';

const lesson = scopes.lessonDiscussion('cours/sequence/lecon');
const other = scopes.lessonDiscussion('cours/sequence/autre');

let listening: Connection;
let writer: Connection;

beforeAll(async () => {
	const url = await emptyDatabase();
	listening = await openPostgres(url, { poolSize: 2, listen: true });
	writer = await openPostgres(url, { poolSize: 2 });
	followChanges(listening);
});
afterAll(async () => {
	await Promise.all([listening.close(), writer.close()]);
});

/** What a page showing `scope` is once the messages sent so far have arrived. */
async function pageShowing(scope: string) {
	const [, page] = await recordShown(async () => shown(scope));
	return page;
}

/** The messages `listening` receives, from now on. */
function heard() {
	const messages: string[] = [];
	listening.onMessage((message) => messages.push(message));
	return messages;
}

test("another instance's change, once committed, renews the pages showing it here", async () => {
	const messages = heard();
	const page = await pageShowing(lesson);
	const unrelated = await pageShowing(other);
	// What `changed` publishes from another process: here, it would record the change itself too.
	await writer.db.transaction().execute(async (trx) => {
		await publish(trx, JSON.stringify([lesson]));
		// Published with the transaction: nothing is delivered before it commits.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(messages).toEqual([]);
		expect(isCurrent(page)).toBe(true);
	});
	await expect.poll(() => isCurrent(page)).toBe(false);
	expect(messages).toEqual([JSON.stringify([lesson])]);
	expect(isCurrent(unrelated)).toBe(true);
});

test('a change in a transaction that rolls back is never published', async () => {
	const messages = heard();
	await writer.db
		.transaction()
		.execute(async (trx) => {
			await changed(trx, other);
			throw new Error('rolled back');
		})
		.catch(() => {});
	// A later message shows the channel delivered everything before it.
	await changed(writer.db, lesson);
	await expect.poll(() => messages).toContain(JSON.stringify([lesson]));
	expect(messages).not.toContain(JSON.stringify([other]));
});

test('while the listening connection is lost, nothing kept counts as current, and it listens again', async () => {
	const before = listening.otherWrites();
	expect(listening.otherWrites()).toBe(before);
	await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query = 'LISTEN parcours' AND pid <> pg_backend_pid()`.execute(writer.db);
	// Lost: the count moves at every call, so no page built meanwhile is kept.
	await expect.poll(() => listening.otherWrites() !== listening.otherWrites()).toBe(true);
	// Back: the count holds still again, past every value given before.
	await expect
		.poll(() => listening.otherWrites() === listening.otherWrites(), { timeout: 10_000 })
		.toBe(true);
	expect(listening.otherWrites()).toBeGreaterThan(before);
	const messages = heard();
	await changed(writer.db, other);
	await expect.poll(() => messages).toContain(JSON.stringify([other]));
});
