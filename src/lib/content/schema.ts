import { z } from 'zod';
import { SLUG } from './paths.js';

/** Course slugs share the first URL segment with these routes. */
export const RESERVED_COURSE_SLUGS = new Set([
	'login',
	'register',
	'logout',
	'account',
	'dashboard',
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
			.default([])
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
		passingScore: z
			.number({ error: 'passingScore must be a number from 0 to 100' })
			.int('passingScore must be a whole number')
			.min(0, 'passingScore must be between 0 and 100')
			.max(100, 'passingScore must be between 0 and 100')
			.default(70)
	},
	unknownFields
);

export type CourseMeta = z.infer<typeof courseSchema>;
export type SequenceMeta = z.infer<typeof sequenceSchema>;
export type LessonMeta = z.infer<typeof lessonSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
