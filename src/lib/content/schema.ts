import { z } from 'zod';
import { SLUG } from './paths.js';

/** Course slugs share the first URL segment with these routes. */
export const RESERVED_COURSE_SLUGS = new Set([
	'login',
	'register',
	'logout',
	'account',
	'dashboard',
	'certificates',
	'verify-email',
	'reset-password',
	'forgot-password',
	'moderation',
	'search',
	'admin',
	'api',
	'healthz',
	'assets',
	'static',
	'_app',
	'favicon.ico',
	'robots.txt',
	'en',
	'fr'
]);

/** Sequence and lesson slugs share URL segments with these routes. */
export const RESERVED_PAGE_SLUGS = new Set([
	'quiz',
	'discussions',
	'moderation',
	'feed',
	'new',
	'glossary'
]);

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const text = (what: string) =>
	z
		.string({ error: `${what} is required and must be text` })
		.trim()
		.min(1, `${what} is empty`);

const list = (what: string) =>
	z.array(text(`each item of ${what}`), { error: `${what} must be a list` });

const unknownFields = {
	error: (issue: z.core.$ZodRawIssue) =>
		issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : undefined
};

export const slugSchema = z
	.string()
	.regex(SLUG, 'a slug is lowercase letters, digits and single hyphens (no accents)');

const score = (what: string) =>
	z
		.number({ error: `${what} must be a number from 0 to 100` })
		.int(`${what} must be a whole number`)
		.min(0, `${what} must be between 0 and 100`)
		.max(100, `${what} must be between 0 and 100`);

/**
 * What a learner must do for a sequence, then the course, to count as complete. A sequence
 * without a quiz always asks for its lessons: something must be left to do in each.
 */
export const completionSchema = z
	.strictObject(
		{
			lessons: z.boolean({ error: 'completion.lessons must be true or false' }).default(true),
			quizzes: z.boolean({ error: 'completion.quizzes must be true or false' }).default(true),
			passingScore: score('completion.passingScore').optional()
		},
		{
			// Unknown fields are reported one by one at their line, by the frontmatter reader.
			error: (issue) =>
				issue.code === 'invalid_type'
					? 'completion must be a list of fields, e.g. lessons: true'
					: undefined
		}
	)
	.refine((rules) => rules.lessons || rules.quizzes, {
		error:
			'completion: lessons and quizzes cannot both be false, or a sequence with a quiz would need nothing'
	})
	.refine((rules) => rules.passingScore === undefined || rules.quizzes, {
		error: 'completion.passingScore is the score a quiz needs: remove it, or set quizzes: true',
		path: ['passingScore']
	});

export type CompletionRules = z.infer<typeof completionSchema>;

export const courseSchema = z.strictObject(
	{
		title: text('title'),
		description: text('description'),
		language: z.enum(LANGUAGES, { error: `language must be one of: ${LANGUAGES.join(', ')}` }),
		license: z.string().default('CC-BY-SA-4.0'),
		authors: list('authors').min(1, 'authors needs at least one name'),
		editUrl: z
			.string()
			.regex(/^https:\/\/.+\{path\}/, 'editUrl must be an https address containing {path}')
			.optional(),
		videoHosts: z
			.array(
				z
					.string()
					.regex(
						/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/,
						'each item of videoHosts is a host name, e.g. framatube.org'
					),
				{ error: 'videoHosts must be a list' }
			)
			.default([]),
		completion: completionSchema.prefault({})
	},
	unknownFields
);

export const glossarySchema = z.strictObject({ title: text('title') }, unknownFields);

export const sequenceSchema = z.strictObject(
	{
		title: text('title'),
		summary: text('summary'),
		objectives: list('objectives').default([])
	},
	unknownFields
);

export const attributionSchema = z.strictObject({
	what: text('attributions: what'),
	author: text('attributions: author'),
	license: text('attributions: license'),
	source: z.url({ error: 'attributions: source must be an address' }).optional()
});

export const lessonSchema = z.strictObject(
	{
		title: text('title'),
		description: text('description'),
		duration: z
			.number({ error: 'duration is required: a whole number of minutes' })
			.int('duration must be a whole number of minutes')
			.min(1, 'duration must be at least 1 minute')
			.max(600, 'duration is in minutes and cannot exceed 600'),
		objectives: list('objectives').min(1, 'objectives needs at least one item'),
		license: z.string().optional(),
		attributions: z.array(attributionSchema).default([])
	},
	unknownFields
);

export const quizFrontmatterSchema = z.strictObject(
	{
		title: text('title'),
		passingScore: score('passingScore').default(70),
		draw: z
			.number({ error: 'draw must be a whole number of questions' })
			.int('draw must be a whole number of questions')
			.min(1, 'draw must be at least 1 question')
			.optional()
	},
	unknownFields
);

export type CourseMeta = z.infer<typeof courseSchema>;
export type SequenceMeta = z.infer<typeof sequenceSchema>;
export type LessonMeta = z.infer<typeof lessonSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
