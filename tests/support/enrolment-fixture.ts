import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import type { PoOverrides } from '@leerplein/domain'

/** The portal's session cookie in production mode (app/features/identity/cookie.ts). */
export const SESSION_COOKIE = '__Host-leerplein-sessie'

export type EnrolmentFixture = {
	provider: string
	other: string
	courseId: string
	sessionIds: string[]
	employees: { userId: string; tenantId: string; cookie: string }[]
}

/**
 * A provider unit and a second unit, one free concern-wide course with `sessions` sessions of
 * `capacity` seats a month ahead, and `employees` signed-in employees split over both units
 * (so half of every burst is cross-unit). Sessions are written straight into auth_sessions, as
 * auth.start() would, instead of signing in a thousand times through the browser.
 */
export async function insertEnrolmentFixture(
	owner: Database,
	{ employees, sessions, capacity, providerRules = {} }: { employees: number; sessions: number; capacity: number; providerRules?: PoOverrides },
): Promise<EnrolmentFixture> {
	const suffix = randomBytes(3).toString('hex')
	const [provider, other] = (
		await owner
			.insert(schema.tenants)
			.values([
				{ slug: `aanbieder-${suffix}`, name: `Aanbieder ${suffix}`, shortName: 'AAN', poOverrides: { approval: { mode: 'never' }, acceptsOtherUnits: true, ...providerRules } },
				{ slug: `ander-${suffix}`, name: `Ander ${suffix}`, shortName: 'AND', poOverrides: { approval: { mode: 'never' } } },
			])
			.returning({ id: schema.tenants.id })
	).map((row) => row.id) as [string, string]
	const [course] = await owner
		.insert(schema.courses)
		.values({
			providerTenantId: provider,
			title: `Drukbezochte verplichte training ${suffix}`,
			summary: 'Iedereen tegelijk',
			description: 'Een verplichte training waarvoor honderden mensen zich tegelijk inschrijven.',
			form: 'classroom',
			durationMinutes: 120,
			status: 'published',
			visibility: 'concern',
			priceCents: 0,
		})
		.returning({ id: schema.courses.id })
	const start = Date.now() + 30 * 86_400_000
	const sessionRows = await owner
		.insert(schema.sessions)
		.values(
			Array.from({ length: sessions }, (_, i) => ({
				tenantId: provider,
				courseId: course!.id,
				startsAt: new Date(start + i * 86_400_000),
				endsAt: new Date(start + i * 86_400_000 + 7_200_000),
				capacity,
			})),
		)
		.returning({ id: schema.sessions.id })
	const people = Array.from({ length: employees }, (_, i) => ({
		tenantId: i % 2 === 0 ? provider : other,
		employeeNumber: `${suffix}-${i}`,
		name: `Medewerker ${i}`,
		email: `medewerker-${suffix}-${i}@test.rijksoverheid.nl`,
	}))
	const users: { id: string; tenantId: string }[] = []
	for (let i = 0; i < people.length; i += 500) {
		users.push(...(await owner.insert(schema.users).values(people.slice(i, i + 500)).returning({ id: schema.users.id, tenantId: schema.users.tenantId })))
	}
	const now = Date.now()
	const signedIn = users.map((user) => ({ userId: user.id, tenantId: user.tenantId, token: randomBytes(32).toString('base64url') }))
	for (let i = 0; i < signedIn.length; i += 500) {
		await owner.insert(schema.authSessions).values(
			signedIn.slice(i, i + 500).map((person) => ({
				id: createHash('sha256').update(person.token).digest('hex'),
				userId: person.userId,
				expiresAt: new Date(now + 8 * 3600_000),
				absoluteExpiresAt: new Date(now + 12 * 3600_000),
				idleTimeoutSeconds: 8 * 3600,
			})),
		)
	}
	return {
		provider,
		other,
		courseId: course!.id,
		sessionIds: sessionRows.map((row) => row.id),
		employees: signedIn.map((person) => ({ userId: person.userId, tenantId: person.tenantId, cookie: `${SESSION_COOKIE}=${person.token}` })),
	}
}

