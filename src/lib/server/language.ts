import type { Language } from '../content/schema.ts';
import { chosenLanguage, pageLanguage } from '../i18n/index.ts';
import { findCourse } from './content.ts';

/** The reader's choice (`?lang=`), else a course's language on its pages, else the browser's. */
export function requestLanguage(url: URL, acceptLanguage: string | null): Language {
	const courseSlug = url.pathname.split('/')[1];
	return pageLanguage(
		findCourse(courseSlug)?.language,
		acceptLanguage,
		chosenLanguage(url.searchParams.get('lang'))
	);
}
