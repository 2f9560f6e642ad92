import type { Page } from 'playwright-core'

/** Signs in through the demo sign-in page, as a person would. */
export async function signInAs(page: Page, personaName: string, { returnTo }: { returnTo?: string } = {}) {
	await page.goto(returnTo ? `/inloggen?terug=${encodeURIComponent(returnTo)}` : '/inloggen')
	await page.getByRole('button', { name: `Inloggen als ${personaName}` }).click()
	await page.getByRole('link', { name: `Ingelogd als ${personaName}` }).waitFor()
}

export const SANNE = 'Sanne de Vries' // employee, RVO
export const FATIMA = 'Fatima el Amrani' // coordinator, RVO
export const PETER = 'Peter Bakker' // coordinator, NVWA
export const ELS = 'Els Visser' // concern administrator
