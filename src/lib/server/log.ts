// One JSON line per request and per unexpected error, for journald or any log shipper. Lines name
// the route (`/[course]/[sequence]/[lesson]`), never the URL: query strings carry email tokens,
// and headers carry cookies, so neither is ever read here.
import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { getConfig } from './config.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** What a reverse proxy may pass as `x-request-id` and still be safe to copy into a log line. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;

export interface RequestLine {
	time: string;
	level: 'info';
	id: string;
	method: string;
	/** The route's id, or null when no route matched (a 404). */
	route: string | null;
	status: number;
	ms: number;
}

export interface Logger {
	/** Writes one line when `level` is at or above the configured level. */
	log(level: Exclude<LogLevel, 'silent'>, fields: Record<string, unknown>): void;
	/** A Handle that gives each request an id and logs it once it has been answered. */
	handle: Handle;
	/** Logs an unexpected error with its stack; the visitor gets a plain message and the id. */
	handleError: HandleServerError;
}

/** An incoming id (from a proxy) when it looks harmless, a fresh random one otherwise. */
export function requestIdFrom(incoming: string | null): string {
	return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Messages and stacks may quote a URL: its query string (an email token…) is cut off. */
export function redact(text: string): string {
	return text.replace(/\?[^\s'"`)\]}>]*=[^\s'"`)\]}>]*/g, '?[redacted]');
}

export function createLogger(options: {
	level: LogLevel;
	write?: (line: string, level: Exclude<LogLevel, 'silent'>) => void;
	now?: () => Date;
}): Logger {
	const write =
		options.write ??
		((line, level) => (level === 'error' ? process.stderr : process.stdout).write(line + '\n'));
	const now = options.now ?? (() => new Date());
	const threshold = SEVERITY[options.level];
	// Keyed by the request, which SvelteKit hands unchanged to both hooks.
	const ids = new WeakMap<Request, string>();

	const log: Logger['log'] = (level, fields) => {
		if (SEVERITY[level] < threshold) return;
		write(JSON.stringify({ time: now().toISOString(), level, ...fields }), level);
	};

	const idOf = (event: RequestEvent) => {
		let id = ids.get(event.request);
		if (!id) {
			id = requestIdFrom(event.request.headers.get('x-request-id'));
			ids.set(event.request, id);
		}
		return id;
	};

	const handle: Handle = async ({ event, resolve }) => {
		const started = performance.now();
		const id = idOf(event);
		const line = (status: number) =>
			log('info', {
				id,
				method: event.request.method,
				route: event.route.id,
				status,
				ms: Math.round((performance.now() - started) * 10) / 10
			});
		let response: Response;
		try {
			response = await resolve(event);
		} catch (error) {
			// A hook may throw error(404) or redirect(): SvelteKit answers with their status.
			line(isHttpError(error) || isRedirect(error) ? error.status : 500);
			throw error;
		}
		response.headers.set('x-request-id', id);
		line(response.status);
		return response;
	};

	const handleError: HandleServerError = ({ error, event, status, message }) => {
		const id = idOf(event);
		// 404s and other client errors are already in the request line; only real failures get a stack.
		if (status >= 500) {
			const text = error instanceof Error ? error.message : String(error);
			log('error', {
				id,
				method: event.request.method,
				route: event.route.id,
				status,
				error: redact(text),
				stack: error instanceof Error && error.stack ? redact(error.stack) : undefined
			});
		}
		// The id is shown to the visitor to quote in a report: only errors of ours are worth one.
		// A client error reaches this hook only from SvelteKit itself (those of the app are
		// thrown with `error()`, already in the visitor's language), its message in English.
		return status >= 500 ? { message: 'Internal Error', id } : { message, untranslated: true };
	};

	return { log, handle, handleError };
}

let logger: Logger | undefined;

/** The server's logger, at the configured LOG_LEVEL. */
export function useLogger(): Logger {
	logger ??= createLogger({ level: getConfig().LOG_LEVEL });
	return logger;
}

export const handle: Handle = (input) => useLogger().handle(input);
export const handleError: HandleServerError = (input) => useLogger().handleError(input);
