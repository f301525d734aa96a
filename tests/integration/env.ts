import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The environment of a production process: without what marks Vitest's own process as a test
 * run, and without the settings of whoever runs the tests.
 */
export function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name === 'NODE_ENV' || name === 'TEST' || name.startsWith('VITEST')) delete env[name];
	}
	for (const name of ['DATABASE_URL', 'ORIGIN', 'SMTP_URL', 'SHUTDOWN_TIMEOUT', 'LOG_LEVEL']) {
		delete env[name];
	}
	return { ...env, ...extra };
}
