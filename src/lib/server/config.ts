import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const headerName = (example: string) =>
	z
		.string()
		.regex(/^[a-z0-9-]+$/i, `must be a header name such as ${example}`)
		.optional();

const schema = z.object({
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.min(1)
		.refine(
			(value) => !/^[a-z]+:\/\//i.test(value) || /^(file|postgres|postgresql):\/\//.test(value),
			{
				message:
					'must be a file path (or file:// URL) for SQLite, or postgres://user:password@host:5432/name'
			}
		)
		.optional(),
	DATABASE_POOL_SIZE: z.coerce
		.number({ error: 'must be a whole number of connections, e.g. 10' })
		.int('must be a whole number of connections, e.g. 10')
		.min(1, 'must be at least 1')
		.max(1000, 'must be at most 1000')
		.default(10),
	ORIGIN: z
		.url({
			protocol: /^https?$/,
			error: 'must be the public address, e.g. https://cours.example.org'
		})
		// The site is served from the root of its address: links built on a path would lead nowhere.
		.refine((value) => {
			// Not an address at all: the message above says so already.
			if (!URL.canParse(value)) return true;
			const url = new URL(value);
			return url.pathname === '/' && !url.search && !url.hash && !url.username;
		}, 'must be a scheme and a host only, with no path, e.g. https://cours.example.org')
		.optional(),
	PORT: port.default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	SMTP_URL: z
		.url({
			protocol: /^smtps?$/,
			error: 'must look like smtp://user:password@host:587 or smtps://…'
		})
		.optional(),
	MAIL_FROM: z.string().min(3).default('Parcours <no-reply@localhost>'),
	TOTP_REQUIRED_FOR_STAFF: z
		.enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
		.default('false')
		.transform((value) => value === 'true' || value === '1'),
	OUTBOX_PRINT_LINKS: z
		.enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
		.default('false')
		.transform((value) => value === 'true' || value === '1'),

	BODY_SIZE_LIMIT: z
		.string()
		.regex(/^(\d+[KMG]?|Infinity)$/i, 'must be a size such as 512K, 1M or Infinity')
		.optional(),
	ADDRESS_HEADER: headerName('x-forwarded-for'),
	XFF_DEPTH: z.coerce.number().int().min(1).optional(),
	PROTOCOL_HEADER: headerName('x-forwarded-proto'),
	HOST_HEADER: headerName('x-forwarded-host'),
	PORT_HEADER: headerName('x-forwarded-port'),
	SHUTDOWN_TIMEOUT: z
		.string()
		.regex(/^\d+$/, 'must be a whole number of seconds, e.g. 30')
		.transform(Number)
		.default(30),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	TIME_ZONE: z
		.string()
		.refine((value) => {
			try {
				new Intl.DateTimeFormat('en', { timeZone: value });
				return true;
			} catch {
				return false;
			}
		}, 'must be a time zone of the IANA database, e.g. Europe/Paris, America/Montreal or UTC')
		.default('Europe/Paris'),
	CERTIFICATE_ISSUER: z.string().trim().min(1).max(200).optional()
});

/** Every variable the server reads, adapter-node's included: all checked here, nowhere else. */
export const VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** Where the data lives: the embedded SQLite file (the default), or a PostgreSQL server. */
export type DatabaseTarget =
	{ kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };

export type Config = z.infer<typeof schema> & {
	database: DatabaseTarget;
	outboxDir: string;
	/**
	 * Where earlier releases kept the key that signs certificates; it now lives in the database,
	 * which imports this file at the first start that finds no key there (certificates/signing-key.ts).
	 */
	certificateKeyFile: string;
};

/** Validates the environment; a bad value throws an error naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	// Empty variables count as unset, as in most process managers' env files.
	const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const result = schema.safeParse(defined);
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const config = result.data;
	const url = config.DATABASE_URL;
	const database: DatabaseTarget =
		url && /^postgres(ql)?:\/\//.test(url)
			? { kind: 'postgres', url, poolSize: config.DATABASE_POOL_SIZE }
			: {
					kind: 'sqlite',
					file: url ? url.replace(/^file:\/\//, '') : path.join(config.DATA_DIR, 'parcours.db')
				};
	return {
		...config,
		database,
		outboxDir: path.join(config.DATA_DIR, 'outbox'),
		certificateKeyFile: path.join(config.DATA_DIR, 'certificate-key.jwk')
	};
}

let current: Config | undefined;

/** Read once, at start. */
export function getConfig(): Config {
	current ??= parseConfig(process.env);
	return current;
}

/** Reads the environment again: for tests that change it. */
export function reloadConfig(): Config {
	current = undefined;
	return getConfig();
}
