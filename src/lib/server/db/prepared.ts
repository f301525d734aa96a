// Queries asked on every signed-in request (the session, the learner's progress) written once with
// Kysely's builder and compiled once per database kind. Building and compiling a query with Kysely
// costs about 40 µs; running a small one on SQLite about 1 µs: on a signed-in page, compiling was
// most of the database's share of the time.
import { CompiledQuery, type Compilable } from 'kysely';
import type { DB } from './connection.ts';
import { dialectOf, type Dialect } from './dialect.ts';

/** Stands for the i-th argument while the query is compiled. */
class Slot {
	constructor(readonly index: number) {}
}

/** A value the query takes as a bound parameter, never one that changes its SQL. */
type Scalar = string | number;

interface Compiled {
	sql: string;
	/** For each parameter of the SQL, the argument it takes, or -1 for a value of the query itself. */
	slots: number[];
	values: readonly unknown[];
}

/**
 * `build` written once, compiled at its first use on each kind of database, then run with the new
 * arguments as bound parameters. Arguments must be scalars: `null`, a list or a boolean change the
 * SQL Kysely writes (`is null`, `in (…)`), so they are refused rather than silently misread.
 * Works on the database and inside a transaction alike (`db` may be a transaction).
 */
export function prepared<Args extends Scalar[], Row>(
	build: (db: DB, ...args: Args) => Compilable<Row>
) {
	const byDialect = new Map<Dialect, Compiled>();
	const compile = (db: DB, count: number): Compiled => {
		const slots = Array.from({ length: count }, (_, index) => new Slot(index));
		const query = build(db, ...(slots as unknown as Args)).compile();
		const used = new Set<number>();
		const compiled = {
			sql: query.sql,
			slots: query.parameters.map((value) => {
				if (!(value instanceof Slot)) return -1;
				used.add(value.index);
				return value.index;
			}),
			values: query.parameters
		};
		if (used.size !== count) {
			throw new Error(`a prepared query must bind each of its ${count} arguments as a parameter`);
		}
		return compiled;
	};
	return async (db: DB, ...args: Args): Promise<Row[]> => {
		for (const arg of args) {
			if (typeof arg !== 'string' && typeof arg !== 'number') {
				throw new TypeError(`a prepared query takes strings and numbers, not ${typeof arg}`);
			}
		}
		const dialect = dialectOf(db);
		let compiled = byDialect.get(dialect);
		if (!compiled) byDialect.set(dialect, (compiled = compile(db, args.length)));
		const { sql, slots, values } = compiled;
		const parameters = slots.map((slot, i) => (slot === -1 ? values[i] : args[slot]));
		const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters));
		return result.rows;
	};
}
