import type { Language } from './schema.ts';

const KNOWN: Record<string, { name: string; url: string }> = {
	'CC-BY-SA-4.0': { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
	'CC-BY-4.0': { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
	'CC0-1.0': { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' }
};

/** A license's display name and, for the known ones, the deed in the reader's language. */
export function describeLicense(spdx: string, language: Language) {
	const known = KNOWN[spdx];
	if (!known) return { name: spdx, url: null };
	return { name: known.name, url: `${known.url}deed.${language}` };
}
