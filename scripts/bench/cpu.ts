// Where the cores went during a run: the CPU time of each group of processes (the servers, the
// balancer, PostgreSQL, the load generator), read from /proc before and after, and how busy the
// whole machine was meanwhile. Linux only, as the rest of the benchmark.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Each group's processes, looked up again at each reading: PostgreSQL starts backends as it goes. */
export type CpuGroups = Record<string, () => number[]>;

export interface CpuUse {
	/** The clock time between the two readings, in seconds. */
	seconds: number;
	/** CPU seconds (user and system) each group spent meanwhile. */
	groups: Record<string, number>;
	/** CPU seconds all the machine's cores spent on anything, this benchmark's processes or not. */
	machine: number;
}

export type CpuSampler = () => () => CpuUse;

let ticksPerSecond: number | undefined;

function ticks() {
	ticksPerSecond ??=
		Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	return ticksPerSecond;
}

/** utime + stime of a process, in clock ticks; undefined once it has ended. */
function processTicks(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name may hold spaces and parentheses: the fields start after the last `)`.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return undefined;
	}
}

/** Busy ticks of all cores: everything but idle and waiting for the disk. */
function machineTicks() {
	const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
	return user + nice + system + irq + softirq + steal;
}

/** A process and its children (one level, as PostgreSQL's backends under the postmaster). */
export function withChildren(parent: number): number[] {
	const pids = [parent];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === parent) pids.push(Number(entry));
		} catch {
			// ended meanwhile
		}
	}
	return pids;
}

/**
 * Starts a reading; the function it returns ends it. A process that started in between counts
 * from its start; one that ended in between is not counted (PostgreSQL's backends live as long as
 * the pool's connections, which outlast a run under load).
 */
export function cpuSampler(groups: CpuGroups): CpuSampler {
	return () => {
		const read = () =>
			Object.fromEntries(
				Object.entries(groups).map(([name, pids]) => [
					name,
					new Map(pids().map((pid) => [pid, processTicks(pid) ?? 0]))
				])
			);
		const before = read();
		const machineBefore = machineTicks();
		const started = performance.now();
		return () => {
			const after = read();
			const spent: Record<string, number> = {};
			for (const [name, pids] of Object.entries(after)) {
				let sum = 0;
				for (const [pid, value] of pids) sum += value - (before[name].get(pid) ?? 0);
				spent[name] = sum / ticks();
			}
			return {
				seconds: (performance.now() - started) / 1000,
				groups: spent,
				machine: (machineTicks() - machineBefore) / ticks()
			};
		};
	};
}
