// The files search engines ask every site for: the sitemap of its public pages, and robots.txt.
// Accounts, sign-in and quiz results stay out of both: they are nobody's to find.
import { listCourses, loadCourse } from './content.ts';

/**
 * Every page an anonymous reader can read: catalog, courses, their glossaries, sequences, lessons,
 * quizzes.
 */
export function publicPaths(): string[] {
	const paths = ['/'];
	for (const { slug } of listCourses()) {
		const course = loadCourse(slug);
		paths.push(course.url, `${course.url}/discussions`);
		if (course.glossaryUrl) paths.push(course.glossaryUrl);
		for (const sequence of course.sequences) {
			paths.push(sequence.url, ...sequence.lessons.map((lesson) => lesson.url));
			if (sequence.quiz) paths.push(sequence.quiz.url);
		}
	}
	return paths;
}

const escapeXml = (text: string) =>
	text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);

export function sitemap(origin: string): string {
	const urls = publicPaths().map((path) => `<url><loc>${escapeXml(origin + path)}</loc></url>`);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		...urls,
		'</urlset>',
		''
	].join('\n');
}

export function robots(origin: string): string {
	return [
		'User-agent: *',
		'Allow: /',
		'Disallow: /account',
		'Disallow: /dashboard',
		'Disallow: /login',
		'Disallow: /register',
		'Disallow: /forgot-password',
		'Disallow: /reset-password',
		'Disallow: /verify-email',
		'Disallow: /moderation',
		`Sitemap: ${origin}/sitemap.xml`,
		''
	].join('\n');
}
