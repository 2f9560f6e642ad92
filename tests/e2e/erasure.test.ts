import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { describe, expect, test } from 'vitest'
import { accessibleAt320, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Erasure on request (issue 22, item 1; ADR 054): NVWA's employee asks from her account page; the
// privacy officer sees the preview per register line, approves after a confirmation, and afterwards
// no text or JSON column of any table names her while the counts behind the reports are the same.
// A request the officer made herself waits for another officer (four eyes). The portal is the
// file's own: a demo persona is erased for good. PostgreSQL, where the owner reads every table.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const LOTTE = DEMO_PERSONAS.find((persona) => persona.key === 'nvwa-employee')!
const SANNE = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!
const NOOR = 'Noor Hendriks'

describe.each(drivers)('erasure on request, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, own: true })
	const owner = <T>(query: ReturnType<typeof sql>) => selectRows<T>(e2e.owner.db, query)
	/** What the unit's reports count: enrolments per status and the budget booked, per unit. */
	const aggregates = () =>
		owner<{ tenant: string; status: string; n: number; cents: number }>(
			sql`select e.tenant_id::text as tenant, e.status::text as status, count(*)::int as n, coalesce(sum(b.amount_cents), 0)::int as cents
				from enrolments e left join budget_ledger b on b.enrolment_id = e.id group by 1, 2 order by 1, 2`,
		)
	/** Every text and JSON column of every table that holds the name, the address or the employee number. */
	const whereNamed = async () => {
		const columns = await owner<{ table: string; column: string }>(
			sql`select c.table_name as "table", c.column_name as "column" from information_schema.columns c
				join pg_class k on k.relname = c.table_name and k.relnamespace = 'public'::regnamespace and k.relkind in ('r', 'p')
				where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
		)
		const found: string[] = []
		// One query per table, over all its text and JSON columns.
		for (const table of new Set(columns.map((column) => column.table))) {
			const named = columns
				.filter((column) => column.table === table)
				.map(({ column }) => sql`(t.${sql.identifier(column)}::text ilike ${`%${LOTTE.name}%`} or t.${sql.identifier(column)}::text ilike ${`%${LOTTE.email}%`} or t.${sql.identifier(column)}::text like ${`%${LOTTE.employeeNumber}%`})`)
			const [hit] = await owner<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} t where ${sql.join(named, sql` or `)}`)
			if (hit!.n > 0) found.push(table)
		}
		return found
	}

	test('the employee asks, the privacy officer approves after the preview and a confirmation, and nothing names her any more', async () => {
		const lotte = await e2e.signIn(LOTTE.name, { returnTo: '/account' })
		await lotte.getByRole('link', { name: 'Vraag verwijdering van uw gegevens aan' }).click()
		await lotte.getByRole('heading', { level: 1, name: 'Verwijdering van uw gegevens aanvragen' }).waitFor()
		await accessibleAt320(lotte)
		await lotte.getByRole('button', { name: 'Ja, vraag verwijdering aan' }).click()
		await lotte.getByRole('status').filter({ hasText: 'Uw verzoek is op' }).waitFor()

		const before = await aggregates()
		expect((await whereNamed()).length).toBeGreaterThan(0)

		const noor = await e2e.signIn(NOOR)
		await openAdministrationTask(noor, 'Verzoeken om verwijdering')
		await noor.getByRole('heading', { level: 1, name: 'Verzoeken om verwijdering' }).waitFor()
		await accessibleAt320(noor)
		await noor.getByRole('link', { name: `Bekijken: ${LOTTE.name}` }).click()
		await noor.getByRole('heading', { level: 1, name: new RegExp(`Verzoek om verwijdering van ${LOTTE.name}`) }).waitFor()
		const preview = noor.getByRole('region', { name: 'Wat er gebeurt bij goedkeuring' })
		expect(await preview.getByRole('row').filter({ hasText: 'users.id' }).getByRole('cell').first().textContent()).toBe('Geanonimiseerd')
		expect(await preview.getByRole('row').filter({ hasText: 'enrolments.user_id' }).textContent()).toContain('7 years')
		await accessibleAt320(noor)

		await noor.getByRole('link', { name: 'Goedkeuren en verwijderen' }).click()
		const confirm = noor.getByRole('region', { name: `Gegevens van ${LOTTE.name} definitief verwijderen?` })
		await accessibleAt320(noor)
		await confirm.getByRole('button', { name: 'Ja, definitief verwijderen' }).click()
		await noor.getByRole('heading', { level: 1, name: /Verzoek om verwijdering van Verwijderde persoon/ }).waitFor()
		await noor.getByText(new RegExp(`Verwijderd op .* door ${NOOR}`)).waitFor()
		await noor.getByRole('heading', { level: 2, name: 'Wat er is gebeurd' }).waitFor()

		expect(await whereNamed()).toEqual([])
		expect(await aggregates()).toEqual(before)
		// The trail says who asked, who approved and how many rows, without her name.
		const [entry] = await owner<{ actor: string; after: { counts: Record<string, { rows: number }> } }>(
			sql`select u.name as actor, a.after from audit_log a join users u on u.id = a.actor_user_id where a.action = 'privacy.erasure_approved'`,
		)
		expect(entry).toMatchObject({ actor: NOOR, after: { counts: { 'users.id': { erasure: 'anonymise', rows: 1 } } } })
	})

	test('a request the officer makes on someone’s behalf waits for another officer: four eyes', async () => {
		const noor = await e2e.signIn(NOOR, { returnTo: '/beheer/privacy' })
		await noor.getByRole('combobox', { name: 'Organisatieonderdeel' }).selectOption({ label: 'Rijksdienst voor Ondernemend Nederland' })
		await noor.getByRole('textbox', { name: 'Personeelsnummer' }).fill('0000000')
		await noor.getByRole('button', { name: 'Verzoek indienen' }).click()
		await noor.getByText('In dit organisatieonderdeel werkt niemand met dit personeelsnummer.').first().waitFor()
		await noor.getByRole('textbox', { name: 'Personeelsnummer' }).fill(SANNE.employeeNumber)
		await noor.getByRole('button', { name: 'Verzoek indienen' }).click()
		await noor.getByRole('heading', { level: 1, name: new RegExp(`Verzoek om verwijdering van ${SANNE.name}`) }).waitFor()
		await noor.getByRole('status').filter({ hasText: 'U diende dit verzoek zelf in. Een andere privacyfunctionaris moet het beoordelen' }).waitFor()
		expect(await noor.getByRole('link', { name: 'Goedkeuren en verwijderen' }).count()).toBe(0)
		await accessibleAt320(noor)
	})
})
