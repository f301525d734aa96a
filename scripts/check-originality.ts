// Compares the course text with the articles it draws on, so authors can check they wrote their
// own sentences. Reports, as `file:line: …`, every run of 8 words found in a source and every
// sentence most of whose word 5-grams come from one (see scripts/lib/originality.ts). Usage:
//   npx tsx scripts/check-originality.ts <sources folder> [courses folder] [--all]
// --all also lists every scored sentence with its share, to help choose what to rewrite first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GRAM, RUN, THRESHOLD, flagged, measureFile, sourceGrams } from './lib/originality.ts';

const args = process.argv.slice(2);
const listAll = args.includes('--all');
const [sourcesDir, coursesDir = 'courses'] = args.filter((arg) => arg !== '--all');
if (!sourcesDir) {
	console.error(
		'usage: npx tsx scripts/check-originality.ts <sources folder> [courses folder] [--all]'
	);
	process.exit(2);
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((name) => {
			const full = path.join(dir, name);
			return statSync(full).isDirectory() ? filesUnder(full) : [full];
		});
}

const sources = filesUnder(sourcesDir).map((file) => readFileSync(file, 'utf8'));
const fiveGrams = sourceGrams(sources, GRAM);
const runGrams = sourceGrams(sources, RUN);

let runs = 0;
let close = 0;
for (const file of filesUnder(coursesDir).filter((name) => name.endsWith('.md'))) {
	const report = measureFile(readFileSync(file, 'utf8'), fiveGrams, runGrams);
	for (const run of report.runs) {
		console.log(`${file}:${run.line}: ${RUN}+ words found in a source: "${run.text}"`);
		runs++;
	}
	const shown = listAll ? report.sentences : flagged(report.sentences);
	for (const sentence of shown) {
		const percent = Math.round(sentence.share * 100);
		console.log(
			`${file}:${sentence.line}: ${percent} % of its ${GRAM}-word groups are in a source: "${sentence.text}"`
		);
	}
	close += flagged(report.sentences).length;
}
console.log(
	runs + close === 0
		? `no shared run of ${RUN} words, no sentence above ${THRESHOLD * 100} % of shared ${GRAM}-word groups`
		: `${runs} shared run(s) of ${RUN}+ words, ${close} sentence(s) above ${THRESHOLD * 100} % of shared ${GRAM}-word groups`
);
process.exitCode = runs + close === 0 ? 0 : 1;
