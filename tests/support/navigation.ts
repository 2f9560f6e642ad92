import type { Page } from 'playwright-core'

/**
 * Opens an administration task as a person would (issue 19, item 4): "Beheer" in the main
 * navigation, then the task's link on the administration page.
 */
export async function openAdministrationTask(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Beheer' }).click()
	await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor()
	await page.getByRole('main').getByRole('link', { name, exact: true }).click()
}
