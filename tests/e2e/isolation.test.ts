import { createDatabase, schema } from '@leerplein/db'
import { testDrivers } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CROSS_TENANT_PROBES, isControl, type IsolationFixtures, type Persona } from '../isolation/probes.ts'
import { ROUTE_ACCESS } from '../isolation/route-access.ts'
import { startPortal, type RunningPortal } from '../support/portal.ts'

const manifest = (await import(new URL('../../app/build/server/index.js', import.meta.url).href)) as { routes: Record<string, unknown> }
const routeIds = Object.keys(manifest.routes).sort()

describe('every route says how it is isolated', () => {
	test('each route in the portal is classified, and nothing stale is', () => {
		expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routeIds)
	})

	test('each tenant-owned route has attacks by another unit and a control by the owner', () => {
		for (const [routeId, route] of Object.entries(ROUTE_ACCESS)) {
			if (route.access !== 'tenant-owned') continue
			const probes = CROSS_TENANT_PROBES[routeId] ?? []
			expect(probes.filter((probe) => !isControl(probe)).length, routeId).toBeGreaterThan(0)
			expect(probes.filter(isControl).length, routeId).toBeGreaterThan(0)
		}
	})
})

// The probes need to plant private rows of one unit, which takes the owner's connection: PostgreSQL.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('the tenant-isolation matrix on %s', (driver) => {
	let portal: RunningPortal
	let fixtures: IsolationFixtures
	const cookies = new Map<Persona, string>()

	beforeAll(async () => {
		portal = await startPortal(driver)
		fixtures = await plantFixtures(portal.databaseUrl!)
		for (const persona of ['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-coordinator'] as const) {
			cookies.set(persona, await signIn(portal, persona))
		}
	})
	afterAll(() => portal?.stop())

	const cases = Object.entries(CROSS_TENANT_PROBES).flatMap(([routeId, probes]) =>
		probes.map((probe) => ({ label: `${routeId}: ${probe.name} (as ${probe.as ?? 'anonymous'})`, probe })),
	)

	test.each(cases)('$label', async ({ probe }) => {
		const headers: Record<string, string> = probe.as ? { Cookie: cookies.get(probe.as)! } : {}
		const response = await fetch(`${portal.url}${probe.path(fixtures)}`, { headers, redirect: 'manual' })
		expect(response.status).toBe(probe.expectStatus)
		if (probe.text) {
			const body = await response.text()
			if (isControl(probe)) expect(body).toContain(probe.text(fixtures))
			else expect(body).not.toContain(probe.text(fixtures))
		}
	})
})

async function signIn(portal: RunningPortal, persona: Persona): Promise<string> {
	const response = await fetch(`${portal.url}/inloggen`, {
		method: 'POST',
		headers: { Origin: portal.url },
		body: new URLSearchParams({ persona }),
		redirect: 'manual',
	})
	const cookie = response.headers.get('set-cookie')?.split(';')[0]
	if (response.status !== 302 || !cookie) throw new Error(`could not sign in as ${persona}: ${response.status}`)
	return cookie
}

/** NVWA's newest course, still a draft, and an NVWA course opened to ACM only. */
async function plantFixtures(ownerUrl: string): Promise<IsolationFixtures> {
	const owner = await createDatabase({ driver: 'postgres', url: ownerUrl, migrationUrl: ownerUrl }, { role: 'migrator' })
	try {
		const tenants = await owner.db.select().from(schema.tenants)
		const idOf = (slug: string) => tenants.find((tenant) => tenant.slug === slug)!.id
		const course = (title: string, status: 'draft' | 'published', visibility: 'concern' | 'selected') => ({
			providerTenantId: idOf('nvwa'),
			title,
			summary: `${title}.`,
			description: 'Alleen voor de isolatietest.',
			form: 'classroom' as const,
			durationMinutes: 120,
			status,
			visibility,
			createdAt: new Date(Date.now() + 60_000),
		})
		const [draft, acmOnly] = await owner.db
			.insert(schema.courses)
			.values([course('Conceptopleiding van de NVWA (isolatietest)', 'draft', 'concern'), course('Alleen voor ACM (isolatietest)', 'published', 'selected')])
			.returning({ id: schema.courses.id, title: schema.courses.title })
		await owner.db.insert(schema.courseAudiences).values({ courseId: acmOnly!.id, tenantId: idOf('acm') })
		return { nvwaDraftCourse: draft!, nvwaCourseForAcmOnly: acmOnly! }
	} finally {
		await owner.close()
	}
}
