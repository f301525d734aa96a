// The words of the link beside each passage of a lesson, in the course's language. Plain
// JavaScript: the build (svelte.config.js, plain Node) writes them into the lesson's HTML.
export const EDIT_LINK_LABEL = {
	fr: 'Proposer une modification',
	en: 'Suggest an edit'
};
