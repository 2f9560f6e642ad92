import { randomBytes } from 'node:crypto'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { and, eq, inArray, notInArray } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { startLtijsTool, type LtijsTool } from '../support/ltijs-tool.ts'

// Issue 14 item 4, "Done when", in Chromium: a blended course completes only when its classroom
// part is attended and its Moodle part reports completion, in either order. A real LTI tool (ltijs)
// posts the scores over AGS; the coordinator registers attendance on the session's page. Sanne is
// attended first and completes the module after; a colleague completes the module first and is
// attended after. "Mijn leren" shows the progress per part; the coordinator's completion rule is
// checked beside its field. PostgreSQL (the owner plants the course and reads what was stored).

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const drivers = await testDrivers()
const HOUR_MS = 3_600_000

describe.skipIf(!drivers.includes('postgres'))('a blended programme completes in either order', () => {
	const e2e = useE2E({ driver: 'postgres', owner: true })
	const { portal, owner } = e2e
	let tool: LtijsTool
	let f: { course: string; courseTitle: string; session: string; link: string; sanne: { id: string; enrolment: string }; colleague: { id: string; name: string; enrolment: string } }

	beforeAll(async () => {
		tool = await startLtijsTool({ platformUrl: portal.url })
		const db = owner.db
		const suffix = randomBytes(3).toString('hex')
		const [rvo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const courseTitle = `Hygiëne in de praktijk ${suffix}`
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: courseTitle, summary: 'Een bijeenkomst en een online module.', description: 'Blended: klassikaal en in Moodle.', form: 'blended', durationMinutes: 180, status: 'published', priceCents: 0 })
			.returning()
		// The classroom meeting took place this morning: attendance can be registered.
		const startsAt = new Date(Date.now() - 4 * HOUR_MS)
		const endsAt = new Date(Date.now() - 2 * HOUR_MS)
		const [session] = await db.insert(schema.sessions).values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt, capacity: 20 }).returning()
		await db.insert(schema.sessionMeetings).values({ tenantId: rvo!.id, sessionId: session!.id, startsAt, endsAt, online: false })
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona('rvo-employee').email))
		const [colleague] = await db
			.select({ id: schema.users.id, name: schema.users.name })
			.from(schema.users)
			.where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.active, true), notInArray(schema.users.email, DEMO_PERSONAS.map((p) => p.email))))
			.limit(1)
			.offset(3)
		const [sanneEnrolment, colleagueEnrolment] = await db
			.insert(schema.enrolments)
			.values([sanne!.id, colleague!.id].map((userId, k) => ({ tenantId: rvo!.id, sessionId: session!.id, userId, status: 'enrolled' as const, queueNumber: 950_000 + k })))
			.returning()
		const [registered] = await db
			.insert(schema.ltiTools)
			// A name of its own: the portal is shared with the other e2e files, whose tool pickers find their tool by name.
			.values({ name: 'Leeromgeving gemengd leren', clientId: tool.clientId, deploymentIds: ['1'], ...tool.registration, scopes: [...ALL_LTI_SCOPES] })
			.returning()
		const [link] = await db
			.insert(schema.ltiResourceLinks)
			.values({ tenantId: rvo!.id, courseId: course!.id, toolId: registered!.id, deploymentId: '1', title: 'Module Hygiëne', custom: { id: 'hygiene-uuid' }, passMarkPercent: 55 })
			.returning()
		f = {
			course: course!.id,
			courseTitle,
			session: session!.id,
			link: link!.id,
			sanne: { id: sanne!.id, enrolment: sanneEnrolment!.id },
			colleague: { id: colleague!.id, name: colleague!.name, enrolment: colleagueEnrolment!.id },
		}
	})
	afterAll(() => tool?.stop())

	const statuses = async () =>
		Object.fromEntries(
			(await owner.db.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments).where(inArray(schema.enrolments.id, [f.sanne.enrolment, f.colleague.enrolment]))).map((row) => [
				row.id,
				row.status,
			]),
		)
	async function expectFits(page: Page, width: number) {
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
	}
	/** The coordinator marks one participant present at the (only) meeting. */
	async function attend(page: Page, name: string, saved: string) {
		await page.goto(`/uitvoeringen/${f.session}`)
		await page.getByRole('group', { name: new RegExp(`^${name}`) }).getByRole('radio', { name: 'Aanwezig' }).check()
		await page.getByRole('button', { name: 'Aanwezigheid opslaan' }).click()
		await page.getByRole('status').filter({ hasText: saved }).waitFor()
	}
	/** The module's score for one learner, as Moodle sends it: Completed and FullyGraded, 80 of 100. */
	let lineItemId = ''
	async function completeModule(userId: string) {
		const launch = tool.launches.at(-1)!
		if (!lineItemId) lineItemId = String((await tool.lti.Grade.createLineItem(launch, { scoreMaximum: 100, label: 'Eindtoets', resourceLinkId: f.link })).id)
		await tool.lti.Grade.submitScore(launch, lineItemId, { userId, scoreGiven: 80, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' })
	}

	test('attended then the module, and the module then attended: each enrolment completes only when both parts are done', async () => {
		// Sanne opens the module from the course page (the tool needs a launch to send scores).
		const learner = await e2e.newPage()
		await signInAs(learner, SANNE, { returnTo: `/catalogus/${f.course}` })
		const [toolPage] = await Promise.all([learner.context().waitForEvent('page'), learner.getByRole('link', { name: /Open Module Hygiëne/ }).click()])
		await toolPage.getByRole('heading', { name: 'Welkom in de testleeromgeving' }).waitFor()
		await toolPage.close()

		// Order 1, Sanne: attended first — attended, not completed.
		const coordinator = await e2e.newPage()
		await signInAs(coordinator, FATIMA)
		await attend(coordinator, SANNE, 'Aanwezigheid van 1 deelnemer opgeslagen.')
		expect(await statuses()).toEqual({ [f.sanne.enrolment]: 'attended', [f.colleague.enrolment]: 'enrolled' })

		// Order 2, the colleague: the module first — still enrolled, the classroom part is missing.
		await completeModule(f.colleague.id)
		expect(await statuses()).toEqual({ [f.sanne.enrolment]: 'attended', [f.colleague.enrolment]: 'enrolled' })

		// Mijn leren, at 320 px: Sanne's progress per part — the session attended, the module not yet.
		await learner.setViewportSize({ width: 320, height: 640 })
		await learner.goto('/mijn-leren')
		const parts = learner.getByRole('list', { name: `Voortgang per onderdeel van ${f.courseTitle}` })
		await parts.waitFor()
		expect(await parts.getByRole('listitem').allTextContents()).toEqual(['Klassikale bijeenkomst: aanwezig', 'Online module Module Hygiëne: nog niet'])
		expect(await learner.getByText('1 van de 2 benodigde onderdelen af').isVisible()).toBe(true)
		expect(await accessibilityViolations(learner)).toEqual([])
		await expectFits(learner, 320)

		// The module's completion arrives for Sanne: now both parts are done.
		await completeModule(f.sanne.id)
		// And the colleague is attended: both parts done, in the other order.
		await attend(coordinator, f.colleague.name, 'Aanwezigheid van 1 deelnemer opgeslagen.')
		expect(await statuses()).toEqual({ [f.sanne.enrolment]: 'completed', [f.colleague.enrolment]: 'completed' })
		const trail = await owner.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'enrolment.complete.blended'))
		expect(trail.map((row) => row.objectId).filter((id) => id === f.sanne.enrolment || id === f.colleague.enrolment).sort()).toEqual([f.sanne.enrolment, f.colleague.enrolment].sort())

		await learner.goto('/mijn-leren')
		const done = learner.getByRole('list', { name: `Voortgang per onderdeel van ${f.courseTitle}` })
		expect(await done.getByRole('listitem').allTextContents()).toEqual(['Klassikale bijeenkomst: aanwezig', expect.stringMatching(/^Online module Module Hygiëne: afgerond \(.+\), score 80 van 100$/)])
		expect(await learner.getByText('2 van de 2 benodigde onderdelen af').isVisible()).toBe(true)
		expect(await accessibilityViolations(learner)).toEqual([])
		await expectFits(learner, 320)
	})

	test('the coordinator sets the completion rule: more parts than the course has is refused beside the field, a valid one is saved and audited', async () => {
		const page = await e2e.newPage({ viewport: { width: 320, height: 640 } })
		await signInAs(page, FATIMA, { returnTo: `/catalogus/${f.course}/online-onderdelen` })
		const section = page.getByRole('region', { name: 'Afronding' })
		await section.waitFor()
		expect(await section.getByText('Nu: alle 2 onderdelen.').isVisible()).toBe(true)
		await section.getByLabel('Minimaal aantal onderdelen af').fill('3')
		await section.getByRole('button', { name: 'Afronding opslaan' }).click()
		await section.getByText('Deze opleiding heeft 2 onderdelen.', { exact: false }).first().waitFor()
		expect(await section.getByLabel('Minimaal aantal onderdelen af').getAttribute('aria-invalid')).toBe('true')
		expect(await section.getByLabel('Minimaal aantal onderdelen af').inputValue()).toBe('3')
		expect(await accessibilityViolations(page)).toEqual([])
		await expectFits(page, 320)

		await section.getByLabel('Minimaal aantal onderdelen af').fill('1')
		await section.getByRole('button', { name: 'Afronding opslaan' }).click()
		await page.getByRole('status').filter({ hasText: 'De afronding is opgeslagen.' }).waitFor()
		expect(await section.getByText('Nu: minimaal 1 van de 2 onderdelen.').isVisible()).toBe(true)
		const [course] = await owner.db.select({ minParts: schema.courses.completionMinParts }).from(schema.courses).where(eq(schema.courses.id, f.course))
		expect(course!.minParts).toBe(1)
		const trail = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'course.completion_rule_set'), eq(schema.auditLog.objectId, f.course)))
		expect(trail).toEqual([expect.objectContaining({ before: { minParts: null }, after: { minParts: 1 } })])
		expect(await accessibilityViolations(page)).toEqual([])
		await expectFits(page, 320)

		// The order of the parts: the classroom session first; moved down, the module comes first.
		const order = page.getByRole('list', { name: 'Volgorde van de onderdelen' })
		expect(await order.getByRole('listitem').allTextContents()).toEqual(['Klassikale bijeenkomst Omlaag', 'Online module Module Hygiëne Omhoog'])
		await order.getByRole('button', { name: 'Klassikale bijeenkomst omlaag' }).click()
		await page.getByRole('status').filter({ hasText: 'De volgorde is opgeslagen.' }).waitFor()
		expect(await page.getByRole('list', { name: 'Volgorde van de onderdelen' }).getByRole('listitem').allTextContents()).toEqual(['Online module Module Hygiëne Omlaag', 'Klassikale bijeenkomst Omhoog'])
		expect(await accessibilityViolations(page)).toEqual([])
		await expectFits(page, 320)
		const moved = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'course.part_order_set'), eq(schema.auditLog.objectId, f.course)))
		expect(moved).toEqual([expect.objectContaining({ after: { classroomIndex: 1, online: [f.link] } })])
		// Sanne's "Mijn leren" follows the course's order.
		const learner = await e2e.newPage()
		await signInAs(learner, SANNE, { returnTo: '/mijn-leren' })
		const parts = learner.getByRole('list', { name: `Voortgang per onderdeel van ${f.courseTitle}` })
		expect((await parts.getByRole('listitem').allTextContents()).map((text) => text.split(':')[0])).toEqual(['Online module Module Hygiëne', 'Klassikale bijeenkomst'])
	})
})
