// One measurement: autocannon against one URL (or a series of requests) at one number of
// connections, for a bounded time.
import autocannon from 'autocannon';
import type { CpuSampler, CpuUse } from './cpu.ts';

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
	/** Told of each answer received (not of those still in flight when a run ends). */
	onAnswer?: (status: number, body: string) => void;
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
	/** What each process spent during the run, when it was asked for. */
	cpu?: CpuUse;
}

export async function measure(
	target: Target,
	connections: number,
	seconds: number,
	cpu?: CpuSampler
) {
	const cpuUse = cpu?.();
	const result = await autocannon({
		url: target.url,
		method: target.method ?? 'GET',
		headers: target.headers,
		body: target.body,
		requests: (target.next || target.onAnswer) && [
			{
				...(target.next && {
					setupRequest: (request: autocannon.Request) => ({ ...request, ...target.next!() })
				}),
				...(target.onAnswer && {
					onResponse: (status: number, body: string) => target.onAnswer!(status, body)
				})
			}
		],
		connections,
		duration: seconds,
		timeout: 10
	});
	// autocannon counts a timeout among the errors too.
	const failures = result.errors + result.non2xx;
	if (failures > 0) {
		const statuses = Object.entries(result.statusCodeStats ?? {})
			.filter(([status]) => !status.startsWith('2'))
			.map(([status, { count }]) => `${count} answered ${status}`);
		console.log(
			`  ${target.name}, ${connections} connections: ${result.errors} errors ` +
				`(timeouts included: ${result.timeouts})${statuses.map((each) => `, ${each}`).join('')}`
		);
	}
	return {
		connections,
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		requests: result['2xx'],
		failures,
		cpu: cpuUse?.()
	} satisfies Measure;
}

/** A short run first, so the measured ones find the JIT warm and the caches filled. */
export async function warmUp(target: Target, seconds: number) {
	return measure(target, 10, seconds);
}
