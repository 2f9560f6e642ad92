import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { ALL_LTI_SCOPES, LIS_ROLES } from '@leerplein/domain'
import { and, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { startLtijsTool, type LtijsTool } from '../support/ltijs-tool.ts'

// Moodle over LTI 1.3 (issue 6) against a real third-party tool: ltijs with ltijs-sequelize on
// PostgreSQL. Leerplein launches into it from the course page in a real browser, ltijs validates
// the id_token with Leerplein's JWKS, then obtains tokens from Leerplein's token endpoint with its
// own client assertions and uses AGS (a completed score closes the enrolment) and NRPS.

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const drivers = await testDrivers()

describe.skipIf(!drivers.includes('postgres'))('Moodle over LTI 1.3 with ltijs as the tool', () => {
	const e2e = useE2E({ driver: 'postgres', owner: true })
	const { portal, owner } = e2e
	let tool: LtijsTool
	let ids: { rvo: string; sanne: string; lotte: string; course: string; enrolment: string; toolId: string; link: string }

	beforeAll(async () => {
		tool = await startLtijsTool({ platformUrl: portal.url })
		const db = owner.db
		const [rvo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const userId = async (email: string) => (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]!.id
		const [course] = await db
			.insert(schema.courses)
			.values({
				providerTenantId: rvo!.id,
				title: 'Veilig werken met persoonsgegevens (online)',
				summary: 'Een e-learning over de AVG in het dagelijks werk.',
				description: 'Volledig online, in Moodle.',
				form: 'elearning',
				durationMinutes: 90,
				status: 'published',
			})
			.returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: new Date(Date.now() + 37 * 86_400_000), capacity: 500 })
			.returning()
		const sanne = await userId(persona('rvo-employee').email)
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne, status: 'enrolled' }).returning()
		const [registered] = await db
			.insert(schema.ltiTools)
			.values({
				name: 'Testleeromgeving',
				clientId: tool.clientId,
				deploymentIds: ['1'],
				...tool.registration,
				scopes: [...ALL_LTI_SCOPES],
				shareName: true,
				shareEmail: true,
			})
			.returning()
		const [link] = await db
			.insert(schema.ltiResourceLinks)
			.values({ tenantId: rvo!.id, courseId: course!.id, toolId: registered!.id, deploymentId: '1', title: 'Module Veilig werken', custom: { id: 'published-resource-uuid' } })
			.returning()
		ids = {
			rvo: rvo!.id,
			sanne,
			lotte: await userId(persona('nvwa-employee').email),
			course: course!.id,
			enrolment: enrolment!.id,
			toolId: registered!.id,
			link: link!.id,
		}
	})
	afterAll(() => tool?.stop())

	async function openPart(page: Page): Promise<Page> {
		const [toolPage] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Open Module Veilig werken/ }).click()])
		await toolPage.waitForLoadState()
		return toolPage
	}

	test('an enrolled employee opens the online part in a new window and lands in the tool, signed in', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, SANNE)
		await page.goto(`/catalogus/${ids.course}`)
		await expect(page.getByRole('heading', { name: 'Online onderdelen' }).isVisible()).resolves.toBe(true)
		expect(await page.getByText('Nog niet afgerond').isVisible()).toBe(true)
		expect(await accessibilityViolations(page)).toEqual([])

		const toolPage = await openPart(page)
		await toolPage.getByRole('heading', { name: 'Welkom in de testleeromgeving' }).waitFor()
		expect(tool.refusals).toEqual([])
		const launch = tool.launches.at(-1)!
		expect(launch.user).toBe(ids.sanne)
		expect(launch.platformContext.resource.id).toBe(ids.link)
		expect(launch.platformContext.context.id).toBe(ids.course)
		expect(launch.platformContext.custom).toEqual({ id: 'published-resource-uuid' })
		expect(launch.platformContext.roles).toEqual([LIS_ROLES.learner])
		expect(launch.platformContext.endpoint?.lineitems).toBe(`${portal.url}/lti/ags/${ids.course}/lineitems`)
		expect(launch.platformContext.namesRoles?.context_memberships_url).toBe(`${portal.url}/lti/nrps/${ids.course}/memberships`)
		// RVO does not share contact details with tools (the concern default), whatever the registration allows.
		expect(launch.userInfo?.email).toBeUndefined()
		await context.close()
	})

	test('the tool posts a completed score through AGS: the enrolment is completed and the course page says so', async () => {
		const launch = tool.launches.at(-1)!
		const { lineItems } = await tool.lti.Grade.getLineItems(launch, { resourceLinkId: true })
		expect(lineItems).toEqual([])
		const lineItem = await tool.lti.Grade.createLineItem(launch, { scoreMaximum: 100, label: 'Eindtoets', tag: 'quiz', resourceId: 'quiz-1', resourceLinkId: ids.link })
		expect(lineItem).toMatchObject({ label: 'Eindtoets', tag: 'quiz', resourceId: 'quiz-1', resourceLinkId: ids.link })
		await tool.lti.Grade.submitScore(launch, String(lineItem.id), { scoreGiven: 80, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' })

		const [enrolment] = await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolment))
		expect(enrolment!.status).toBe('completed')
		const audit = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.online_part_completed'), eq(schema.auditLog.objectId, String(lineItem.id).split('/').at(-1)!)))
		expect(audit).toHaveLength(1)

		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, SANNE)
		await page.goto(`/catalogus/${ids.course}`)
		expect(await page.getByText(/Afgerond op/).isVisible()).toBe(true)
		expect(await page.getByText('score 80 van 100').isVisible()).toBe(true)

		// "Mijn leren" lists the course under history as completed, with the online part's completion and score.
		await page.goto('/mijn-leren')
		const history = page.getByRole('table', { name: 'Geschiedenis' })
		const row = history.getByRole('row').filter({ hasText: 'Veilig werken met persoonsgegevens (online)' })
		expect(await row.getByRole('cell', { name: /Afgerond/ }).isVisible()).toBe(true)
		expect(await row.getByText(/Online onderdeel Module Veilig werken: Afgerond op .+, score 80 van 100/).isVisible()).toBe(true)
		expect(await page.getByRole('table', { name: 'Ingeschreven' }).getByText('Veilig werken met persoonsgegevens (online)').count()).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])
		await context.close()
	})

	test("the tool reads the memberships through NRPS: the enrolled employee as a learner, RVO's coordinators as instructors", async () => {
		const { members } = await tool.lti.NamesAndRoles.getMembers(tool.launches.at(-1)!)
		expect(members).toContainEqual({ user_id: ids.sanne, roles: [LIS_ROLES.learner], status: 'Active' })
		const fatima = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona('rvo-coordinator').email))
		expect(members).toContainEqual({ user_id: fatima[0]!.id, roles: [LIS_ROLES.instructor], status: 'Active' })
		expect(members.every((member) => Array.isArray(member.roles) && member.roles.length > 0)).toBe(true)
	})

	test('an employee who is not enrolled cannot open the online part', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, 'Lotte van Dijk')
		await page.goto(`/catalogus/${ids.course}`)
		expect(await page.getByRole('link', { name: /Open Module Veilig werken/ }).count()).toBe(0)
		const response = await page.goto(`/lti/starten/${ids.link}`)
		expect(response?.status()).toBe(403)
		expect(await page.getByText('U kunt dit online onderdeel pas openen als u voor de opleiding bent ingeschreven.').isVisible()).toBe(true)
		await context.close()
	})
	test('a coordinator picks content in the tool (Deep Linking): the signed response adds an online part with its line item', async () => {
		tool.setDeepLinkingItems([
			{
				type: 'ltiResourceLink',
				title: 'Quiz hoofdstuk 2',
				url: `${tool.url}/quiz/2`,
				custom: { id: 'quiz-2-uuid' },
				lineItem: { scoreMaximum: 10, label: 'Quiz 2', tag: 'quiz', resourceId: 'quiz-2' },
			},
		])
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, FATIMA)
		await page.goto(`/catalogus/${ids.course}/online-onderdelen`)
		expect(await accessibilityViolations(page)).toEqual([])
		const [toolPage] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /^Inhoud kiezen in Testleeromgeving\b/ }).click()])
		// The tool answers at once with its auto-posted response; the window ends on our page.
		await toolPage.getByText('Er is 1 online onderdeel gekoppeld.').waitFor()
		expect(await toolPage.getByRole('rowheader', { name: 'Quiz hoofdstuk 2', exact: true }).isVisible()).toBe(true)
		const request = tool.launches.at(-1)!
		expect(request.platformContext.messageType).toBe('LtiDeepLinkingRequest')
		expect(request.platformContext.roles).toContain(LIS_ROLES.instructor)

		const [part] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.title, 'Quiz hoofdstuk 2'))
		expect(part).toMatchObject({ courseId: ids.course, targetLinkUri: `${tool.url}/quiz/2`, custom: { id: 'quiz-2-uuid' } })
		const [item] = await owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.resourceLinkId, part!.id))
		expect(item).toMatchObject({ label: 'Quiz 2', scoreMaximum: 10, tag: 'quiz', resourceId: 'quiz-2' })

		// A part chosen through Deep Linking has no Moodle ids yet: the coordinator sets them, so the
		// web-services sync can read its completion. Half a pair is refused beside the field.
		await toolPage.getByRole('link', { name: 'Moodle-ids van Quiz hoofdstuk 2 instellen' }).click()
		const identify = toolPage.getByRole('region', { name: 'Moodle-ids van Quiz hoofdstuk 2' })
		await identify.getByLabel('Cursus-id in Moodle').fill('7')
		await identify.getByRole('button', { name: 'Moodle-ids opslaan' }).click()
		await toolPage.locator('#part-moodle-ids-moodleActivityId-error').waitFor()
		expect(await identify.getByLabel('Activiteit-id in Moodle').getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(toolPage)).toEqual([])
		await identify.getByLabel('Activiteit-id in Moodle').fill('42')
		await identify.getByRole('button', { name: 'Moodle-ids opslaan' }).click()
		await toolPage.getByText('De Moodle-ids zijn opgeslagen.').waitFor()
		expect(await toolPage.getByRole('row').filter({ hasText: 'Quiz hoofdstuk 2' }).getByRole('cell', { name: 'Cursus 7, activiteit 42' }).isVisible()).toBe(true)
		const [identified] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.id, part!.id))
		expect(identified).toMatchObject({ moodleCourseId: 7, moodleActivityId: 42 })
		const audit = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.online_part_moodle_ids_set'), eq(schema.auditLog.objectId, part!.id)))
		expect(audit).toEqual([expect.objectContaining({ after: { moodleCourseId: 7, moodleActivityId: 42 } })])
		await context.close()
	})
})
