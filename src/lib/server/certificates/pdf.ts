// The certificate as a PDF: one A4 landscape page whose text stays text (selectable, searchable),
// set in DejaVu Serif, embedded and subset by pdfkit: unlike the 14 standard PDF fonts, it has
// every glyph French typography needs (« », the narrow no-break space before ; ! ? and inside
// guillemets, œ, accented capitals).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf');

/** Every line the certificate prints, already written in the certificate's language. */
export interface PrintedCertificate {
	language: string;
	heading: string;
	awardedTo: string;
	name: string;
	forCourse: string;
	courseTitle: string;
	authors: string;
	hours: string;
	date: string;
	verifyAt: string;
	verificationUrl: string;
	/** The document's title, for PDF readers' title bars. */
	title: string;
	issuer: string;
}

const ACCENT = '#1d4f91';
const INK = '#1a1a1a';

export function certificatePdf(certificate: PrintedCertificate): Promise<Buffer> {
	const document = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margin: 56,
		lang: certificate.language,
		displayTitle: true,
		info: {
			Title: certificate.title,
			Author: certificate.issuer,
			Subject: certificate.courseTitle,
			Creator: 'Parcours'
		}
	});
	const chunks: Buffer[] = [];
	document.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		document.on('end', () => resolve(Buffer.concat(chunks)));
		document.on('error', reject);
	});

	document.registerFont('regular', REGULAR);
	document.registerFont('bold', BOLD);
	const { width, height } = document.page;
	const inner = width - 2 * 56;
	document
		.lineWidth(3)
		.strokeColor(ACCENT)
		.rect(28, 28, width - 56, height - 56)
		.stroke()
		.lineWidth(0.75)
		.rect(36, 36, width - 72, height - 72)
		.stroke();

	/** A long name or title is set smaller rather than pushing the page's foot off the page. */
	const fitting = (text: string, font: string, size: number, lines: number) => {
		document.font(font);
		while (
			size > 12 &&
			document.fontSize(size).heightOfString(text, { width: inner }) > lines * size * 1.3
		)
			size -= 1;
		return size;
	};
	const centred = (text: string, font: string, size: number, color = INK, gap = 10) => {
		document.font(font).fontSize(size).fillColor(color).text(text, 56, undefined, {
			width: inner,
			align: 'center'
		});
		document.moveDown(gap / size);
	};

	document.y = 92;
	centred(certificate.heading, 'bold', 30, ACCENT, 22);
	centred(certificate.awardedTo, 'regular', 14, INK, 8);
	centred(certificate.name, 'bold', fitting(certificate.name, 'bold', 28, 2), INK, 20);
	centred(certificate.forCourse, 'regular', 14, INK, 8);
	centred(
		certificate.courseTitle,
		'bold',
		fitting(certificate.courseTitle, 'bold', 20, 3),
		INK,
		22
	);
	centred(certificate.authors, 'regular', 12, INK, 4);
	centred(certificate.hours, 'regular', 12, INK, 4);
	centred(certificate.date, 'regular', 12, INK, 4);

	document.font('regular').fontSize(10).fillColor(INK);
	document.text(`${certificate.verifyAt} ${certificate.verificationUrl}`, 56, height - 92, {
		width: inner,
		align: 'center',
		link: certificate.verificationUrl
	});
	document.end();
	return done;
}
