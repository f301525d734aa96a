// One measurement: autocannon against one URL (or a series of requests) at one number of
// connections, for a bounded time.
import autocannon from 'autocannon';

export interface Request {
	method?: 'GET' | 'POST';
	/** The address's path and query, on the target's server. */
	path?: string;
	headers?: Record<string, string>;
	body?: string;
}

export interface Target extends Request {
	/** What the row is called in the report. */
	name: string;
	url: string;
	/** Each request in turn, for a load of several pages or several learners; else `url`'s. */
	next?: () => Request;
}

export interface Measure {
	connections: number;
	/** Mean requests per second over the run. */
	rps: number;
	/** Latencies in milliseconds (autocannon's resolution is 1 ms). */
	p50: number;
	p99: number;
	requests: number;
	/** Connection errors, timeouts and answers other than 2xx: any of them spoils the row. */
	failures: number;
}

export async function measure(target: Target, connections: number, seconds: number) {
	const result = await autocannon({
		url: target.url,
		method: target.method ?? 'GET',
		headers: target.headers,
		body: target.body,
		requests: target.next && [{ setupRequest: (request) => ({ ...request, ...target.next!() }) }],
		connections,
		duration: seconds,
		timeout: 10
	});
	const failures = result.errors + result.timeouts + result.non2xx;
	return {
		connections,
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		requests: result['2xx'],
		failures
	} satisfies Measure;
}

/** A short run first, so the measured ones find the JIT warm and the caches filled. */
export async function warmUp(target: Target, seconds: number) {
	return measure(target, 10, seconds);
}
