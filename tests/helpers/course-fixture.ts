import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LESSON = (title: string, body: string) => `---
title: ${title}
description: Une leçon de démonstration.
duration: 5
objectives:
  - Lire une leçon
---

${body}

## Pour aller plus loin

- [« Une référence »](https://example.org), Équipe de test, 2024 — un exemple de source.
`;

/** A small, valid course; each test overrides or removes files to break it one way. */
export const VALID_COURSE: Record<string, string | null> = {
	'demo/course.md': `---
title: Cours de démonstration
description: Un petit cours pour les tests.
language: fr
authors:
  - Équipe de test
editUrl: https://forge.example.org/parcours/edit/main/{path}
---

Bienvenue dans [la première séquence](01-premiers-pas/sequence.md).
`,
	'demo/01-premiers-pas/sequence.md': `---
title: Premiers pas
summary: On commence.
objectives:
  - Démarrer
---

Introduction de la séquence.
`,
	'demo/01-premiers-pas/01-bienvenue.md': LESSON(
		'Bienvenue',
		`Un paragraphe avec {accolades}.

## Un schéma

![Un schéma à trois cases](assets/schema.svg)

### Détail

Lisez ensuite [la suite](./02-suite.md#la-suite).

\`\`\`bash
echo "bonjour"
\`\`\``
	),
	'demo/01-premiers-pas/02-suite.md': LESSON(
		'La suite',
		'## La suite\n\nRetour au [début](./01-bienvenue.md).'
	),
	'demo/01-premiers-pas/quiz.md': `---
title: Auto-évaluation
passingScore: 50
---

## Une seule bonne réponse {#unique}

- [ ] Faux
  > Non.
- [x] Vrai
  > Oui.

> Explication.

## Plusieurs bonnes réponses

- [x] A
  > Oui, A.
- [x] B
  > Oui, B.
- [ ] C
  > Non, pas C.
`,
	'demo/01-premiers-pas/assets/schema.svg':
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>x</title></svg>',
	'demo/02-suite/sequence.md': `---
title: Deuxième séquence
summary: On continue.
---

Suite.
`,
	'demo/02-suite/01-fin.md': LESSON('Fin', '## Dernière leçon\n\nFin du cours.')
};

/** Writes a course tree into a fresh temporary folder; returns its `courses` folder. */
export function writeCourses(overrides: Record<string, string | null> = {}) {
	const root = mkdtempSync(path.join(tmpdir(), 'parcours-content-'));
	const coursesDir = path.join(root, 'courses');
	for (const [file, source] of Object.entries({ ...VALID_COURSE, ...overrides })) {
		if (source === null) continue;
		const target = path.join(coursesDir, file);
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, source);
	}
	return { coursesDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
