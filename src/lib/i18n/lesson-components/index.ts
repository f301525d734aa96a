import type { Language } from '$lib/content/schema';
import { componentLabelsEn } from './en';
import { componentLabelsFr } from './fr';

/** The labels of lesson components, which only the server's rendering of lesson texts imports. */
export function componentLabels(language: Language) {
	return language === 'en' ? componentLabelsEn : componentLabelsFr;
}
