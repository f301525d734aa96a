// PostgreSQL through Kysely's PostgresDialect and a pool of `pg` connections, and one more
// connection that LISTENs to what the other instances of the site publish.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { useLogger } from '../log.ts';
import { CHANNEL, DatabaseUnavailable, register, type Connection } from './connection.ts';
import { migrate, type History } from './migrate.ts';
import { history as fullHistory } from './migrations.ts';
import type { Database } from './schema.ts';

const INT8 = 20;

/**
 * Counts and millisecond timestamps are `bigint` in PostgreSQL, which `pg` hands over as strings;
 * every one of them is far below 2^53, so they are read as numbers, as SQLite gives them.
 */
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/** How long to wait before listening again after the connection was lost. */
const RELISTEN_DELAY_MS = 1000;

export interface PostgresOptions {
	poolSize?: number;
	history?: History;
	/** Whether to hear other processes' messages (Connection.onMessage): the server does. */
	listen?: boolean;
}

/** Opens a pool of `poolSize` connections, then brings the schema up to date. */
/** The server and database of a URL, without the credentials, to name in a message. */
function where(url: string) {
	if (!URL.canParse(url)) return 'the database';
	const { hostname, port, pathname } = new URL(url);
	return `the PostgreSQL server at ${hostname || 'localhost'}:${port || 5432}${pathname}`;
}

/** What went wrong in a connection attempt, in one line (several addresses tried: the first). */
function reasonOf(error: unknown): string {
	const first =
		error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
	if (!(first instanceof Error)) return String(first);
	return first.message || (first as { code?: string }).code || first.name;
}

export async function openPostgres(
	url: string,
	{ poolSize = 10, history = fullHistory, listen = false }: PostgresOptions = {}
): Promise<Connection> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
	// An idle connection the server ends (a restart, a failover, an administrator) is an event of
	// the pool, not of a query: without a listener it would end the process. The pool opens a new
	// connection at the next query; a query that fails meanwhile fails as any other.
	pool.on('error', (error) =>
		useLogger().log('warn', {
			message: 'a database connection was closed by the server',
			error: error.message
		})
	);
	try {
		(await pool.connect()).release();
	} catch (error) {
		await pool.end().catch(() => {});
		throw new DatabaseUnavailable(`DATABASE_URL: cannot reach ${where(url)}: ${reasonOf(error)}`);
	}
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	const listeners: ((message: string) => void)[] = [];
	let listener: Listener | undefined;
	try {
		await migrate({ db, dialect: 'postgres' }, history);
		if (listen) {
			listener = await listenTo(url, (message) => {
				for (const each of listeners) each(message);
			});
		}
	} catch (error) {
		await db.destroy();
		throw error;
	}
	const opened: Connection = {
		db,
		dialect: 'postgres',
		otherWrites: () => listener?.otherWrites() ?? 0,
		onMessage: (each) => void listeners.push(each),
		close: async () => {
			await listener?.stop();
			await db.destroy();
		}
	};
	register(opened);
	return opened;
}

interface Listener {
	otherWrites(): number;
	stop(): Promise<void>;
}

/**
 * A connection of its own, outside the pool, that LISTENs on the site's channel. A message
 * published while it is down is lost: the count otherWrites gives moves then, so that pages kept
 * from before are built again, and moves at every call until it listens again, so that none built
 * meanwhile is kept. The first connection must succeed: a server that cannot listen does not start.
 */
async function listenTo(url: string, deliver: (message: string) => void): Promise<Listener> {
	let losses = 0;
	let client: pg.Client | undefined;
	let stopped = false;
	let retry: NodeJS.Timeout | undefined;

	const connect = async () => {
		const next = new pg.Client({ connectionString: url });
		next.on('notification', ({ channel, payload }) => {
			if (channel === CHANNEL && payload !== undefined) deliver(payload);
		});
		// Both fire when the server goes away; only the client in use counts, once.
		const lost = () => {
			if (client !== next || stopped) return;
			client = undefined;
			losses++;
			void next.end().catch(() => {});
			scheduleRetry();
		};
		next.on('error', (error) => {
			if (client === next)
				useLogger().log('warn', {
					message: 'stopped hearing other instances: pages are kept again once listening',
					error: error.message
				});
			lost();
		});
		next.on('end', lost);
		try {
			await next.connect();
			await next.query(`LISTEN ${CHANNEL}`);
		} catch (error) {
			await next.end().catch(() => {});
			throw error;
		}
		client = next;
		// What was published before this point was not heard: what is kept is built again.
		losses++;
	};
	const scheduleRetry = () => {
		retry = setTimeout(() => {
			connect().catch(() => {
				if (!stopped) scheduleRetry();
			});
		}, RELISTEN_DELAY_MS);
		retry.unref();
	};

	await connect();
	return {
		otherWrites: () => (client ? losses : ++losses),
		stop: async () => {
			stopped = true;
			clearTimeout(retry);
			await client?.end().catch(() => {});
		}
	};
}
