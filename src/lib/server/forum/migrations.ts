import type { Migration } from '../db/migrations.ts';

/** Discussion tables; versions from 4 up. */
export const forumMigrations: Migration[] = [];
