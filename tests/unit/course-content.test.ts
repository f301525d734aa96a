// The course Parcours ships is held to its editorial rules, so an edit that breaks them is caught.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblems, loadContent } from '../../src/lib/content/load.ts';
import { readFrontmatter } from '../../src/lib/content/frontmatter.ts';

const { index, problems, warnings } = loadContent(path.resolve('courses'));
const course = index.courses.find((candidate) => candidate.slug === 'emanciper-son-association')!;
const body = (file: string) => readFrontmatter(readFileSync(file, 'utf8')).body;
const wordCount = (text: string) =>
	text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

describe('the shipped course', () => {
	test('has no content problem and eight sequences in French under CC BY-SA 4.0', () => {
		expect(problems).toEqual([]);
		expect(course).toMatchObject({
			language: 'fr',
			license: 'CC-BY-SA-4.0',
			authors: ['Contributeur·ices de Parcours']
		});
		expect(course.sequences).toHaveLength(8);
	});

	test.each(course.sequences.map((sequence) => [sequence.slug, sequence] as const))(
		'sequence %s has 3 to 5 lessons, objectives, an activity and a quiz of 6 to 10 questions',
		(_, sequence) => {
			expect(sequence.lessons.length).toBeGreaterThanOrEqual(3);
			expect(sequence.lessons.length).toBeLessThanOrEqual(5);
			expect(sequence.objectives.length).toBeGreaterThan(0);
			const activities = sequence.lessons.flatMap((lesson) =>
				lesson.toc.filter((h) => /^Activité/.test(h.text))
			);
			expect(activities.length).toBeGreaterThan(0);
			const quiz = sequence.quiz!;
			expect(quiz.questions.length).toBeGreaterThanOrEqual(Math.max(6, sequence.lessons.length));
			expect(quiz.questions.length).toBeLessThanOrEqual(10);
			expect(quiz.questions.filter((question) => question.multiple).length).toBeGreaterThan(0);
			for (const question of quiz.questions) {
				expect(
					question.options.every((option) => option.feedbackHtml.length > 0),
					question.id
				).toBe(true);
			}
		}
	);

	test.each(
		course.sequences.flatMap((sequence) =>
			sequence.lessons.map((lesson) => [lesson.key, lesson] as const)
		)
	)('lesson %s has 500 to 1,200 words and at least two further readings', (_, lesson) => {
		const text = body(lesson.file);
		// A figure's alt text and a download's attributes are not read as part of the lesson.
		const words = wordCount(text.replace(/<(?:Figure|Download|Video)\b[^>]*\/>/g, ''));
		expect(words).toBeGreaterThanOrEqual(500);
		expect(words).toBeLessThanOrEqual(1200);
		const further = text.slice(text.lastIndexOf('## Pour aller plus loin'));
		expect(further.match(/^- /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
		expect(lesson.objectives.length).toBeGreaterThan(0);
	});

	test('every quiz explanation sends the learner to the lesson section that teaches it', () => {
		const lessonUrls = new Set(
			course.sequences.flatMap((sequence) => sequence.lessons.map((lesson) => lesson.url))
		);
		for (const sequence of course.sequences) {
			for (const question of sequence.quiz!.questions) {
				const targets = [...question.explanationHtml.matchAll(/href="([^"#]+)#[^"]+"/g)].map(
					(match) => match[1]
				);
				expect(targets.length, `${sequence.slug}#${question.id}`).toBeGreaterThan(0);
				for (const target of targets) expect(lessonUrls, target).toContain(target);
			}
		}
	});

	test('quizzes vary the place of the right answer and rarely make every option but one right', () => {
		expect(formatProblems(warnings)).toBe('');
		const multiple = course.sequences.flatMap((sequence) =>
			sequence.quiz!.questions.filter((question) => question.multiple)
		);
		const allButOne = multiple.filter(
			(question) =>
				question.options.filter((option) => option.correct).length === question.options.length - 1
		);
		expect(allButOne.length).toBeLessThanOrEqual(multiple.length / 4);
	});

	test('no question is asked twice across the quizzes', () => {
		const prompts = course.sequences.flatMap((sequence) =>
			sequence.quiz!.questions.map((question) => question.promptHtml)
		);
		expect(prompts.filter((prompt, i) => prompts.indexOf(prompt) !== i)).toEqual([]);
	});

	test('at least three illustrations made for the course are used, each with alt text', () => {
		const svgs = course.sequences.flatMap((sequence) => {
			const dir = path.join(
				'courses',
				course.slug,
				`${String(sequence.number).padStart(2, '0')}-${sequence.slug}`,
				'assets'
			);
			try {
				return readdirSync(dir).filter((name) => name.endsWith('.svg'));
			} catch {
				return [];
			}
		});
		expect(svgs.length).toBeGreaterThanOrEqual(3);
		const lessonsText = course.sequences
			.flatMap((s) => s.lessons.map((l) => body(l.file)))
			.join('\n');
		for (const svg of svgs)
			expect(lessonsText).toMatch(
				new RegExp(
					`!\\[[^\\]]{10,}\\]\\(assets/${svg}\\)|<Figure src="assets/${svg}" alt="[^"]{10,}" caption="[^"]+"`
				)
			);
	});
});
