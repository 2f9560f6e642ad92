import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { getEvidenceFacts, recomputePassports, revokeEvidence, supersedeEvidence } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertElearningOnTool, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { addDays, amsterdamDate, passportStatus, sameStatus, type Actor, type CalendarDate, type Competency, type PassportStatus } from '@leerplein/domain'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { scoreSchema } from '../lti/protocol.server.ts'
import { recordLtiScore } from '../lti/record-lti-score.server.ts'
import type { ToolAccess } from '../lti/tool-context.server.ts'
import { addConcernRequirement, addPersonRequirement, addUnitRequirement, recomputeUnitForConcernRequirement } from './add-requirement.server.ts'
import { checkPassportConsistency } from './check-passport-consistency.server.ts'
import { deactivateConcernRequirement, deactivatePersonRequirement, deactivateUnitRequirement } from './deactivate-requirement.server.ts'
import { decideCertificate } from './decide-certificate.server.ts'
import { importEvidence } from './import-evidence.server.ts'
import { submitCertificate } from './submit-certificate.server.ts'
import { testContext } from '../../core/testing.ts'

// Issue 15's "done when": after a randomised sequence of evidence (imported, uploaded and
// approved, LTI scores; days in and out of order), revocations, supersessions, requirements
// added and deactivated, and the clock moving on, the nightly check finds no drift, and every
// stored dot equals a fresh computation by the domain rule over a model of the same facts. Each
// step is its own transaction through the real services and queries, so the dots are those the
// evidence trigger and the context helper settled. Each run plays in a unit of its own; the
// clock only moves forward, across runs too. The concern's requirements (for everyone, or the
// job profiles named Adviseur in every unit) apply to every run's unit, so the model keeps them
// across runs and each change's per-unit recompute job runs for every unit. Two competencies have
// levels: the LTI course grants level 2 of the first, certificates state a level, requirements
// ask a minimum. The summaries the matrix reads (each person's counts, the unit's counts per
// competency; kept by triggers, migration 0047) must match the dots too, and the nightly check
// finds no drift in them either.

const COMPETENCIES: (Omit<Competency, 'id' | 'levelCount'> & { name: string; levels: string[] })[] = [
	{ name: 'Monsterneming', validityMonths: 12, warningDays: 60, renewalBasis: 'expiry', levels: ['Basis', 'Gevorderd', 'Expert'] },
	{ name: 'Handhavingsrecht', validityMonths: 24, warningDays: 30, renewalBasis: 'completion', levels: ['Basis', 'Expert'] },
	{ name: 'Integriteit', validityMonths: null, warningDays: 0, renewalBasis: 'expiry', levels: [] },
	// A warning window longer than the validity: every renewal falls inside it.
	{ name: 'Gasmeting', validityMonths: 1, warningDays: 45, renewalBasis: 'expiry', levels: [] },
]
/** The LTI course grants the first competency from this score, at this level. */
const MIN_SCORE = 60
const SCORE_LEVEL = 2
const LINE_ITEMS = 2
const EMPLOYEES = 3
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

type Command =
	| { kind: 'import'; person: number; competency: number; daysAgo: number }
	| { kind: 'upload'; person: number; competency: number; daysAgo: number; level: number | null }
	| { kind: 'score'; person: number; lineItem: number; percent: number; daysAgo: number }
	| { kind: 'revoke'; pick: number }
	| { kind: 'supersede'; pick: number; by: number }
	| { kind: 'requirement'; scope: 'everyone' | 'profile' | 'person' | 'concern' | 'concern-profile'; person: number; competency: number; introducedIn: number; graceDays: number; level: number | null }
	| { kind: 'deactivate'; pick: number }
	| { kind: 'advance'; days: number; nightly: boolean }

const person = fc.nat({ max: EMPLOYEES })
const employee = fc.nat({ max: EMPLOYEES - 1 })
const competency = fc.nat({ max: COMPETENCIES.length - 1 })
const daysAgo = fc.nat({ max: 500 })
/** A level to state or ask, folded onto the competency's own levels (none: null). */
const level = fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 })
const levelFor = (what: { levels: readonly string[] }, chosen: number | null) => (chosen === null || what.levels.length === 0 ? null : ((chosen - 1) % what.levels.length) + 1)
// Weighted so that evidence and requirements meet often enough for every colour to occur.
const command: fc.Arbitrary<Command> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('import' as const), person, competency, daysAgo }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('upload' as const), person: employee, competency, daysAgo, level }) },
	{
		weight: 2,
		arbitrary: fc.record({ kind: fc.constant('score' as const), person: employee, lineItem: fc.nat({ max: LINE_ITEMS - 1 }), percent: fc.integer({ min: 30, max: 100 }), daysAgo: fc.nat({ max: 60 }) }),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('supersede' as const), pick: fc.nat(), by: fc.nat() }) },
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('requirement' as const),
			scope: fc.constantFrom('everyone' as const, 'profile' as const, 'person' as const, 'concern' as const, 'concern-profile' as const),
			person,
			competency,
			introducedIn: fc.integer({ min: -500, max: 90 }),
			graceDays: fc.nat({ max: 120 }),
			level,
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('deactivate' as const), pick: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 400 }), nightly: fc.boolean() }) },
)

type ModelEvidence = { key: string; userId: string; competencyId: string; occurredOn: CalendarDate; level: number | null; revoked: boolean; superseded: boolean }
type ModelRequirement = { id: string; scope: 'unit' | 'person'; competencyId: string; userIds: string[]; introducedOn: CalendarDate; graceDays: number; minLevel: number | null; active: boolean }
/** The concern's: applies to everyone in every unit, or to the job profiles named Adviseur. */
type ModelConcernRequirement = { id: string; competencyId: string; advisersOnly: boolean; introducedOn: CalendarDate; graceDays: number; minLevel: number | null; active: boolean }

const evidenceKey = (row: { userId: string; competencyId: string; sourceKind: string; sourceRef: string }) => `${row.userId}|${row.competencyId}|${row.sourceKind}|${row.sourceRef}`

describe.each(await testDrivers())('the passport after random evidence on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let shared: Awaited<ReturnType<typeof plantShared>>
	let clock = new Date('2030-01-01T09:00:00Z')
	let run = 0
	const concernRequirements: ModelConcernRequirement[] = []
	const units: string[] = []
	const ctx = () => testContext(app.db, clock)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		shared = await plantShared(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the nightly check finds 0 drift, and every stored dot is the domain rule over the facts', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(command, { minLength: 6, maxLength: 24 }), async (commands) => {
				run++
				const world = await database.asOwner((db) => plantUnit(db, { run, shared }))
				units.push(world.tenantId)
				// A new unit inherits the concern's requirements: its dots are computed once when it is set up.
				await withTenantContext(app.db, { tenantId: world.tenantId, userId: null, now: clock }, (tx) => recomputePassports(tx, { tenantId: world.tenantId, today: amsterdamDate(clock), trigger: 'requirement' }))
				const admin: Actor = { userId: shared.admin, tenantId: shared.nvwa, grants: [{ role: 'concern_admin', tenantId: null }] }
				// What the job worker does within seconds after a concern requirement changed: every unit's recompute.
				const runUnitJobs = async (requirementId: string) => {
					for (const tenantId of [shared.nvwa, ...units]) expect(await recomputeUnitForConcernRequirement(ctx(), { tenantId, requirementId })).toMatchObject({ ok: true })
				}
				const coordinator: Actor = { userId: world.coordinator, tenantId: world.tenantId, grants: [{ role: 'employee', tenantId: world.tenantId }, { role: 'coordinator', tenantId: world.tenantId }] }
				const employeeActor = (userId: string): Actor => ({ userId, tenantId: world.tenantId, grants: [{ role: 'employee', tenantId: world.tenantId }] })
				const evidence: ModelEvidence[] = []
				const requirements: ModelRequirement[] = []
				const lastScore = new Map<string, number>()
				const today = () => amsterdamDate(clock)
				const stored = () => withTenantContext(app.db, { tenantId: world.tenantId, userId: null }, (tx) => tx.select().from(schema.passportEvidence))
				const idOf = async (key: string) => (await stored()).find((row) => evidenceKey(row) === key)!.id
				const expect0Drift = async () => expect(await checkPassportConsistency(ctx(), { actor: null })).toMatchObject({ ok: true, value: { drift: 0 } })

				for (const [index, step] of commands.entries()) {
					switch (step.kind) {
						case 'import': {
							const day = addDays(today(), -step.daysAgo)
							const who = world.people[step.person]!
							const what = shared.competencies[step.competency]!
							const key = `${who.id}|${what.id}|import|csv:${day}`
							const imported = await importEvidence(ctx(), { actor: coordinator, csv: `medewerker;bekwaamheid;datum\n${who.email};${what.name};${day}`, commit: true })
							// The same person, competency and day imported before: nothing new, and the service says so.
							if (evidence.some((piece) => piece.key === key)) expect(imported).toMatchObject({ ok: false, code: 'IMPORT_NOTHING_NEW' })
							else {
								expect(imported).toMatchObject({ ok: true, value: { imported: 1 } })
								evidence.push({ key, userId: who.id, competencyId: what.id, occurredOn: day, level: null, revoked: false, superseded: false })
							}
							break
						}
						case 'upload': {
							const day = addDays(today(), -step.daysAgo)
							const who = world.people[step.person]!
							const what = shared.competencies[step.competency]!
							const stated = levelFor(what, step.level)
							const sent = await submitCertificate(ctx(), { actor: employeeActor(who.id), competencyId: what.id, obtainedOn: day, level: stated, note: '', file: { name: 'bewijs.pdf', bytes: PDF } })
							if (!sent.ok) throw new Error(`certificate refused: ${sent.code}`)
							expect(await decideCertificate(ctx(), { actor: coordinator, uploadId: sent.value.uploadId, decision: { kind: 'approve' } })).toMatchObject({ ok: true })
							evidence.push({ key: `${who.id}|${what.id}|upload|${sent.value.uploadId}`, userId: who.id, competencyId: what.id, occurredOn: day, level: stated, revoked: false, superseded: false })
							break
						}
						case 'score': {
							const who = world.people[step.person]!
							const lineItem = shared.lineItems[step.lineItem]!
							// A unique instant on the chosen day, so a score of a later day is the newer one.
							const at = new Date(`${addDays(today(), -step.daysAgo)}T10:00:00Z`).getTime() + index
							const scored = await recordLtiScore(ctx(), {
								actor: shared.tool,
								lineItemId: lineItem,
								score: scoreSchema.parse({ userId: who.id, scoreGiven: step.percent, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date(at).toISOString() }),
							})
							const previous = lastScore.get(`${lineItem}|${who.id}`)
							const newer = previous === undefined || at > previous
							expect(scored).toMatchObject({ ok: true, value: { decision: newer ? 'store' : previous === at ? 'repeat' : 'stale' } })
							if (!newer) break
							lastScore.set(`${lineItem}|${who.id}`, at)
							const key = `${who.id}|${shared.competencies[0]!.id}|lti_score|${lineItem}/${world.enrolments[step.person]!}`
							if (step.percent >= MIN_SCORE && !evidence.some((piece) => piece.key === key)) {
								evidence.push({ key, userId: who.id, competencyId: shared.competencies[0]!.id, occurredOn: amsterdamDate(new Date(at)), level: SCORE_LEVEL, revoked: false, superseded: false })
							}
							break
						}
						case 'revoke': {
							// Only a piece that still counts is revoked; one superseded or revoked before is left alone (ADR 031).
							const open = evidence.filter((piece) => !piece.revoked && !piece.superseded)
							const target = open[step.pick % Math.max(1, open.length)]
							if (!target) break
							const evidenceId = await idOf(target.key)
							const revoked = await withTenantContext(app.db, { tenantId: world.tenantId, userId: world.coordinator, now: clock }, (tx) =>
								revokeEvidence(tx, { evidenceId, revokedBy: world.coordinator, revokedAt: clock, reason: 'Onjuist geregistreerd' }),
							)
							expect(revoked).toBe(true)
							target.revoked = true
							break
						}
						case 'supersede': {
							// A correction: a new piece of the same kind on another day (up to a year back) replaces one that still counts.
							const open = evidence.filter((piece) => !piece.revoked && !piece.superseded)
							const target = open[step.pick % Math.max(1, open.length)]
							if (!target) break
							const day = addDays(today(), -(step.by % 366))
							if (day === target.occurredOn) break
							const evidenceId = await idOf(target.key)
							const correctionId = await withTenantContext(app.db, { tenantId: world.tenantId, userId: world.coordinator, now: clock }, async (tx) => {
								const old = await getEvidenceFacts(tx, { evidenceId })
								return supersedeEvidence(tx, { old: old!, occurredOn: day, occurredAt: new Date(`${day}T12:00:00Z`), recordedBy: world.coordinator, recordedAt: clock, reason: 'Verkeerde datum' })
							})
							expect(correctionId).not.toBeNull()
							target.superseded = true
							const kind = target.key.split('|')[2]!
							evidence.push({ key: `${target.userId}|${target.competencyId}|${kind}|correction:${evidenceId}`, userId: target.userId, competencyId: target.competencyId, occurredOn: day, level: target.level, revoked: false, superseded: false })
							break
						}
						case 'requirement': {
							const what = shared.competencies[step.competency]!
							const terms = { competencyId: what.id, introducedOn: addDays(today(), step.introducedIn), graceDays: step.graceDays, minLevel: levelFor(what, step.level) }
							if (step.scope === 'concern' || step.scope === 'concern-profile') {
								const advisersOnly = step.scope === 'concern-profile'
								const added = await addConcernRequirement(ctx(), { actor: admin, jobProfileName: advisersOnly ? 'Adviseur' : null, ...terms })
								if (!added.ok) throw new Error(`concern requirement refused: ${added.code}`)
								await runUnitJobs(added.value.id)
								concernRequirements.push({ id: added.value.id, competencyId: what.id, advisersOnly, introducedOn: terms.introducedOn, graceDays: terms.graceDays, minLevel: terms.minLevel, active: true })
							} else if (step.scope === 'person') {
								const who = world.people[step.person]!
								const added = await addPersonRequirement(ctx(), { actor: coordinator, userId: who.id, reason: null, ...terms })
								if (!added.ok) throw new Error(`person requirement refused: ${added.code}`)
								requirements.push({ id: added.value.id, scope: 'person', competencyId: what.id, userIds: [who.id], introducedOn: terms.introducedOn, graceDays: terms.graceDays, minLevel: terms.minLevel, active: true })
							} else {
								const profile = step.scope === 'profile'
								const added = await addUnitRequirement(ctx(), { actor: coordinator, jobProfileId: profile ? world.jobProfile : null, ...terms })
								if (!added.ok) throw new Error(`unit requirement refused: ${added.code}`)
								const userIds = world.people.filter((who) => !profile || who.inProfile).map((who) => who.id)
								requirements.push({ id: added.value.id, scope: 'unit', competencyId: what.id, userIds, introducedOn: terms.introducedOn, graceDays: terms.graceDays, minLevel: terms.minLevel, active: true })
							}
							break
						}
						case 'deactivate': {
							const active = [...requirements.filter((requirement) => requirement.active), ...concernRequirements.filter((requirement) => requirement.active)]
							const target = active[step.pick % Math.max(1, active.length)]
							if (!target) break
							if (!('scope' in target)) {
								expect(await deactivateConcernRequirement(ctx(), { actor: admin, requirementId: target.id })).toMatchObject({ ok: true })
								await runUnitJobs(target.id)
								target.active = false
								break
							}
							const done =
								target.scope === 'unit'
									? await deactivateUnitRequirement(ctx(), { actor: coordinator, requirementId: target.id })
									: await deactivatePersonRequirement(ctx(), { actor: coordinator, id: target.id })
							expect(done).toMatchObject({ ok: true })
							target.active = false
							break
						}
						case 'advance': {
							clock = new Date(clock.getTime() + step.days * 86_400_000)
							if (step.nightly) await expect0Drift()
							break
						}
					}
				}

				await expect0Drift()
				// The evidence is exactly the model's, none lost, none extra, with the model's day and state.
				const rows = await stored()
				expect(
					rows
						.map((row) => ({ key: evidenceKey(row), occurredOn: row.occurredOn, level: row.level, revoked: row.revokedAt !== null, superseded: row.supersededBy !== null }))
						.sort((a, b) => a.key.localeCompare(b.key)),
				).toEqual(evidence.map(({ key, occurredOn, level, revoked, superseded }) => ({ key, occurredOn, level, revoked, superseded })).sort((a, b) => a.key.localeCompare(b.key)))
				// Every dot stored equals the rule over the model's facts; a cell without a row has nothing to show.
				const idByKey = new Map(rows.map((row) => [evidenceKey(row), row.id]))
				const dots = await withTenantContext(app.db, { tenantId: world.tenantId, userId: null }, (tx) => tx.select().from(schema.passportStatus))
				for (const who of world.people) {
					for (const what of shared.competencies) {
						const expected = passportStatus(
							what,
							[
								...requirements.filter((r) => r.active && r.competencyId === what.id && r.userIds.includes(who.id)),
								...concernRequirements.filter((r) => r.active && r.competencyId === what.id && (!r.advisersOnly || who.inProfile)),
							].map(({ id, introducedOn, graceDays, minLevel }) => ({ id, introducedOn, graceDays, minLevel })),
							evidence
								.filter((piece) => piece.userId === who.id && piece.competencyId === what.id)
								.map((piece) => ({ id: idByKey.get(piece.key)!, occurredOn: piece.occurredOn, level: piece.level, revoked: piece.revoked, superseded: piece.superseded })),
							{ today: today() },
						)
						const dot = dots.find((row) => row.userId === who.id && row.competencyId === what.id)
						if (!dot) {
							expect(expected).toMatchObject({ status: 'not_required', validUntil: null, cause: { evidenceId: null } })
							expect(expected.level ?? null).toBeNull()
							continue
						}
						const actual: PassportStatus = { status: dot.status, validUntil: dot.validUntil, permanent: dot.permanent, nextChangeOn: dot.nextChangeOn, level: dot.level, cause: dot.cause }
						if (!sameStatus(actual, expected)) expect({ person: who.email, competency: what.name, dot: actual }).toEqual({ person: who.email, competency: what.name, dot: expected })
					}
				}
				// The summaries kept beside the dots (migration 0047) say what those dots say: each person's
				// counts and first expiry, and the unit's counts per competency (everyone here is active).
				const [summaries, unitCounts] = await withTenantContext(app.db, { tenantId: world.tenantId, userId: null }, async (tx) => [
					await tx.select().from(schema.passportPersonSummary),
					await tx.select().from(schema.passportUnitCounts),
				])
				const tally = (rows: typeof dots) => ({
					red: rows.filter((row) => row.status === 'red').length,
					orange: rows.filter((row) => row.status === 'orange').length,
					green: rows.filter((row) => row.status === 'green').length,
				})
				for (const userId of new Set([...dots.map((row) => row.userId), ...summaries.map((row) => row.userId)])) {
					const mine = dots.filter((row) => row.userId === userId)
					const firstExpiry = mine.flatMap((row) => ((row.status === 'orange' || row.status === 'green') && !row.permanent && row.validUntil ? [row.validUntil] : [])).sort()[0] ?? null
					const summary = summaries.find((row) => row.userId === userId) ?? { red: 0, orange: 0, green: 0, firstExpiry: null }
					expect({ userId, red: summary.red, orange: summary.orange, green: summary.green, firstExpiry: summary.firstExpiry }).toEqual({ userId, ...tally(mine), firstExpiry })
				}
				for (const competencyId of new Set([...dots.map((row) => row.competencyId), ...unitCounts.map((row) => row.competencyId)])) {
					const counted = unitCounts.find((row) => row.competencyId === competencyId) ?? { red: 0, orange: 0, green: 0 }
					expect({ competencyId, red: counted.red, orange: counted.orange, green: counted.green }).toEqual({ competencyId, ...tally(dots.filter((row) => row.competencyId === competencyId)) })
				}
			}),
			{ numRuns: 8 },
		)
	}, 120_000)
})

/**
 * The concern's competencies, and NVWA's e-learning on a Moodle tool with two graded items; the
 * course grants the first competency from a score of MIN_SCORE %. Written as the owner.
 */
async function plantShared(database: TestDatabase) {
	const db = database.db
	const [nvwa] = await db.insert(schema.tenants).values({ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' }).returning({ id: schema.tenants.id })
	const planted = await db
		.insert(schema.competencies)
		.values(COMPETENCIES)
		.returning({
			id: schema.competencies.id,
			name: schema.competencies.name,
			validityMonths: schema.competencies.validityMonths,
			warningDays: schema.competencies.warningDays,
			renewalBasis: schema.competencies.renewalBasis,
			levels: schema.competencies.levels,
		})
	const competencies = planted.map((row) => ({ ...row, levelCount: row.levels.length }))
	// The concern administrator, in NVWA (which has no people of the runs' units).
	const [admin] = await db.insert(schema.users).values({ tenantId: nvwa!.id, employeeNumber: 'admin', name: 'Beheerder concern', email: 'admin@concern.test' }).returning({ id: schema.users.id })
	await db.insert(schema.roleAssignments).values({ userId: admin!.id, role: 'concern_admin', tenantId: null })
	const { courseId, tool, lineItemIds } = await insertElearningOnTool(db, { providerTenantId: nvwa!.id, title: 'Monsters nemen', passMarkPercent: 55, lineItems: LINE_ITEMS })
	await db.insert(schema.courseCompetencies).values({ courseId, competencyId: competencies[0]!.id, minScorePercent: MIN_SCORE, grantsLevel: SCORE_LEVEL })
	const [session] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa!.id, courseId, startsAt: new Date('2029-01-01T07:00:00Z'), endsAt: new Date('2040-01-01T07:00:00Z'), capacity: 1000 })
		.returning({ id: schema.sessions.id })
	const access: ToolAccess = { tenantId: nvwa!.id, userId: null, tool, toolId: tool.id, courseId, scopes: [], issuer: 'https://leerplein.test' }
	return {
		competencies,
		nvwa: nvwa!.id,
		admin: admin!.id,
		session: session!.id,
		tool: access,
		lineItems: lineItemIds,
	}
}

/** A unit of its own for one run: a coordinator and three employees (two of them advisers), all three enrolled in the e-learning. */
async function plantUnit(db: TestDatabase['db'], { run, shared }: { run: number; shared: { session: string } }) {
	const [unit] = await db.insert(schema.tenants).values({ slug: `unit-${run}`, name: `Eenheid ${run}`, shortName: `E${run}` }).returning({ id: schema.tenants.id })
	const tenantId = unit!.id
	const [profile] = await db.insert(schema.jobProfiles).values({ tenantId, name: 'Adviseur' }).returning({ id: schema.jobProfiles.id })
	const people = await db
		.insert(schema.users)
		.values(
			Array.from({ length: EMPLOYEES + 1 }, (_, k) => ({
				tenantId,
				employeeNumber: `${run}-${k}`,
				name: k === EMPLOYEES ? `Coördinator ${run}` : `Medewerker ${run}-${k}`,
				email: `p${k}@unit-${run}.test`,
				jobProfileId: k < 2 ? profile!.id : null,
			})),
		)
		.returning({ id: schema.users.id, email: schema.users.email, jobProfileId: schema.users.jobProfileId })
	const coordinator = people[EMPLOYEES]!.id
	await db.insert(schema.roleAssignments).values({ userId: coordinator, role: 'coordinator', tenantId })
	const enrolments = await db
		.insert(schema.enrolments)
		.values(people.slice(0, EMPLOYEES).map((who) => ({ tenantId, sessionId: shared.session, userId: who.id, status: 'enrolled' as const })))
		.returning({ id: schema.enrolments.id })
	return {
		tenantId,
		coordinator,
		jobProfile: profile!.id,
		people: people.map((who) => ({ id: who.id, email: who.email, inProfile: who.jobProfileId !== null })),
		enrolments: enrolments.map((row) => row.id),
	}
}
