import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import {
	countXapiMeasure,
	getIntervention,
	insertIntervention,
	listInterventions,
	listMeasureValues,
	replaceMeasureValues,
	replaceTrainedTeams,
	type InterventionFields,
} from './interventions.ts'

const FIELDS: InterventionFields = {
	name: 'Zaakcontrole',
	courseId: null,
	description: '',
	firstMonth: '2026-03',
	lastMonth: '2026-03',
	monthsBefore: 3,
	monthsAfter: 3,
	measureName: 'Fouten gevonden',
	better: 'higher',
	xapiVerbId: null,
	xapiActivityPrefix: null,
}

const VERB = 'https://leerplein.example/verbs/found-error'
const PREFIX = 'https://zaken.example/proces_a/'

describe.each(await testDrivers())('interventions and their xAPI count on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { rvo: string; other: string; coordinator: string; managerA: string; managerB: string; managerC: string; otherCoordinator: string }
	const inRvo = <T>(work: Parameters<typeof withTenantContext<T>>[2]) => withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.coordinator }, work)
	const inOther = <T>(work: Parameters<typeof withTenantContext<T>>[2]) => withTenantContext(app.db, { tenantId: ids.other, userId: ids.otherCoordinator }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo, other] = await db
			.insert(schema.tenants)
			.values([
				{ slug: 'rvo', name: 'RVO', shortName: 'RVO' },
				{ slug: 'duo', name: 'DUO', shortName: 'DUO' },
			])
			.returning({ id: schema.tenants.id })
		const person = (tenantId: string, n: string, managerId: string | null = null, active = true) =>
			db
				.insert(schema.users)
				.values({ tenantId, employeeNumber: n, name: n, email: `${n}@test.nl`, managerId, active })
				.returning({ id: schema.users.id })
				.then(([row]) => row!.id)
		const coordinator = await person(rvo!.id, 'coord')
		const managerA = await person(rvo!.id, 'mA')
		const managerB = await person(rvo!.id, 'mB')
		const a1 = await person(rvo!.id, 'a1', managerA)
		const a2 = await person(rvo!.id, 'a2', managerA)
		const b1 = await person(rvo!.id, 'b1', managerB)
		const unmanaged = await person(rvo!.id, 'u1')
		const otherCoordinator = await person(other!.id, 'ocoord')
		const managerC = await person(other!.id, 'mC')
		const c1 = await person(other!.id, 'c1', managerC)
		const client = async (tenantId: string) =>
			(await db.insert(schema.xapiClients).values({ tenantId, name: 'Zaaksysteem', key: randomUUID(), secretHash: 'x', scopes: ['statements/write'] }).returning({ id: schema.xapiClients.id }))[0]!.id
		const rvoClient = await client(rvo!.id)
		const otherClient = await client(other!.id)
		const statement = (tenantId: string, clientId: string, personId: string | null, at: string, options: { verbId?: string; activityId?: string; voided?: boolean } = {}) => ({
			tenantId,
			id: randomUUID(),
			clientId,
			statement: {},
			verbId: options.verbId ?? VERB,
			activityId: options.activityId ?? `${PREFIX}zaak-1`,
			activityIds: [],
			agentKeys: [],
			stored: new Date(at),
			timestamp: new Date(at),
			voided: options.voided ?? false,
			authority: {},
			personId,
		})
		await db.insert(schema.xapiStatements).values([
			// Team A: two in February (one by each member), one in April.
			statement(rvo!.id, rvoClient, a1, '2026-02-10T10:00:00Z'),
			statement(rvo!.id, rvoClient, a2, '2026-02-20T10:00:00Z'),
			statement(rvo!.id, rvoClient, a1, '2026-04-01T09:00:00Z'),
			// 31 January 23:30 UTC is 1 February in Amsterdam.
			statement(rvo!.id, rvoClient, b1, '2026-01-31T23:30:00Z'),
			// Not counted: another verb, another activity, a prefix look-alike (the _ is no wildcard), voided, unmatched, unmanaged, outside the months.
			statement(rvo!.id, rvoClient, a1, '2026-02-11T10:00:00Z', { verbId: 'http://adlnet.gov/expapi/verbs/completed' }),
			statement(rvo!.id, rvoClient, a1, '2026-02-11T10:00:00Z', { activityId: 'https://zaken.example/proces_b/zaak-1' }),
			statement(rvo!.id, rvoClient, a1, '2026-02-11T10:00:00Z', { activityId: 'https://zaken.example/procesXa/zaak-1' }),
			statement(rvo!.id, rvoClient, a1, '2026-02-11T10:00:00Z', { voided: true }),
			statement(rvo!.id, rvoClient, null, '2026-02-11T10:00:00Z'),
			statement(rvo!.id, rvoClient, unmanaged, '2026-02-11T10:00:00Z'),
			statement(rvo!.id, rvoClient, a1, '2026-05-01T10:00:00Z'),
			// Another unit's team, the same verb and activity.
			statement(other!.id, otherClient, c1, '2026-02-10T10:00:00Z'),
		])
		ids = { rvo: rvo!.id, other: other!.id, coordinator, managerA, managerB, managerC, otherCoordinator }
		app = await database.connectAsApp({ maxConnections: 1 })
	})
	afterAll(() => database?.close())

	test('counts per team and Amsterdam month, zero where a team had none, only the unit’s own matched statements', async () => {
		const counted = await inRvo((tx) => countXapiMeasure(tx, { tenantId: ids.rvo, verbId: VERB, activityPrefix: PREFIX, fromMonth: '2026-01', toMonth: '2026-04' }))
		const byTeam = (managerId: string) => counted.filter((row) => row.managerId === managerId).map(({ month, value }) => [month, value])
		expect(byTeam(ids.managerA)).toEqual([
			['2026-01', 0],
			['2026-02', 2],
			['2026-03', 0],
			['2026-04', 1],
		])
		expect(byTeam(ids.managerB)).toEqual([
			['2026-01', 0],
			['2026-02', 1],
			['2026-03', 0],
			['2026-04', 0],
		])
		expect(counted).toHaveLength(8)
	})

	test('another unit counts nothing of this unit, even when it names it', async () => {
		const counted = await inOther((tx) => countXapiMeasure(tx, { tenantId: ids.rvo, verbId: VERB, activityPrefix: PREFIX, fromMonth: '2026-01', toMonth: '2026-04' }))
		expect(counted).toEqual([])
		const own = await inOther((tx) => countXapiMeasure(tx, { tenantId: ids.other, verbId: VERB, activityPrefix: PREFIX, fromMonth: '2026-02', toMonth: '2026-02' }))
		expect(own).toEqual([{ managerId: ids.managerC, month: '2026-02', value: 1 }])
	})

	test('an intervention, its teams and its measure are the unit’s own: hidden from and unwritable by another unit', async () => {
		const interventionId = await inRvo(async (tx) => {
			const id = await insertIntervention(tx, { tenantId: ids.rvo, createdBy: ids.coordinator, at: new Date('2026-06-01T10:00:00Z'), fields: FIELDS })
			await replaceTrainedTeams(tx, { tenantId: ids.rvo, interventionId: id, managerIds: [ids.managerA] })
			await replaceMeasureValues(tx, {
				tenantId: ids.rvo,
				interventionId: id,
				source: 'csv',
				at: new Date('2026-06-01T10:00:00Z'),
				values: [
					{ managerId: ids.managerA, month: '2026-02', value: 4 },
					{ managerId: ids.managerB, month: '2026-02', value: 2.5 },
				],
			})
			return id
		})
		const [listed] = await inRvo((tx) => listInterventions(tx, { tenantId: ids.rvo }))
		expect(listed).toMatchObject({ id: interventionId, firstMonth: '2026-03', lastMonth: '2026-03', measureSource: 'csv', trainedTeams: 1, values: 2 })
		expect(await inRvo((tx) => listMeasureValues(tx, { interventionId }))).toEqual(
			[
				{ managerId: ids.managerA, month: '2026-02', value: 4 },
				{ managerId: ids.managerB, month: '2026-02', value: 2.5 },
			].sort((a, b) => a.managerId.localeCompare(b.managerId)),
		)

		expect(await inOther((tx) => getIntervention(tx, { interventionId }))).toBeNull()
		expect(await inOther((tx) => listMeasureValues(tx, { interventionId }))).toEqual([])
		expect(await inOther((tx) => listInterventions(tx, { tenantId: ids.rvo }))).toEqual([])
		// Writing into another unit's intervention: refused by its own unit's key, whichever unit the row claims.
		await expect(
			inOther((tx) => tx.insert(schema.interventionMeasureValues).values({ tenantId: ids.other, interventionId, managerId: ids.managerC, month: '2026-02-01', value: 1, source: 'csv' })),
		).rejects.toThrow()
		await expect(inOther((tx) => replaceTrainedTeams(tx, { tenantId: ids.rvo, interventionId, managerIds: [ids.managerA] }))).rejects.toThrow()
		// A team of another unit cannot be named in this one.
		await expect(inRvo((tx) => replaceTrainedTeams(tx, { tenantId: ids.rvo, interventionId, managerIds: [ids.managerC] }))).rejects.toThrow()
		expect(await inRvo((tx) => listMeasureValues(tx, { interventionId }))).toHaveLength(2)
	})
})
