// git as the patch tests run it: no user or system configuration, the course's author as committer
// (and as author of what the test itself commits), so that `git am` keeps the patch's own author.
import { execFileSync } from 'node:child_process';

export function git(cwd: string, ...args: string[]) {
	return execFileSync('git', args, {
		cwd,
		encoding: 'utf8',
		env: {
			...process.env,
			GIT_CONFIG_GLOBAL: '/dev/null',
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_AUTHOR_NAME: 'Autrice',
			GIT_AUTHOR_EMAIL: 'autrice@example.org',
			GIT_COMMITTER_NAME: 'Autrice',
			GIT_COMMITTER_EMAIL: 'autrice@example.org'
		}
	});
}
