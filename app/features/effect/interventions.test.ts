import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { differenceInDifferences, type Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { interventionSchema } from './intervention-schema.ts'
import { countMeasure, importMeasure } from './measure-intervention.server.ts'
import { recordIntervention, showInterventionForm } from './record-intervention.server.ts'
import { exportInterventionValues, showIntervention } from './show-intervention.server.ts'
import { showInterventions } from './show-interventions.server.ts'

// Interventions (issue 18, item 3; ADR 044): recorded by the unit's coordinator with its trained
// teams, a measure imported whole or not at all, the figures those of the domain's calculation on
// the same values, and none of it reachable from another unit.

const NOW = new Date('2026-12-01T09:00:00Z')

const INPUT = {
	name: 'Training zaakcontrole',
	firstMonth: '2026-03',
	lastMonth: '2026-03',
	monthsBefore: '2',
	monthsAfter: '2',
	measureName: 'Gevonden fouten',
	better: 'higher',
}

/** Team → month → value: trained A, B find more errors after March; comparison X, Y stay level. */
const MEASURE: Record<string, Record<string, number>> = {
	MA: { '2026-01': 4, '2026-02': 6, '2026-04': 9, '2026-05': 9 },
	MB: { '2026-01': 5, '2026-02': 5, '2026-04': 8, '2026-05': 10 },
	MX: { '2026-01': 5, '2026-02': 6, '2026-04': 6, '2026-05': 6 },
	MY: { '2026-01': 3, '2026-02': 3, '2026-04': 3, '2026-05': 3 },
}
const CSV = ['team,maand,waarde', ...Object.entries(MEASURE).flatMap(([team, months]) => Object.entries(months).map(([month, value]) => `${team},${month},${value}`))].join('\n')


describe.each(await testDrivers())('interventions, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: { rvo: string; nvwa: string; coordinator: string; nvwaCoordinator: string; managers: Record<string, string>; employee: string }
	const ctx = () => testContext(app.db, NOW)
	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
	const other = (): Actor => ({ userId: f.nvwaCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const input = (fields: Record<string, string | string[]> = {}) => {
		const parsed = interventionSchema.safeParse(Object.fromEntries(Object.entries({ ...INPUT, teams: [f.managers.MA!, f.managers.MB!], ...fields }).map(([k, v]) => [k, k.startsWith('months') ? Number(v) : v])))
		if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
		return parsed.data
	}

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await database.asOwner(async (db) => {
			const { rvo, nvwa } = await insertNvwaAndRvo(db)
			const [coordinator, MA, MB, MX, MY, employee] = await insertPeople(db, rvo, ['coord', 'MA', 'MB', 'MX', 'MY', 'E0'])
			const [nvwaCoordinator] = await insertPeople(db, nvwa, ['ncoord'])
			const managers = { MA: MA!, MB: MB!, MX: MX!, MY: MY! }
			await db.insert(schema.users).values(Object.entries(managers).map(([name, managerId]) => ({ tenantId: rvo, employeeNumber: `${name}-1`, name: `${name}-1`, email: `${name}-1@test.nl`, managerId })))
			await db.insert(schema.roleAssignments).values([
				{ userId: coordinator!, role: 'coordinator', tenantId: rvo },
				{ userId: nvwaCoordinator!, role: 'coordinator', tenantId: nvwa },
			])
			return { rvo, nvwa, coordinator: coordinator!, nvwaCoordinator: nvwaCoordinator!, managers, employee: employee! }
		})
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the form refuses a period backwards and no team, beside the field', () => {
		const refused = interventionSchema.safeParse({ ...INPUT, monthsBefore: 2, monthsAfter: 0, lastMonth: '2026-02', teams: [] })
		expect(refused.success).toBe(false)
		const byField = Object.fromEntries((refused.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))
		expect(byField).toMatchObject({ monthsAfter: 'INTERVENTION_WINDOW_INVALID', teams: 'INTERVENTION_TEAMS_REQUIRED' })
		const backwards = interventionSchema.safeParse({ ...INPUT, monthsBefore: 2, monthsAfter: 2, lastMonth: '2026-02', teams: [crypto.randomUUID()] })
		expect(backwards.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['lastMonth', 'INTERVENTION_PERIOD_INVALID']])
	})

	test('recorded, imported and shown: the figures are the domain’s calculation on the same values; audited', async () => {
		expect(await showInterventions(ctx(), { actor: coordinator() })).toEqual({ ok: true, value: { rows: [] } })
		const offered = await showInterventionForm(ctx(), { actor: coordinator(), interventionId: null })
		expect(offered.ok && offered.value.teams.map((team) => team.employeeNumber)).toEqual(['MA', 'MB', 'MX', 'MY'])

		expect(await recordIntervention(ctx(), { actor: coordinator(), interventionId: null, input: input({ teams: [f.employee] }) })).toMatchObject({
			ok: false,
			code: 'INTERVENTION_TEAM_UNKNOWN',
			field: 'teams',
		})
		const recorded = await recordIntervention(ctx(), { actor: coordinator(), interventionId: null, input: input() })
		if (!recorded.ok) throw new Error(recorded.code)
		const interventionId = recorded.value.interventionId

		// A bad file: every faulty line named, nothing saved.
		const bad = await importMeasure(ctx(), { actor: coordinator(), interventionId, csv: `${CSV}\nMZ,2026-01,3\nMA,2026-01,7\nMB,maart,3` })
		expect(bad).toEqual({
			ok: true,
			value: {
				saved: false,
				errors: [
					{ line: 18, code: 'MEASURE_ROW_TEAM_UNKNOWN', text: 'MZ,2026-01,3' },
					{ line: 19, code: 'MEASURE_ROW_DUPLICATE', text: 'MA,2026-01,7' },
					{ line: 20, code: 'MEASURE_ROW_MONTH_INVALID', text: 'MB,maart,3' },
				],
			},
		})
		expect(await importMeasure(ctx(), { actor: coordinator(), interventionId, csv: 'wie,wat\n1,2' })).toMatchObject({ ok: false, code: 'MEASURE_FILE_HEADER', field: 'bestand' })
		expect(await database.asOwner((db) => db.select().from(schema.interventionMeasureValues))).toEqual([])

		expect(await importMeasure(ctx(), { actor: coordinator(), interventionId, csv: CSV })).toEqual({ ok: true, value: { saved: true, values: 16 } })
		const shown = await showIntervention(ctx(), { actor: coordinator(), interventionId })
		if (!shown.ok) throw new Error(shown.code)
		const expected = differenceInDifferences({
			values: Object.entries(MEASURE).flatMap(([team, months]) => Object.entries(months).map(([month, value]) => ({ teamId: f.managers[team]!, month, value }))),
			trainedTeamIds: [f.managers.MA!, f.managers.MB!],
			intervention: { firstMonth: '2026-03', lastMonth: '2026-03' },
			better: 'higher',
		})
		if (!expected.ok) throw new Error(expected.code)
		expect(shown.value.effect).toEqual(expected.value)
		expect(shown.value.effect.verdict.status).toBe('effect')
		expect(shown.value.teams.map((team) => [team.employeeNumber, team.trained])).toEqual([
			['MA', true],
			['MB', true],
			['MX', false],
			['MY', false],
		])
		expect(shown.value.series.map((month) => [month.month, month.trained.mean, month.comparison.mean])).toEqual([
			['2026-01', 4.5, 4],
			['2026-02', 5.5, 4.5],
			['2026-03', null, null],
			['2026-04', 8.5, 4.5],
			['2026-05', 9.5, 4.5],
		])
		const exported = await exportInterventionValues(ctx(), { actor: coordinator(), interventionId })
		expect(exported.ok && exported.value.rows.slice(0, 2)).toEqual([
			{ employeeNumber: 'MA', managerName: 'MA', trained: true, month: '2026-01', value: 4 },
			{ employeeNumber: 'MA', managerName: 'MA', trained: true, month: '2026-02', value: 6 },
		])
		// Trained +4 and +4, comparison +0.5 and 0: 3.75 more errors found, the interval above zero.
		expect(shown.value.effect.estimate?.difference).toBeCloseTo(3.75, 10)

		const listed = await showInterventions(ctx(), { actor: coordinator() })
		expect(listed.ok && listed.value.rows).toEqual([
			{ id: interventionId, name: 'Training zaakcontrole', firstMonth: '2026-03', lastMonth: '2026-03', measureName: 'Gevonden fouten', measureSource: 'csv', trainedTeams: 2, values: 16 },
		])
		const audited = await database.asOwner((db) => db.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId }).from(schema.auditLog))
		expect(audited.filter((row) => row.action.startsWith('intervention.'))).toEqual([
			{ action: 'intervention.create', objectId: interventionId },
			{ action: 'intervention.measure_import', objectId: interventionId },
		])

		// Changed: a third trained team; the audit keeps before and after.
		expect(await recordIntervention(ctx(), { actor: coordinator(), interventionId, input: input({ teams: [f.managers.MA!, f.managers.MB!, f.managers.MX!], name: 'Training zaakcontrole (Noord)' }) })).toEqual({
			ok: true,
			value: { interventionId },
		})
		const [change] = (await database.asOwner((db) => db.select({ action: schema.auditLog.action, before: schema.auditLog.before, after: schema.auditLog.after }).from(schema.auditLog))).filter(
			(row) => row.action === 'intervention.update',
		)
		expect(change).toMatchObject({ before: { name: 'Training zaakcontrole' }, after: { name: 'Training zaakcontrole (Noord)' } })
		expect((change!.before as { trainedTeams: string[] }).trainedTeams).toHaveLength(2)
		expect((change!.after as { trainedTeams: string[] }).trainedTeams).toHaveLength(3)
	})

	test('another unit’s coordinator neither sees nor changes it, nor imports or counts into it', async () => {
		const listed = await showInterventions(ctx(), { actor: coordinator() })
		const interventionId = listed.ok ? listed.value.rows[0]!.id : ''
		expect(await showInterventions(ctx(), { actor: other() })).toEqual({ ok: true, value: { rows: [] } })
		expect(await showIntervention(ctx(), { actor: other(), interventionId })).toMatchObject({ ok: false, kind: 'not_found', code: 'INTERVENTION_NOT_FOUND' })
		expect(await exportInterventionValues(ctx(), { actor: other(), interventionId })).toMatchObject({ ok: false, code: 'INTERVENTION_NOT_FOUND' })
		expect(await showInterventionForm(ctx(), { actor: other(), interventionId })).toMatchObject({ ok: false, code: 'INTERVENTION_NOT_FOUND' })
		expect(await recordIntervention(ctx(), { actor: other(), interventionId, input: input({ teams: [f.managers.MA!] }) })).toMatchObject({ ok: false, code: 'INTERVENTION_NOT_FOUND' })
		expect(await importMeasure(ctx(), { actor: other(), interventionId, csv: CSV })).toMatchObject({ ok: false, code: 'INTERVENTION_NOT_FOUND' })
		expect(await countMeasure(ctx(), { actor: other(), interventionId, input: { verbId: 'https://x.example/v', activityPrefix: 'https://x.example/' } })).toMatchObject({ ok: false, code: 'INTERVENTION_NOT_FOUND' })
		// Not a coordinator: an employee of the unit itself is refused.
		const employee: Actor = { userId: f.employee, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] }
		expect(await showIntervention(ctx(), { actor: employee, interventionId })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await database.asOwner((db) => db.select().from(schema.interventionMeasureValues))).toHaveLength(16)
	})

	test('counting from xAPI statements replaces the measure: every team, every month of the windows, zero without statements', async () => {
		const listed = await showInterventions(ctx(), { actor: coordinator() })
		const interventionId = listed.ok ? listed.value.rows[0]!.id : ''
		const counted = await countMeasure(ctx(), { actor: coordinator(), interventionId, input: { verbId: 'https://x.example/verbs/found', activityPrefix: 'https://zaken.example/' } })
		// Four teams × five months (January to May).
		expect(counted).toEqual({ ok: true, value: { values: 20 } })
		const shown = await showIntervention(ctx(), { actor: coordinator(), interventionId })
		expect(shown.ok && shown.value.intervention).toMatchObject({ measureSource: 'xapi', xapiVerbId: 'https://x.example/verbs/found', xapiActivityPrefix: 'https://zaken.example/' })
		expect(shown.ok && shown.value.values.every((value) => value.value === 0)).toBe(true)
		// Three teams trained since the change above, one left to compare with: too few teams to conclude.
		expect(shown.ok && shown.value.effect.verdict).toEqual({ status: 'before_after_only', reasons: ['too_few_teams'] })
	})
})
