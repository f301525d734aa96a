// The content checks of lesson components and glossaries: every mistake an author can make is
// reported as `file:line: message`, on the line of the tag at fault.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { formatProblems, loadContent } from '../../src/lib/content/load.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/lesson-components', import.meta.url));
const LESSON = 'composants/01-decouvrir/01-composants.md';
const GLOSSARY = 'composants/glossary.md';
const COURSE = 'composants/course.md';
const source = (file: string) => readFileSync(path.join(FIXTURE, file), 'utf8');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** The fixture course with some files replaced (null removes one); returns its problems. */
function check(files: Record<string, string | null>) {
	const root = mkdtempSync(path.join(tmpdir(), 'parcours-components-'));
	cleanups.push(() => rmSync(root, { recursive: true, force: true }));
	const coursesDir = path.join(root, 'courses');
	cpSync(FIXTURE, coursesDir, { recursive: true });
	for (const [file, text] of Object.entries(files)) {
		if (text === null) rmSync(path.join(coursesDir, file));
		else writeFileSync(path.join(coursesDir, file), text);
	}
	return formatProblems(loadContent(coursesDir).problems).split('\n').filter(Boolean);
}

/** The lesson with `snippet` added before its last section; the line where it lands. */
function lessonWith(snippet: string) {
	const original = source(LESSON);
	const at = original.indexOf('## Pour aller plus loin');
	const text = `${original.slice(0, at)}${snippet}\n\n${original.slice(at)}`;
	const line = original.slice(0, at).split('\n').length;
	return { files: { [LESSON]: text }, line, at: (file = `courses/${LESSON}`) => `${file}:${line}` };
}

const expectProblem = (snippet: string, message: string, offset = 0) => {
	const { files, line } = lessonWith(snippet);
	expect(check(files)).toEqual([`courses/${LESSON}:${line + offset}: ${message}`]);
};

describe('lesson components', () => {
	test('a lesson using every component, with a glossary, has no problem', () => {
		expect(check({})).toEqual([]);
	});

	test('an unknown component is refused, naming the ones that exist', () => {
		expectProblem(
			'<Quiz question="?" />',
			'unknown component <Quiz>: use one of Callout, Activity, Checkpoint, Term, Download, Figure, Video'
		);
	});

	test('raw HTML, a script and Svelte elements are refused', () => {
		expectProblem(
			'<div class="box">Texte</div>',
			'raw HTML <div> is not allowed in a lesson: write Markdown, or use one of the components Callout, Activity, Checkpoint, Term, Download, Figure, Video'
		);
		expectProblem(
			'<script>\nalert(1)\n</script>',
			'<script> is not allowed in a lesson: a lesson holds no code'
		);
		const head = lessonWith('<svelte:head><title>x</title></svelte:head>');
		expect(check(head.files)).toEqual([
			`${head.at()}: <svelte:head> is not allowed in a lesson: a lesson holds no code`,
			`${head.at()}: raw HTML <title> is not allowed in a lesson: write Markdown, or use one of the components Callout, Activity, Checkpoint, Term, Download, Figure, Video`
		]);
	});

	test('Svelte code in the text is refused on its line', () => {
		expectProblem(
			'Avant.\n{#if secret}\nCaché\n{/if}',
			'Svelte code "{#if" is not allowed in a lesson: write Markdown, and put code between backticks',
			1
		);
	});

	test('an attribute written as code or without a value is refused', () => {
		expectProblem(
			'<Callout kind={choix}>\n\nTexte.\n\n</Callout>',
			'<Callout>: attribute kind={choix} is Svelte code: write attributes as plain text in quotes, name="value"'
		);
		const { files, at } = lessonWith('<Callout kind>\n\nTexte.\n\n</Callout>');
		expect(check(files)).toEqual([
			`${at()}: <Callout>: attribute kind needs a value in quotes, kind="…"`
		]);
	});

	test('a missing, unknown or invalid attribute is reported on the tag', () => {
		expectProblem(
			'<Callout kind="note">\n\nTexte.\n\n</Callout>',
			'<Callout>: kind must be one of: retenir, attention, exemple'
		);
		expectProblem(
			'<Callout kind="retenir" couleur="vert">\n\nTexte.\n\n</Callout>',
			'<Callout>: unknown attribute couleur'
		);
		expectProblem('<Download title="Budget" />', '<Download>: file is required');
		expectProblem(
			'<Activity title="A" objective="B" duration="une heure" deliverable="C">\n\n1. Faire.\n\n</Activity>',
			'<Activity>: duration is a whole number of minutes, e.g. "20"'
		);
		expectProblem(
			'<Checkpoint question="">\n\nOui.\n\n</Checkpoint>',
			'<Checkpoint>: question is empty'
		);
	});

	test('a tag spread over several lines is reported on the line of the attribute’s tag', () => {
		expectProblem(
			'Voici le modèle :\n<Download\n  file="assets/budget.csv" />',
			'<Download>: title is required',
			1
		);
	});

	test('files must exist next to the lesson, inside the course, with an accepted type', () => {
		expectProblem(
			'<Download file="assets/absent.csv" title="Budget" />',
			'<Download>: file not found: assets/absent.csv'
		);
		expectProblem(
			'<Download file="assets/budget.exe" title="Budget" />',
			'<Download>: file must be a file of type ods, odt, odp, odg, csv, pdf, zip, txt, epub'
		);
		expectProblem(
			'<Download file="https://example.org/budget.csv" title="Budget" />',
			`<Download>: file "https://example.org/budget.csv" must be a file next to the lesson (assets/...): readers' browsers never fetch from another site`
		);
		expectProblem(
			'<Figure src="../../../secret.png" alt="x" caption="y" />',
			'<Figure>: src "../../../secret.png" is outside the course folder'
		);
	});

	test('a video must come from a host the course declares, with a duration as minutes:seconds', () => {
		expectProblem(
			'<Video src="https://videos.example.com/videos/embed/x" title="T" poster="assets/affiche.svg" duration="1:00" />',
			'<Video>: src is on videos.example.com, which the course does not declare: add it to videoHosts in course.md'
		);
		expectProblem(
			'<Video src="https://video.example.org/videos/embed/x" title="T" poster="assets/affiche.svg" duration="4 min" />',
			'<Video>: duration is written minutes:seconds, e.g. "4:32" or "1:02:05"'
		);
		expect(
			check({
				[COURSE]: source(COURSE).replace('  - video.example.org', '  - https://video.example.org/')
			})
		).toContain(
			'courses/composants/course.md:8: videoHosts.0: each item of videoHosts is a host name, e.g. framatube.org'
		);
	});

	test('a video belongs in a lesson, where its player has a page of its own', () => {
		const video =
			'<Video src="https://video.example.org/videos/embed/x" title="T" poster="01-decouvrir/assets/affiche.svg" duration="1:00" />';
		const course = source(COURSE);
		const line = course.split('\n').length;
		expect(check({ [COURSE]: `${course}\n${video}\n` })).toEqual([
			`courses/${COURSE}:${line + 1}: <Video> belongs in a lesson, not in the introduction of a course or sequence`
		]);
	});

	test('tags must be balanced, and content goes only where it belongs', () => {
		expectProblem(
			'<Callout kind="retenir">\n\nTexte.',
			'<Callout> is never closed: add </Callout> after its content'
		);
		expectProblem('</Checkpoint>', '</Checkpoint> closes nothing: no <Checkpoint> is open here');
		const crossed = lessonWith(
			'<Callout kind="retenir">\n\n<Checkpoint question="Q ?">\n\nR.\n\n</Callout>\n\n</Checkpoint>'
		);
		expect(check(crossed.files)).toEqual([
			`courses/${LESSON}:${crossed.line}: <Callout> is never closed: add </Callout> after its content`,
			`courses/${LESSON}:${crossed.line + 6}: </Callout> comes before </Checkpoint>: close the <Checkpoint> opened on line ${crossed.line + 2} first`
		]);
		expectProblem(
			'<Callout kind="retenir">\n\n</Callout>',
			'<Callout> is empty: write its content between <Callout> and </Callout>'
		);
		expectProblem(
			'<Checkpoint question="Q ?" />',
			'<Checkpoint> needs content: write it between <Checkpoint> and </Checkpoint>, not in a self-closing tag'
		);
		expectProblem(
			'<Download file="assets/budget.csv" title="Budget">',
			'<Download> takes no content: close it in its own tag, <Download … />'
		);
	});

	test('content beside its tags, which readers would see as typed Markdown, is reported where it starts', () => {
		const apart =
			'<Callout>: its content must be apart from its tags: put <Callout …> and </Callout> on lines of their own, with a blank line after the opening tag and before the closing one';
		// On one line with its tags: a paragraph whose words include the tags.
		expectProblem('<Callout kind="retenir">Texte **gras**.</Callout>', apart);
		// On lines of their own but without blank lines: one block of raw HTML, not « empty ».
		expectProblem('<Callout kind="attention">\nUn long texte ici.\n</Callout>', apart);
		// Apart at the start only, then the closing tag on the text's last line.
		expectProblem('<Callout kind="exemple">\n\nTexte.</Callout>', apart);
		expectProblem(
			'<Checkpoint question="Q ?">La **réponse**.</Checkpoint>',
			apart.replaceAll('Callout', 'Checkpoint')
		);
		// A term stays inside its sentence.
		expect(check(lessonWith('Le <Term>Fédiverse</Term> relie des services.').files)).toEqual([]);
	});
});

describe('glossary', () => {
	test('an unknown term is reported, naming the glossary to add it to', () => {
		expectProblem(
			'Sur <Term>Mastodon</Term>.',
			'unknown glossary term "Mastodon": add it as a "## " heading to courses/composants/glossary.md, or name its entry with <Term id="…">'
		);
		expectProblem(
			'Sur <Term id="mastodon">Mastodon</Term>.',
			'unknown glossary term "mastodon": add it as a "## " heading to courses/composants/glossary.md, or name its entry with <Term id="…">'
		);
	});

	test('a term in a course without a glossary is reported on each use', () => {
		const problems = check({ [GLOSSARY]: null });
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(
			new RegExp(
				`^courses/${LESSON}:\\d+: <Term>: the course has no glossary: add a glossary.md to the course folder$`
			)
		);
	});

	test('a glossary reports its own mistakes on their lines', () => {
		const glossary = `---
title: Glossaire
---

Quelques mots.

## Fédiverse

Réseaux libres.

### Détail

## Instance {#Instance}

Un serveur.

## Vide

## Hébergeur associatif {#chaton}

Un chaton.

## Autre {#chaton}

Doublon.
`;
		expect(check({ [GLOSSARY]: glossary })).toEqual([
			`courses/${GLOSSARY}:5: text before the first term: a glossary starts with a "## term" heading`,
			`courses/${GLOSSARY}:11: each term of a glossary is a level-2 heading (## term); no other heading level`,
			`courses/${GLOSSARY}:13: invalid term id "{#Instance}": use lowercase letters, digits and hyphens`,
			`courses/${GLOSSARY}:17: term "Vide" has no definition: write it in a paragraph under its heading`,
			`courses/${GLOSSARY}:23: duplicate term id "chaton": "Hébergeur associatif" has it too`
		]);
		expect(
			check({ [GLOSSARY]: glossary.replace('title: Glossaire', 'titre: Glossaire') })
		).toContain(`courses/${GLOSSARY}:2: unknown field: titre`);
	});

	test('a lesson links to the glossary and its terms through glossary.md', () => {
		const { files, at } = lessonWith(
			'Voir [le glossaire](../glossary.md), [un terme](../glossary.md#chaton) et [un autre](../glossary.md#absent).'
		);
		expect(check(files)).toEqual([
			`${at()}: broken link: ../glossary.md has no heading with the id "absent"`
		]);
	});

	test('the index holds the glossary, its terms and their definitions as HTML', () => {
		const { index } = loadContent(FIXTURE);
		const glossary = index.courses[0].glossary!;
		expect(glossary.url).toBe('/composants/glossary');
		expect(glossary.entries.map((entry) => entry.id)).toEqual(['fédiverse', 'chaton']);
		expect(glossary.entries[1].html).toContain(
			'<a href="https://www.chatons.org">collectif CHATONS</a>'
		);
	});
});
