// Turns the CSV templates of a course into OpenDocument spreadsheets, so that learners get a file
// LibreOffice opens with its columns already sized and its header in bold, next to the CSV that
// any tool reads. An ODS file is a zip holding `mimetype` (first and uncompressed, so a file
// manager recognises it from its first bytes), `META-INF/manifest.xml` and `content.xml`.
import { parse } from 'csv-parse/sync';
import { strToU8, zipSync, type ZipOptions } from 'fflate';

export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * Every entry carries this date, so that the same CSV always gives the same bytes and the test
 * can compare the committed file with a fresh one. Built from local fields: a zip stores local
 * time, and a date written in UTC would shift with the machine's time zone.
 */
const FIXED_DATE = new Date(2026, 0, 1, 0, 0, 0);

/** Reads a CSV file (comma-separated, RFC 4180 quotes) into rows of cells. */
export function readCsv(csv: string): string[][] {
	return parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cell(value: string, header: boolean) {
	const style = header ? ' table:style-name="header"' : '';
	if (value === '') return `<table:table-cell${style}/>`;
	// Whole numbers stay numbers, so a learner can add up a column of weights or costs.
	if (/^\d+$/.test(value))
		return `<table:table-cell${style} office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`;
	const paragraphs = value
		.split('\n')
		.map((line) => `<text:p>${escapeXml(line)}</text:p>`)
		.join('');
	return `<table:table-cell${style} office:value-type="string">${paragraphs}</table:table-cell>`;
}

function contentXml(rows: string[][], sheetName: string) {
	const columns = Math.max(...rows.map((row) => row.length));
	const body = rows
		.map((row, i) => {
			const cells = Array.from({ length: columns }, (_, c) => cell(row[c] ?? '', i === 0));
			return `<table:table-row table:style-name="row">${cells.join('')}</table:table-row>`;
		})
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:automatic-styles>
<style:style style:name="column" style:family="table-column"><style:table-column-properties style:column-width="5cm"/></style:style>
<style:style style:name="row" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>
<style:style style:name="header" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top" fo:background-color="#e3ecf4"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="cell" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>
</office:automatic-styles>
<office:body>
<office:spreadsheet>
<table:table table:name="${escapeXml(sheetName)}">
<table:table-column table:style-name="column" table:number-columns-repeated="${columns}" table:default-cell-style-name="cell"/>
${body}
</table:table>
</office:spreadsheet>
</office:body>
</office:document-content>
`;
}

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODS_MIMETYPE}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;

/** The ODS twin of a CSV template: one sheet, named `sheetName`, whose first row is the header. */
export function odsFromCsv(csv: string, sheetName = 'Modèle'): Uint8Array {
	const rows = readCsv(csv);
	if (rows.length === 0) throw new Error('the CSV has no row');
	const options: ZipOptions = { mtime: FIXED_DATE };
	return zipSync(
		{
			mimetype: [strToU8(ODS_MIMETYPE), { level: 0 }],
			'META-INF/manifest.xml': [strToU8(MANIFEST), { level: 9 }],
			'content.xml': [strToU8(contentXml(rows, sheetName)), { level: 9 }]
		},
		options
	);
}
