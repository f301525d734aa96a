import type { Language } from '$lib/content/schema';
import type { Session, SessionUser } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			lang: Language;
			user: SessionUser | null;
			session: Session | null;
		}
		interface PageData {
			lang: Language;
		}
		interface Error {
			message: string;
			/** The request id from the logs, so a report of an error can be matched to its log line. */
			id?: string;
			/**
			 * The message is SvelteKit's own, in English (a malformed address, a method a page does
			 * not take): the error page words the status in the visitor's language instead.
			 */
			untranslated?: true;
			/**
			 * A refused search (`/search`): the courses to choose from and the one chosen, for the
			 * form shown with the refusal to keep its filter.
			 */
			search?: { courses: { slug: string; title: string }[]; course: string };
		}
	}
}

export {};
