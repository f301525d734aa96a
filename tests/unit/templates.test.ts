// The activity templates learners download: each CSV has an ODS twin that a spreadsheet opens
// with the same cells, the committed ODS is what scripts/build-templates.ts writes today, and a
// lesson offers both files.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { buildTemplate, csvTemplates, odsPathOf } from '../../scripts/build-templates.ts';
import { ODS_MIMETYPE, odsFromCsv, readCsv } from '../../scripts/lib/ods.ts';

const COURSE = path.resolve('courses/emanciper-son-association');
const templates = csvTemplates(COURSE);

const xml = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	parseTagValue: false,
	trimValues: false,
	isArray: (name) => ['table:table-row', 'table:table-cell', 'text:p'].includes(name)
});

type XmlNode = Record<string, unknown>;

/** The cells of the first sheet, as a spreadsheet shows them: one string per cell. */
function sheetCells(ods: Uint8Array): string[][] {
	const content = xml.parse(strFromU8(unzipSync(ods)['content.xml']));
	const table = content['office:document-content']['office:body']['office:spreadsheet'][
		'table:table'
	] as XmlNode;
	return (table['table:table-row'] as XmlNode[]).map((row) =>
		((row['table:table-cell'] ?? []) as XmlNode[]).flatMap((cell) => {
			const text = ((cell['text:p'] ?? []) as unknown[])
				.map((p) => (typeof p === 'string' ? p : String((p as XmlNode)['#text'] ?? '')))
				.join('\n');
			const repeated = Number(cell['@table:number-columns-repeated'] ?? 1);
			return Array.from({ length: repeated }, () => text);
		})
	);
}

const trimRow = (row: string[]) => {
	const last = row.findLastIndex((value) => value !== '');
	return row.slice(0, last + 1);
};

const lessons = readdirSync(COURSE, { recursive: true, encoding: 'utf8' })
	.filter((file) => /^\d\d-[^/]+\/\d\d-[^/]+\.md$/.test(file))
	.map((file) => ({ file, text: readFileSync(path.join(COURSE, file), 'utf8') }));

describe('activity templates', () => {
	test('the course offers the grids of its activities as templates', () => {
		expect(templates.length).toBeGreaterThanOrEqual(15);
	});

	test.each(templates.map((csv) => [path.relative(COURSE, csv), csv]))(
		'%s has an ODS twin holding the same cells, as the script writes it',
		(_, csv) => {
			const odsPath = odsPathOf(csv);
			expect(existsSync(odsPath), `${odsPath} is missing: run scripts/build-templates.ts`).toBe(
				true
			);
			const ods = new Uint8Array(readFileSync(odsPath));
			expect(Buffer.from(ods).equals(Buffer.from(buildTemplate(csv))), 'run the script again').toBe(
				true
			);

			// The mimetype comes first and uncompressed: that is how the format is recognised.
			expect(strFromU8(ods.subarray(30, 38))).toBe('mimetype');
			expect(ods[8] | (ods[9] << 8)).toBe(0);
			const files = unzipSync(ods);
			expect(strFromU8(files.mimetype)).toBe(ODS_MIMETYPE);
			const manifest = xml.parse(strFromU8(files['META-INF/manifest.xml']));
			const entries = manifest['manifest:manifest']['manifest:file-entry'] as XmlNode[];
			expect(entries.map((entry) => entry['@manifest:full-path'])).toEqual(['/', 'content.xml']);

			const expected = readCsv(readFileSync(csv, 'utf8')).map(trimRow);
			expect(expected[0].length).toBeGreaterThan(1);
			expect(sheetCells(ods).map(trimRow)).toEqual(expected);
		}
	);

	test.each(templates.map((csv) => [path.relative(COURSE, csv), csv]))(
		'a lesson offers %s in both formats',
		(_, csv) => {
			const name = path.basename(csv, '.csv');
			const offering = lessons.filter(
				(lesson) =>
					path.dirname(lesson.file) === path.basename(path.dirname(path.dirname(csv))) &&
					lesson.text.includes(`<Download file="assets/${name}.csv"`) &&
					lesson.text.includes(`<Download file="assets/${name}.ods"`)
			);
			expect(offering.map((lesson) => lesson.file)).not.toEqual([]);
		}
	);

	test('a cell keeps its commas, quotes, line breaks and characters XML would read as markup', () => {
		const csv = 'Besoin,Note\n"Se réunir, à distance","Dire ""oui""\npuis <agir> & voir"\n';
		expect(sheetCells(odsFromCsv(csv))).toEqual([
			['Besoin', 'Note'],
			['Se réunir, à distance', 'Dire "oui"\npuis <agir> & voir']
		]);
	});
});
