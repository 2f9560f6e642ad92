import { eq } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// The concern sets the P&O defaults; a unit inherits each rule unless it overrides it. PostgreSQL,
// so the test can read the stored defaults, the unit's overrides and the audit trail as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('the concern administrator sets the P&O defaults that units inherit, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { portal, owner } = e2e

	const storedDefaults = async () => (await owner.db.select().from(schema.concernSettings))[0]!.poDefaults
	const rvoOverrides = async () => (await owner.db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo')))[0]!.poOverrides
	const newPage = () => e2e.newPage()
	/** The rule's row in the unit's rules table, as one line of text: rule, value, source. */
	const ruleRow = (page: Page, rule: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rule, exact: true }) })

	test('errors sit next to their field in Dutch; a saved default reaches every unit that inherits it, and is audited', async () => {
		const els = await newPage()
		await signInAs(els, ELS)
		await openAdministrationTask(els, 'Concernregels')
		await els.getByRole('heading', { level: 1, name: 'P&O-regels van het concern' }).waitFor()

		const days = els.getByRole('group', { name: 'Kosteloos annuleren tot' })
		const budget = els.getByRole('group', { name: 'Leerbudget per medewerker per jaar' })
		await days.getByRole('spinbutton').fill('')
		await budget.getByRole('textbox').fill('veel')
		await els.getByRole('button', { name: 'Concernregels opslaan' }).click()
		await days.getByText('Vul een heel aantal dagen in, van 0 tot en met 90.').waitFor()
		await budget.getByText('Vul een bedrag in euro in, bijvoorbeeld 500 of 499,95.').waitFor()
		await els.getByRole('alert').filter({ hasText: 'er is nog niets opgeslagen' }).waitFor()
		// What was typed stays, the fields say they are invalid, and nothing was stored.
		expect(await budget.getByRole('textbox').inputValue()).toBe('veel')
		expect(await days.getByRole('spinbutton').getAttribute('aria-invalid')).toBe('true')
		expect((await storedDefaults()).freeCancellationDays).toBe(14)
		expect(await accessibilityViolations(els)).toEqual([])

		await days.getByRole('spinbutton').fill('12')
		await budget.getByRole('textbox').fill('1500,00')
		await els.getByRole('group', { name: 'Bij niet verschijnen' }).getByRole('combobox').selectOption({ label: 'Kosten in rekening gebracht' })
		await els.getByRole('button', { name: 'Concernregels opslaan' }).click()
		await els.getByRole('status').filter({ hasText: 'De concernregels zijn opgeslagen.' }).waitFor()
		await els.getByRole('group', { name: 'Bij niet verschijnen' }).getByText('Nu: Kosten in rekening gebracht').waitFor()
		expect(await accessibilityViolations(els)).toEqual([])
		const stored = await storedDefaults()
		expect(stored).toMatchObject({ freeCancellationDays: 12, noShowPolicy: 'charge', yearlyBudgetCents: 150_000 })
		const [audit] = await owner.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'concern.rules.update'))
		expect(audit).toMatchObject({ result: 'success', tenantId: null, before: { freeCancellationDays: 14, noShowPolicy: 'warn' }, after: stored })

		// RVO never set a no-show policy of its own: it follows the concern at once. Its own
		// free-cancellation period stays, and the page says what the concern's would be.
		const fatima = await newPage()
		await signInAs(fatima, FATIMA, { returnTo: '/onderdelen/rvo/regels' })
		expect(await ruleRow(fatima, 'Bij niet verschijnen').textContent()).toBe('Bij niet verschijnenKosten in rekening gebrachtStandaard concern')
		expect(await ruleRow(fatima, 'Kosteloos annuleren tot').textContent()).toBe('Kosteloos annuleren tot7 dagen voor de startEigen regel (concern: 12 dagen voor de start)')
		expect(await accessibilityViolations(fatima)).toEqual([])

		// Back to the inherited value: the override disappears, the concern's value applies.
		const group = fatima.getByRole('group', { name: 'Kosteloos annuleren tot' })
		await group.getByRole('radio', { name: /^Concernregel volgen/ }).check()
		await fatima.getByRole('button', { name: 'Regels opslaan' }).click()
		await fatima.getByRole('status').filter({ hasText: 'De regels zijn opgeslagen.' }).waitFor()
		expect(await ruleRow(fatima, 'Kosteloos annuleren tot').textContent()).toBe('Kosteloos annuleren tot12 dagen voor de startStandaard concern')
		expect(await rvoOverrides()).not.toHaveProperty('freeCancellationDays')
	})

	test('a coordinator may neither open nor post the concern defaults, and sees no link to them', async () => {
		const fatima = await newPage()
		await signInAs(fatima, FATIMA)
		expect(await fatima.getByRole('link', { name: 'Concernregels' }).count()).toBe(0)
		const response = await fatima.goto('/beheer/regels')
		expect(response?.status()).toBe(403)
		const before = await storedDefaults()
		const cookies = await fatima.context().cookies()
		const posted = await fetch(`${portal.url}/beheer/regels`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Origin: portal.url, Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
			body: new URLSearchParams({ intent: 'save', 'freeCancellationDays.value': '0', 'approval.value': 'never', 'approvers.value': 'manager', 'yearlyBudgetCents.value': '99999', 'budgetExceeded.value': 'allow', 'costCentreRequired.value': 'false', 'noShowPolicy.value': 'none', 'acceptsOtherUnits.value': 'true' }),
		})
		expect(posted.status).toBe(403)
		expect(await storedDefaults()).toEqual(before)
	})
})
