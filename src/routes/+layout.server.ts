import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	user: locals.user && {
		username: locals.user.username,
		role: locals.user.role,
		emailVerified: locals.user.emailVerified
	}
});
