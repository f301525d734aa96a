// Suggested edits from the command line, e.g. to take a course's accepted edits to its repository:
//   npm run suggestions -- export emanciper-son-association patches/
//   git am patches/*.patch
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '../src/lib/server/config.ts';
import { connect } from '../src/lib/server/db/index.ts';
import { exportCourseEdits } from '../src/lib/server/edits/index.ts';

const USAGE = `Usage: npm run suggestions -- <command>

  export <course> <dir>
      Writes every accepted edit of the course into <dir> as a patch file
      (0001-….patch, as git format-patch names them), made against the lesson
      files under courses/ as they are now: \`git am <dir>/*.patch\` applies them
      in order. A lesson changed since an edit was proposed gets the edit carried
      over when its passage is still found; otherwise the edit is listed as
      outdated and left out.`;

/** A lesson's file as it is now, read from the folder the command runs in. */
function readLesson(file: string): string | null {
	try {
		return readFileSync(path.resolve(file), 'utf8');
	} catch {
		return null;
	}
}

async function main(args: string[]) {
	const [command, course, dir] = args;
	if (command !== 'export' || !course || !dir) {
		console.log(USAGE);
		process.exitCode = command ? 2 : 0;
		return;
	}
	const { db, close } = await connect(getConfig().database);
	try {
		const result = await exportCourseEdits(db, course, readLesson);
		mkdirSync(dir, { recursive: true });
		for (const patch of result.patches) {
			writeFileSync(path.join(dir, patch.name), patch.mail);
			console.log(`${path.join(dir, patch.name)}\t(suggestion ${patch.threadId})`);
		}
		for (const id of result.applied) console.log(`already in the lesson\tsuggestion ${id}`);
		for (const id of result.outdated) console.log(`outdated\tsuggestion ${id}`);
		const count = result.patches.length;
		console.log(`${count} patch${count === 1 ? '' : 'es'} written to ${dir}`);
	} finally {
		await close();
	}
}

main(process.argv.slice(2)).catch((error: Error) => {
	console.error(`error: ${error.message}`);
	process.exit(1);
});
