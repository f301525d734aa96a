// Compares the course text with source articles and lists every run of 8 or more words in common,
// so authors can check they wrote their own sentences. Usage:
//   npx tsx scripts/check-originality.ts <sources folder> [courses folder]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const RUN = 8;
const [sourcesDir, coursesDir = 'courses'] = process.argv.slice(2);
if (!sourcesDir) {
	console.error('usage: npx tsx scripts/check-originality.ts <sources folder> [courses folder]');
	process.exit(2);
}

const words = (text: string) =>
	text
		.toLowerCase()
		.normalize('NFC')
		.replace(/[’']/g, "'")
		.split(/[^\p{L}\p{N}']+/u)
		.filter(Boolean);

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

const shingles = new Set<string>();
for (const file of filesUnder(sourcesDir)) {
	const list = words(readFileSync(file, 'utf8'));
	for (let i = 0; i + RUN <= list.length; i++) shingles.add(list.slice(i, i + RUN).join(' '));
}

let found = 0;
for (const file of filesUnder(coursesDir).filter((name) => name.endsWith('.md'))) {
	const list = words(readFileSync(file, 'utf8'));
	let i = 0;
	while (i + RUN <= list.length) {
		if (!shingles.has(list.slice(i, i + RUN).join(' '))) {
			i++;
			continue;
		}
		let end = i + RUN;
		while (end < list.length && shingles.has(list.slice(end - RUN + 1, end + 1).join(' '))) end++;
		console.log(`${file}: "${list.slice(i, end).join(' ')}"`);
		found++;
		i = end;
	}
}
console.log(found === 0 ? 'no shared run of 8 words' : `${found} shared run(s) of ${RUN}+ words`);
process.exitCode = found === 0 ? 0 : 1;
