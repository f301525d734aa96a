// Writes, next to every CSV template of the courses (`courses/**/assets/*.csv`), its ODS twin,
// which lessons offer with <Download>. Run it after editing a CSV and commit both files:
//   npx tsx scripts/build-templates.ts [courses folder]
// tests/unit/templates.test.ts fails when a committed ODS no longer matches its CSV.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { odsFromCsv } from './lib/ods.ts';

/** Every CSV in an `assets/` folder under `dir`. */
export function csvTemplates(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((name) => {
			const full = path.join(dir, name);
			if (statSync(full).isDirectory()) return csvTemplates(full);
			return name.endsWith('.csv') && path.basename(dir) === 'assets' ? [full] : [];
		});
}

export const odsPathOf = (csvPath: string) => csvPath.replace(/\.csv$/, '.ods');

export function buildTemplate(csvPath: string) {
	return odsFromCsv(readFileSync(csvPath, 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const coursesDir = process.argv[2] ?? 'courses';
	const templates = csvTemplates(coursesDir);
	for (const csvPath of templates) writeFileSync(odsPathOf(csvPath), buildTemplate(csvPath));
	console.log(`${templates.length} ODS templates written under ${coursesDir}`);
}
