// Two instances on one PostgreSQL database are one site: a message in the outbox goes out once
// whichever instance sends it, a learner's daily digest is written once, expired rows are purged
// by one instance at a time, and both sign certificates with one key.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadSigningKey } from '../../src/lib/server/certificates/signing-key.ts';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { LOCKS, unlessRunningElsewhere } from '../../src/lib/server/db/dialect.ts';
import { purgeExpired } from '../../src/lib/server/housekeeping.ts';
import type { Connection } from '../../src/lib/server/db/index.ts';
import type { Logger } from '../../src/lib/server/log.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { queueDigests } from '../../src/lib/server/notifications/digest.ts';
import { insertNotification } from '../../src/lib/server/notifications/inbox.ts';
import { drainOutbox, enqueueEmail } from '../../src/lib/server/notifications/outbox.ts';
import type { OutgoingMessage } from '../../src/lib/server/notifications/outbox.ts';
import { createUser, markEmailVerified } from '../../src/lib/server/user.ts';
import { emptyDatabase } from '../helpers/postgres-database.ts';
import { writeEarlierKeyFile } from '../helpers/signing-key.ts';

const DAY = 24 * 60 * 60_000;
let dataDir: string;
let instances: Connection[];

beforeAll(async () => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'parcours-data-'));
	for (const key of ['SMTP_URL', 'DATABASE_URL']) delete process.env[key];
	Object.assign(process.env, { DATA_DIR: dataDir, ORIGIN: 'https://cours.example.org' });
	reloadConfig();
	const url = await emptyDatabase();
	instances = await Promise.all([openPostgres(url), openPostgres(url)]);
});
afterAll(async () => {
	await Promise.all(instances.map((instance) => instance.close()));
	rmSync(dataDir, { recursive: true, force: true });
});

test('two instances draining the outbox together send every message exactly once', async () => {
	const [first, second] = instances;
	for (let i = 0; i < 40; i++)
		await enqueueEmail(first.db, { to: `l${i}@example.org`, subject: `Message ${i}`, text: 'x' });
	const sent: string[] = [];
	const transmit = async (message: OutgoingMessage) => {
		await new Promise((resolve) => setTimeout(resolve, 2));
		sent.push(message.subject);
	};
	await Promise.all([drainOutbox(first.db, transmit), drainOutbox(second.db, transmit)]);
	expect(sent).toHaveLength(40);
	expect(new Set(sent).size).toBe(40);
	const waiting = await second.db
		.selectFrom('email_outbox')
		.select('id')
		.where('sent_at', 'is', null)
		.execute();
	expect(waiting).toEqual([]);
});

test('two instances writing the daily digests at once write one per learner', async () => {
	const [first, second] = instances;
	const now = Date.now();
	for (const name of ['marie', 'paul', 'lea']) {
		const user = await createUser(first.db, {
			username: name,
			email: `${name}@example.org`,
			passwordHash: 'x',
			role: 'learner',
			now: now - 7 * DAY
		});
		await markEmailVerified(first.db, user.id, user.email, now - 7 * DAY);
		await insertNotification(first.db, {
			user_id: user.id,
			kind: 'reply',
			course: 'cours',
			thread_title: 'Une question',
			created_at: now - 2 * DAY,
			email: 'digest'
		});
	}
	const before = await first.db.selectFrom('email_outbox').select('id').execute();
	const counts = await Promise.all([queueDigests(first.db, now), queueDigests(second.db, now)]);
	const digests = await first.db
		.selectFrom('email_outbox')
		.select('recipient')
		.where('id', 'not in', before.length ? before.map(({ id }) => id) : [0])
		.execute();
	expect(digests.map(({ recipient }) => recipient).sort()).toEqual([
		'lea@example.org',
		'marie@example.org',
		'paul@example.org'
	]);
	expect(counts[0] + counts[1]).toBe(3);
});

test('while one instance purges expired rows, another one starting the purge leaves it to it', async () => {
	const [first, second] = instances;
	let finish!: () => void;
	const holding = new Promise<void>((resolve) => (finish = resolve));
	let started!: () => void;
	const inside = new Promise<void>((resolve) => (started = resolve));
	// The first instance's purge, held in the middle of its transaction.
	const running = unlessRunningElsewhere(first.db, LOCKS.purge, async () => {
		started();
		await holding;
	});
	await inside;
	expect(await purgeExpired(second.db)).toBeNull();
	finish();
	expect((await running).ran).toBe(true);
	// Once it is done, the next hour's purge runs wherever it starts.
	expect(await purgeExpired(second.db)).toMatchObject({ sessions: 0, tokens: 0 });
});

test('two instances starting together, each with the key file its data folder had, sign with one key', async () => {
	const files = ['first', 'second'].map((name) => {
		const folder = path.join(dataDir, name);
		mkdirSync(folder);
		const file = path.join(folder, 'certificate-key.jwk');
		return { file, x: writeEarlierKeyFile(file).publicJwk.x };
	});
	const lines: Record<string, unknown>[] = [];
	const log: Logger['log'] = (level, fields) => void lines.push({ level, ...fields });
	const [first, second] = instances;
	// The table is locked until both instances are waiting to read it: both then find it empty,
	// and both insert their own key.
	let loading: Promise<{ publicJwk: { x: string } }[]> | undefined;
	await first.db.transaction().execute(async (trx) => {
		await sql`LOCK TABLE signing_keys IN ACCESS EXCLUSIVE MODE`.execute(trx);
		loading = Promise.all(
			instances.map((instance, n) => loadSigningKey(instance.db, { file: files[n].file, log }))
		);
		const waiting = sql<{ count: number }>`
			SELECT count(*)::int AS count FROM pg_locks
			WHERE NOT granted AND relation = 'signing_keys'::regclass
		`;
		while ((await waiting.execute(trx)).rows[0].count < 2)
			await new Promise((resolve) => setTimeout(resolve, 10));
	});
	const keys = await loading!;
	expect(keys[1].publicJwk).toEqual(keys[0].publicJwk);
	const stored = await second.db.selectFrom('signing_keys').select('private_jwk').execute();
	expect(stored).toHaveLength(1);
	expect(JSON.parse(stored[0].private_jwk).x).toBe(keys[0].publicJwk.x);
	// One instance's file became the site's key; the other instance says its file is not used.
	const kept = files.find(({ x }) => x === keys[0].publicJwk.x)!;
	const ignored = files.find(({ x }) => x !== keys[0].publicJwk.x)!;
	expect(lines).toHaveLength(2);
	expect(lines).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ level: 'info', file: kept.file }),
			expect.objectContaining({ level: 'warn', file: ignored.file, publishedKey: kept.x })
		])
	);
});
