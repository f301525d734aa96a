// One throwaway PostgreSQL cluster for the PostgreSQL tests; each test file makes its own database.
import type { TestProject } from 'vitest/node';
import { startCluster } from '../../scripts/lib/postgres-cluster.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject) {
	const cluster = await startCluster();
	project.provide('postgresUrl', cluster.url);
	return () => cluster.stop();
}
