import type { ExpressionBuilder } from 'kysely';
import type { Database, DB } from './db/index.ts';
import type { Role } from './db/schema.ts';
import type { Language } from '../content/schema.ts';
import { changed, scopes } from './page-versions.ts';

export interface User {
	id: number;
	username: string;
	email: string;
	emailVerifiedAt: number | null;
	role: Role;
	createdAt: number;
	postingSuspendedUntil: number | null;
}

const ACCOUNT_COLUMNS = [
	'id',
	'username',
	'email',
	'email_verified_at',
	'role',
	'created_at'
] as const;

/** The account's columns and, read from the forum's table, the end of a posting suspension. */
const COLUMNS = (eb: ExpressionBuilder<Database, 'users'>) =>
	[
		...ACCOUNT_COLUMNS,
		eb
			.selectFrom('forum_suspensions')
			.select('forum_suspensions.until')
			.whereRef('forum_suspensions.user_id', '=', 'users.id')
			.as('posting_suspended_until')
	] as const;

function toUser(row: {
	id: number;
	username: string;
	email: string;
	email_verified_at: number | null;
	role: Role;
	created_at: number;
	posting_suspended_until: number | null;
}): User {
	return {
		id: row.id,
		username: row.username,
		email: row.email,
		emailVerifiedAt: row.email_verified_at,
		role: row.role,
		createdAt: row.created_at,
		postingSuspendedUntil: row.posting_suspended_until
	};
}

export async function createUser(
	db: DB,
	values: { username: string; email: string; passwordHash: string; role?: Role; now?: number }
): Promise<User> {
	const row = await db
		.insertInto('users')
		.values({
			username: values.username,
			email: values.email,
			password_hash: values.passwordHash,
			role: values.role ?? 'learner',
			created_at: values.now ?? Date.now()
		})
		.returning(ACCOUNT_COLUMNS)
		.executeTakeFirstOrThrow();
	return toUser({ ...row, posting_suspended_until: null });
}

export async function findUserById(db: DB, id: number) {
	const row = await db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
	return row ? toUser(row) : null;
}

/** Case-insensitive, like the unique indexes. */
export async function findUserByUsername(db: DB, username: string) {
	const row = await db
		.selectFrom('users')
		.select((eb) => [...COLUMNS(eb), 'password_hash'])
		.where('username', '=', username)
		.executeTakeFirst();
	return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function findUserByEmail(db: DB, email: string) {
	const row = await db
		.selectFrom('users')
		.select(COLUMNS)
		.where('email', '=', email)
		.executeTakeFirst();
	return row ? toUser(row) : null;
}

export async function getPasswordHash(db: DB, userId: number) {
	const row = await db
		.selectFrom('users')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirst();
	return row?.password_hash ?? null;
}

export async function isUsernameTaken(db: DB, username: string) {
	return (
		(await db
			.selectFrom('users')
			.select('id')
			.where('username', '=', username)
			.executeTakeFirst()) !== undefined
	);
}

export async function isEmailTaken(db: DB, email: string, exceptUserId?: number) {
	let query = db.selectFrom('users').select('id').where('email', '=', email);
	if (exceptUserId) query = query.where('id', '!=', exceptUserId);
	return (await query.executeTakeFirst()) !== undefined;
}

export async function setPasswordHash(db: DB, userId: number, passwordHash: string) {
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash })
		.where('id', '=', userId)
		.execute();
}

export async function markEmailVerified(db: DB, userId: number, email: string, now = Date.now()) {
	await db
		.updateTable('users')
		.set({ email, email_verified_at: now })
		.where('id', '=', userId)
		.execute();
}

export async function setRole(db: DB, userId: number, role: Role) {
	await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

export async function listUsers(db: DB) {
	const rows = await db.selectFrom('users').select(COLUMNS).orderBy('id').execute();
	return rows.map(toUser);
}

/** Sessions, tokens, progress and attempts go with the row (ON DELETE CASCADE). */
export async function deleteUser(db: DB, userId: number) {
	await db.deleteFrom('users').where('id', '=', userId).execute();
	// Their threads and posts stay, without their name.
	await changed(db, scopes.authors);
}

export async function setLanguage(db: DB, userId: number, language: Language) {
	await db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}
