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
}

export type Parts<Data> = Record<string, (data: Data) => Part>;

export const part = <Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props
): Part => ({ component, props });

interface LayoutData {
	user: { username: string; role: Role; unreadNotifications: number } | null;
}

export const layoutParts = {
	links: (data) => part(SiteLinks, { user: data.user }),
	language: (data) => part(LanguageForm, { signedIn: data.user !== null })
} satisfies Parts<LayoutData>;
