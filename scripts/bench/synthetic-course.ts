// A large course made up for the scaling measure: 50 sequences of 10 lessons, each sequence with
// its quiz, valid by every content check. It is written into a copy of the repository, never into
// courses/.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SYNTHETIC_SLUG = 'banc-d-essai';

/** Where a generated lesson is served: URLs drop the `NN-` prefixes of its folder and file. */
export const syntheticLessonURL = (sequence: number, lesson: number) =>
	`/${SYNTHETIC_SLUG}/sequence-${sequence}/lecon-${lesson}`;

/** Left out of the copy: installed, generated, or someone's data. */
const SKIPPED = new Set([
	'node_modules',
	'build',
	'.svelte-kit',
	'.git',
	'data',
	'bench-results',
	'test-results'
]);

/** The repository's sources in a temporary folder, its node_modules linked rather than copied. */
export function copyRepository(root: string) {
	const dir = mkdtempSync(path.join(tmpdir(), 'parcours-bench-repo-'));
	cpSync(root, dir, {
		recursive: true,
		filter: (source) => {
			const relative = path.relative(root, source);
			return relative === '' || !SKIPPED.has(relative.split(path.sep)[0]);
		}
	});
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const pad = (n: number) => String(n).padStart(2, '0');

const PARAGRAPH = (s: number, l: number, k: number) =>
	`Dans la leçon ${l} de la séquence ${s}, ce paragraphe ${k} décrit une situation ordinaire : ` +
	`une association choisit ses outils, mesure ce qu'ils lui coûtent et décide avec les personnes ` +
	`qui les utilisent. Le texte reste volontairement simple, mais sa longueur ressemble à celle ` +
	`d'une vraie leçon, avec des **mots en gras**, des *passages en italique* et un renvoi vers ` +
	`[un site de référence](https://example.org/ressource-${s}-${l}-${k}).`;

function lesson(s: number, l: number, lessons: number) {
	const sections = [1, 2, 3, 4]
		.map(
			(k) => `## Partie ${k} de la leçon ${s}.${l}

${PARAGRAPH(s, l, k)}

${PARAGRAPH(s, l, k + 10)}

${
	k === 2
		? `### Un exemple détaillé

- premier point à retenir pour la partie ${k}
- deuxième point, un peu plus long, qui précise le premier
- troisième point, qui conclut

| Outil | Usage | Coût |
| ----- | ----- | ---- |
| Messagerie | échanges quotidiens | faible |
| Agenda | réunions | nul |
`
		: ''
}${
				k === 3 && l % 3 === 0
					? `\`\`\`bash
# une commande d'exemple, colorée au moment de la construction
sudo apt-get install --yes nextcloud-desktop
echo "séquence ${s}, leçon ${l}"
\`\`\`
`
					: ''
			}`
		)
		.join('\n');
	const next =
		l < lessons ? `\n\nLa suite : [la leçon suivante](./${pad(l + 1)}-lecon-${l + 1}.md).` : '';
	return `---
title: Leçon ${l} de la séquence ${s}
description: Une leçon générée pour mesurer le coût d'un grand cours, numéro ${s}.${l}.
duration: ${5 + ((s + l) % 10)}
objectives:
  - Comprendre la partie ${s}.${l}
  - Savoir expliquer la partie ${s}.${l}
---

${sections}${next}

## Pour aller plus loin

- [« Une ressource sur la partie ${s}.${l} »](https://example.org/lecture-${s}-${l}), Parcours, 5 mars 2024 — une lecture pour aller plus loin.
`;
}

function quiz(s: number) {
	const questions = [1, 2, 3, 4, 5]
		.map(
			(q) => `## Question ${q} de la séquence ${s} {#question-${q}}

- [x] La bonne réponse ${q}
  > Oui.
- [ ] Une mauvaise réponse ${q}
  > Non, relisez la leçon ${q}.
- [ ] Une autre mauvaise réponse ${q}
  > Non plus.

> Explication de la question ${q}.
`
		)
		.join('\n');
	return `---
title: Auto-évaluation de la séquence ${s}
passingScore: 60
---

${questions}`;
}

/** Writes the course into `coursesDir`; returns the number of lessons. */
export function writeSyntheticCourse(coursesDir: string, sequences = 50, lessons = 10) {
	const root = path.join(coursesDir, SYNTHETIC_SLUG);
	const write = (file: string, text: string) => {
		mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		writeFileSync(path.join(root, file), text);
	};
	write(
		'course.md',
		`---
title: Un très grand cours
description: ${sequences} séquences de ${lessons} leçons, générées pour mesurer comment le coût grandit avec le contenu.
language: fr
authors:
  - Le banc d'essai de Parcours
---

Ce cours n'existe que le temps d'une mesure.
`
	);
	for (let s = 1; s <= sequences; s++) {
		const folder = `${pad(s)}-sequence-${s}`;
		write(
			`${folder}/sequence.md`,
			`---
title: Séquence ${s}
summary: La séquence ${s} du grand cours généré.
---

Introduction de la séquence ${s}.
`
		);
		for (let l = 1; l <= lessons; l++) {
			write(`${folder}/${pad(l)}-lecon-${l}.md`, lesson(s, l, lessons));
		}
		write(`${folder}/quiz.md`, quiz(s));
	}
	return sequences * lessons;
}
