import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` as usual, but a form whose action succeeded and redirected (back to the same page,
 * with a notice) is emptied: without it, the text just posted, or the passwords just changed,
 * would stay in their boxes.
 */
export const clearOnRedirect: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		if (result.type === 'redirect') HTMLFormElement.prototype.reset.call(formElement);
		await update();
	};
