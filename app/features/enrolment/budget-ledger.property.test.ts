import { randomUUID } from 'node:crypto'
import { type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cancelEnrolment } from './cancel-enrolment.server.ts'
import { decideEnrolments } from './decide-enrolment.server.ts'
import { requestEnrolment } from './request-enrolment.server.ts'
import { showEnrolmentOptions } from './show-enrolment-options.server.ts'
import { testContext } from '../../core/testing.ts'

// Issue 14, item 5: the remaining budget an employee is shown always equals the yearly budget
// minus what is committed. A model of the P&O rules (approval above a price or over budget,
// free cancellation until 14 days before, declining commits nothing) walks random sequences of
// requests, approvals, declines and cancellations beside the real services on a real database;
// after every step the services must have answered as the model says, and the course page's
// budget of each year must equal the budget minus the model's commitments of that year.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')
const BUDGET = 100_000
const APPROVAL_ABOVE = 40_000
const FREE_CANCELLATION_DAYS = 14

/** The sessions an employee may ask for: two budget years, paid and free, cancellable for free or not. */
const OFFER = [
	{ priceCents: 30_000, startsAt: new Date(NOW.getTime() + 30 * DAY) },
	// Above the approval threshold, and starting within the free-cancellation period.
	{ priceCents: 80_000, startsAt: new Date(NOW.getTime() + 5 * DAY) },
	// Paid from next year's budget.
	{ priceCents: 50_000, startsAt: new Date('2031-02-03T09:00:00Z') },
	{ priceCents: 25_000, startsAt: new Date('2031-03-03T09:00:00Z') },
	{ priceCents: 0, startsAt: new Date(NOW.getTime() + 40 * DAY) },
] as const

type Step = { kind: 'request'; session: number } | { kind: 'approve' | 'decline' | 'cancel'; pick: number }

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({ kind: fc.constant('request' as const), session: fc.integer({ min: 0, max: OFFER.length - 1 }) }),
	fc.record({ kind: fc.constantFrom('approve' as const, 'decline' as const, 'cancel' as const), pick: fc.nat() }),
)

type Modelled = { id: string; session: number; status: 'awaiting_approval' | 'enrolled' | 'cancelled' | 'declined'; charged: boolean }

const yearOf = (session: number) => OFFER[session]!.startsAt.getUTCFullYear()

describe.each(await testDrivers())('the learning budget on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let unit: string
	let sessionIds: string[]
	const ctx = () => testContext(app.db, NOW)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [tenant] = await db
			.insert(schema.tenants)
			.values({
				slug: 'rvo',
				name: 'RVO',
				shortName: 'RVO',
				poOverrides: {
					approval: { mode: 'above_price', thresholdCents: APPROVAL_ABOVE },
					approvers: 'manager',
					yearlyBudgetCents: BUDGET,
					budgetExceeded: 'require_approval',
					freeCancellationDays: FREE_CANCELLATION_DAYS,
				},
			})
			.returning({ id: schema.tenants.id })
		unit = tenant!.id
		sessionIds = []
		for (const [index, offer] of OFFER.entries()) {
			const [course] = await db
				.insert(schema.courses)
				.values({ providerTenantId: unit, title: `Opleiding ${index}`, summary: 'S', description: 'D', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents: offer.priceCents })
				.returning({ id: schema.courses.id })
			const [session] = await db
				.insert(schema.sessions)
				.values({ tenantId: unit, courseId: course!.id, startsAt: offer.startsAt, endsAt: new Date(offer.startsAt.getTime() + 7_200_000), capacity: 1000 })
				.returning({ id: schema.sessions.id })
			sessionIds.push(session!.id)
		}
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	/** A new employee with her own manager for every sequence, so sequences do not share a budget. */
	async function newEmployee(): Promise<{ employee: Actor; manager: Actor }> {
		const { managerId, employeeId } = await database.asOwner(async (db) => {
			const person = async (name: string, managerId?: string) =>
				(await db.insert(schema.users).values({ tenantId: unit, employeeNumber: name, name, email: `${name}@test.nl`, managerId }).returning({ id: schema.users.id }))[0]!.id
			const managerId = await person(`manager-${randomUUID()}`)
			const employeeId = await person(`employee-${randomUUID()}`, managerId)
			await db.insert(schema.roleAssignments).values({ userId: managerId, role: 'manager', tenantId: unit })
			return { managerId, employeeId }
		})
		return {
			employee: { userId: employeeId, tenantId: unit, grants: [{ role: 'employee', tenantId: unit }] },
			manager: { userId: managerId, tenantId: unit, grants: [{ role: 'manager', tenantId: unit }] },
		}
	}

	test('after any sequence of requests, approvals, declines and cancellations, remaining = budget − committed, per budget year', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
				const { employee, manager } = await newEmployee()
				const model: Modelled[] = []
				const committed = (year: number) => model.filter((row) => row.charged && yearOf(row.session) === year).reduce((sum, row) => sum + OFFER[row.session]!.priceCents, 0)

				for (const next of steps) {
					if (next.kind === 'request') {
						const result = await requestEnrolment(ctx(), { actor: employee, sessionId: sessionIds[next.session]!, costCentre: null })
						if (model.some((row) => row.session === next.session && (row.status === 'awaiting_approval' || row.status === 'enrolled'))) {
							expect(result).toMatchObject({ ok: false, code: 'ENROLMENT_ALREADY_EXISTS' })
							continue
						}
						const { priceCents } = OFFER[next.session]!
						const needsApproval = priceCents > APPROVAL_ABOVE || (priceCents > 0 && priceCents > BUDGET - committed(yearOf(next.session)))
						expect(result).toMatchObject({ ok: true, value: { status: needsApproval ? 'awaiting_approval' : 'enrolled' } })
						if (!result.ok) return
						model.push({ id: result.value.enrolmentId, session: next.session, status: needsApproval ? 'awaiting_approval' : 'enrolled', charged: !needsApproval && priceCents > 0 })
						continue
					}
					const row = model[next.pick % Math.max(model.length, 1)]
					if (!row) continue
					if (next.kind === 'cancel') {
						const result = await cancelEnrolment(ctx(), { actor: employee, enrolmentId: row.id })
						if (row.status !== 'awaiting_approval' && row.status !== 'enrolled') {
							expect(result.ok).toBe(false)
							continue
						}
						const free = OFFER[row.session]!.startsAt.getTime() - NOW.getTime() >= FREE_CANCELLATION_DAYS * DAY
						expect(result).toMatchObject({ ok: true, value: { free } })
						row.status = 'cancelled'
						// Cancelled in time, the commitment is released; later, the cost stays charged.
						if (free) row.charged = false
						continue
					}
					const decision = next.kind === 'approve' ? { decision: 'approve' as const } : { decision: 'decline' as const, reason: 'Past nu niet in de planning.' }
					const result = await decideEnrolments(ctx(), { actor: manager, enrolmentIds: [row.id], decision })
					const outcome = result.ok ? result.value[0]!.result : result
					if (row.status !== 'awaiting_approval') {
						expect(outcome.ok).toBe(false)
						continue
					}
					expect(outcome).toMatchObject({ ok: true, value: next.kind === 'approve' ? 'enrolled' : 'declined' })
					row.status = next.kind === 'approve' ? 'enrolled' : 'declined'
					row.charged = next.kind === 'approve' && OFFER[row.session]!.priceCents > 0
				}

				const shown = await showEnrolmentOptions(ctx(), { actor: employee, sessionIds })
				expect(shown.ok).toBe(true)
				if (!shown.ok) return
				expect(shown.value.budgets).toEqual([
					{ year: 2030, totalCents: BUDGET, remainingCents: BUDGET - committed(2030) },
					{ year: 2031, totalCents: BUDGET, remainingCents: BUDGET - committed(2031) },
				])
				// Each session's preview says what the next request would do, from the same remaining budget.
				for (const [index, sessionId] of sessionIds.entries()) {
					const { priceCents } = OFFER[index]!
					const remaining = BUDGET - committed(yearOf(index))
					expect(shown.value.previews[sessionId]).toMatchObject({
						kind: priceCents > APPROVAL_ABOVE || (priceCents > 0 && priceCents > remaining) ? 'needs_approval' : 'enrols',
						budgetYear: yearOf(index),
						remainingAfterCents: remaining - priceCents,
					})
				}
			}),
			{ numRuns: driver === 'pglite' ? 15 : 30 },
		)
	}, 240_000)
})
