import type { Language } from '$lib/content/schema';

declare global {
	namespace App {
		interface Locals {
			lang: Language;
		}
		interface PageData {
			lang: Language;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
