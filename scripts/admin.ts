// Manage accounts from the command line, e.g. to create the first administrator:
//   npm run admin -- create-user alice alice@example.org --role admin
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { getConfig } from '../src/lib/server/config.ts';
import { connect } from '../src/lib/server/db/index.ts';
import { ROLES, type Role } from '../src/lib/server/db/schema.ts';
import { emailSchema, usernameSchema } from '../src/lib/server/auth.ts';
import { checkPassword, hashPassword } from '../src/lib/server/password.ts';
import { invalidateUserSessions } from '../src/lib/server/session.ts';
import * as users from '../src/lib/server/user.ts';

const USAGE = `Usage: npm run admin -- <command>

  create-user <username> <email> [--role learner|author|moderator|admin]
      Creates an account with a verified email. The password is read from the
      PARCOURS_PASSWORD variable, or from standard input (one line), or asked
      at a prompt that does not show what is typed.
  set-role <username> <role>
      Gives an account a role: ${ROLES.join(', ')}.
  end-sessions <username>
      Signs an account out everywhere: every session it has is ended.
  list-users
      Lists accounts with their role.`;

async function readPassword(): Promise<string> {
	if (process.env.PARCOURS_PASSWORD) return process.env.PARCOURS_PASSWORD;
	if (process.stdin.isTTY) return readHidden('Password: ');
	const prompt = createInterface({ input: process.stdin, terminal: false });
	const password = await prompt.question('');
	prompt.close();
	return password.replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it, as `sudo` and `passwd` do. */
function readHidden(question: string): Promise<string> {
	const input = process.stdin;
	// Echo goes off before the question shows, so nothing typed after it is ever displayed.
	input.setRawMode(true);
	process.stdout.write(question);
	input.resume();
	input.setEncoding('utf8');
	return new Promise((resolve, reject) => {
		let typed = '';
		const finish = (error?: Error) => {
			input.off('data', onData);
			input.setRawMode(false);
			input.pause();
			process.stdout.write('\n');
			if (error) reject(error);
			else resolve(typed);
		};
		const onData = (chunk: string) => {
			for (const character of chunk) {
				if (character === '\r' || character === '\n') return finish();
				if (character === '\u0003') return finish(new Error('cancelled'));
				if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
				else if (character >= ' ') typed += character;
			}
		};
		input.on('data', onData);
	});
}

function parseRole(value: string | undefined): Role {
	if (!value || !ROLES.includes(value as Role))
		throw new Error(`role must be one of: ${ROLES.join(', ')}`);
	return value as Role;
}

/** A command written wrong: said with the usage, and exit code 2, before anything is done. */
class UsageError extends Error {}

const COMMANDS = {
	'create-user': { positionals: ['username', 'email'], role: true },
	'set-role': { positionals: ['username', 'role'], role: false },
	'end-sessions': { positionals: ['username'], role: false },
	'list-users': { positionals: [], role: false }
} as const;

/**
 * The command's arguments, read strictly: an unknown option (`--rol`), a missing or an extra
 * argument is refused, never ignored (an account created as a learner when an admin was meant).
 */
function readCommand(command: keyof typeof COMMANDS, args: string[]) {
	const { positionals: names, role: takesRole } = COMMANDS[command];
	let parsed;
	try {
		parsed = parseArgs({
			args,
			options: takesRole ? { role: { type: 'string' } } : {},
			allowPositionals: true,
			strict: true
		});
	} catch (error) {
		throw new UsageError(`${command}: ${(error as Error).message}`);
	}
	if (parsed.positionals.length !== names.length) {
		const expected = names.map((name) => `<${name}>`).join(' ') || 'no argument';
		throw new UsageError(`${command} takes ${expected}, not: ${args.join(' ') || 'nothing'}`);
	}
	const role = (parsed.values as { role?: string }).role;
	return { positionals: parsed.positionals, role };
}

async function main(args: string[]) {
	const [command, ...rest] = args;
	if (!command || !Object.hasOwn(COMMANDS, command)) {
		console.log(USAGE);
		process.exitCode = command ? 2 : 0;
		return;
	}
	const { positionals, role: roleOption } = readCommand(command as keyof typeof COMMANDS, rest);
	const { db, close } = await connect(getConfig().database);
	try {
		if (command === 'create-user') {
			const role = roleOption === undefined ? 'learner' : parseRole(roleOption);
			const [rawUsername, rawEmail] = positionals;
			const username = usernameSchema.safeParse(rawUsername ?? '');
			if (!username.success)
				throw new Error('username: 3 to 32 letters, digits, dots, hyphens or underscores');
			const email = emailSchema.safeParse(rawEmail ?? '');
			if (!email.success) throw new Error('email: not a valid address');
			if (await users.isUsernameTaken(db, username.data))
				throw new Error(`username "${username.data}" is taken`);
			if (await users.isEmailTaken(db, email.data))
				throw new Error(`email "${email.data}" is taken`);
			const password = await readPassword();
			const problem = checkPassword(password, { username: username.data, email: email.data });
			if (problem) throw new Error(`password: ${problem.replace('-', ' ')}`);
			const user = await users.createUser(db, {
				username: username.data,
				email: email.data,
				passwordHash: await hashPassword(password),
				role
			});
			await users.markEmailVerified(db, user.id, user.email);
			console.log(`created ${user.username} (${user.email}) with role ${user.role}`);
		} else if (command === 'set-role') {
			const [username, roleName] = positionals;
			const role = parseRole(roleName);
			const user = await users.findUserByUsername(db, username ?? '');
			if (!user) throw new Error(`no account named "${username}"`);
			await users.setRole(db, user.id, role);
			console.log(`${user.username} is now ${role}`);
		} else if (command === 'end-sessions') {
			const [username] = positionals;
			const user = await users.findUserByUsername(db, username ?? '');
			if (!user) throw new Error(`no account named "${username}"`);
			const ended = await invalidateUserSessions(db, user.id);
			console.log(`${user.username}: ${ended} session${ended === 1 ? '' : 's'} ended`);
		} else {
			for (const user of await users.listUsers(db)) {
				console.log(
					`${user.username}\t${user.email}\t${user.role}${user.emailVerifiedAt ? '' : '\t(email not confirmed)'}`
				);
			}
		}
	} finally {
		await close();
	}
}

main(process.argv.slice(2)).catch((error: Error) => {
	console.error(`error: ${error.message}`);
	if (error instanceof UsageError) {
		console.error(`\n${USAGE}`);
		process.exit(2);
	}
	process.exit(1);
});
