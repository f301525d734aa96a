import { test } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';
import { createAccount, signIn } from '../helpers/people.ts';
const { newContext, visit } = useBrowser();
test('shots', { timeout: 120_000 }, async () => {
	const url = '/emanciper-son-association/sensibiliser-et-engager';
	for (const [name, js, width] of [['nojs', false, 1280], ['js', true, 1280], ['phone', false, 360]] as const) {
		const context = await newContext({ javaScript: js, viewport: { width, height: 900 } });
		const page = await signIn(context, createAccount('author'));
		await visit(page, url);
		const lesson = await page.locator('main a[href*="/sensibiliser-et-engager/"]').first().getAttribute('href');
		await visit(page, lesson!);
		await page.locator('.prose h2').first().scrollIntoViewIfNeeded();
		if (js) await page.locator('.prose p').nth(1).hover();
		await page.screenshot({ path: `/tmp/edits-scratch/lesson-${name}.png` });
		const href = await page.locator('.prose a.edit-passage').nth(1).getAttribute('href');
		await visit(page, href!);
		await page.getByLabel('Votre version (Markdown)').fill('Un texte **nouveau** et corrigé.');
		await page.getByLabel('Pourquoi ce changement ?').fill('Essai');
		await page.getByRole('button', { name: 'Aperçu' }).click();
		await page.getByRole('region', { name: 'Aperçu de votre version' }).waitFor();
		await page.screenshot({ path: `/tmp/edits-scratch/form-${name}.png`, fullPage: true });
		await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
		await page.waitForURL(/discussions\/\d+/);
		await page.screenshot({ path: `/tmp/edits-scratch/thread-${name}.png`, fullPage: true });
	}
});
