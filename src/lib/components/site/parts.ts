// The parts of a page that show who reads it, each made from the page's data by one function: the
// page renders them (LearnerPart.svelte), and so does learner-pages.ts for a signed-in learner's page
// made from the anonymous one. Every page has the layout's two; a route may add its own.
import type { Component } from 'svelte';
import type { Role } from '$lib/roles';
import LanguageForm from './LanguageForm.svelte';
import SiteLinks from './SiteLinks.svelte';

export interface Part {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	component: Component<any>;
	props: Record<string, unknown>;
	/**
	 * The part shows nothing of one learner: what it renders follows from its props, the page's
	 * address and its language alone (it reads nothing else of `page`), the same for every learner
	 * in the same state. learner-pages.ts then keeps it rendered, by those.
	 */
	shared?: boolean;
}

export type Parts<Data> = Record<string, (data: Data) => Part>;

export const part = <Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props,
	options: { shared?: boolean } = {}
): Part => ({ component, props, ...options });

interface LayoutData {
	user: { username: string; role: Role; unreadNotifications: number } | null;
}

export const layoutParts = {
	links: (data) => part(SiteLinks, { user: data.user }),
	language: (data) => part(LanguageForm, { signedIn: data.user !== null }, { shared: true })
} satisfies Parts<LayoutData>;
