import { createHash } from 'node:crypto'
import { createDatabase } from '@leerplein/db'
import { createJobQueue, SESSION_PURGE_QUEUE } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { eq } from 'drizzle-orm'
import { testDrivers } from '@leerplein/db/testing'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeEach, describe, expect, onTestFinished, test } from 'vitest'
import { pollUntil } from '../support/poll.ts'
import { accessibilityViolations, ELS, FATIMA, PETER, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

const COOKIE = '__Host-leerplein-sessie'

describe.each(await testDrivers())('signing in and out on %s', (driver) => {
	const e2e = useE2E({ driver, owner: driver === 'postgres' })
	const { portal } = e2e
	let context: BrowserContext
	let page: Page

	beforeEach(async () => {
		page = await e2e.newPage()
		context = page.context()
	})

	const sessionCookie = async (ctx = context) => (await ctx.cookies()).find((cookie) => cookie.name === COOKIE)

	test('a demo persona signs in with a hardened session cookie, and the sign-in page passes the scan', async () => {
		await page.goto('/inloggen')
		expect(await accessibilityViolations(page)).toEqual([])
		await signInAs(page, SANNE)
		const cookie = await sessionCookie()
		expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })
		expect(cookie!.value).toMatch(/^[\w-]{43}$/) // 256 random bits, base64url
	})

	test('every sign-in gets a new token', async () => {
		await signInAs(page, SANNE)
		const first = (await sessionCookie())!.value
		await page.getByRole('button', { name: 'Uitloggen' }).click()
		await page.getByText('U bent uitgelogd.').waitFor()
		await signInAs(page, SANNE)
		expect((await sessionCookie())!.value).not.toBe(first)
	})

	test('sign-out ends the session on the server: the old cookie no longer works', async () => {
		await signInAs(page, SANNE)
		const stolen = (await sessionCookie())!
		await page.getByRole('button', { name: 'Uitloggen' }).click()
		await page.getByText('U bent uitgelogd.').waitFor()
		await context.addCookies([stolen])
		await page.goto('/account')
		expect(new URL(page.url()).pathname).toBe('/inloggen')
	})

	test('sign out everywhere ends the sessions on other devices too', async () => {
		const laptop = await e2e.newContext()
		const laptopPage = await laptop.newPage()
		await signInAs(laptopPage, SANNE)
		await signInAs(page, SANNE)
		await page.goto('/account')
		expect(await page.getByRole('table').locator('tbody tr').count()).toBeGreaterThanOrEqual(2)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Overal uitloggen' }).click()
		await page.getByText('U bent uitgelogd.').waitFor()
		await laptopPage.goto('/account')
		expect(new URL(laptopPage.url()).pathname).toBe('/inloggen')
		await laptop.close()
	})

	test('a protected page sends an anonymous visitor to sign in, and back afterwards', async () => {
		await page.goto('/account')
		expect(new URL(page.url()).pathname).toBe('/inloggen')
		await page.getByRole('button', { name: `Inloggen als ${SANNE}` }).click()
		await page.getByRole('heading', { name: 'Mijn account' }).waitFor()
		expect(await page.locator('dd').first().textContent()).toBe('Rijksdienst voor Ondernemend Nederland')
	})

	test('a forged persona is refused with a clear message, and nobody is signed in', async () => {
		const response = await fetch(`${portal.url}/inloggen`, { method: 'POST', body: new URLSearchParams({ intent: 'persona', persona: 'root' }), redirect: 'manual' })
		expect(response.status).toBe(400)
		expect(await response.text()).toContain('Kies een van de demopersonen in de lijst.')
		expect(response.headers.get('set-cookie')).toBeNull()
	})

	test("a coordinator sees their own unit's P&O rules, never another unit's", async () => {
		await signInAs(page, FATIMA)
		// Reached from the administration page, not only from the account page (issue 19, item 4).
		await openAdministrationTask(page, 'P&O-regels van mijn onderdeel')
		await page.waitForURL('**/onderdelen/rvo/regels')
		const own = await page.goto('/onderdelen/rvo/regels')
		expect(own?.status()).toBe(200)
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('P&O-regels van Rijksdienst voor Ondernemend Nederland')
		// A header row and one per rule: approval, approvers, budget, over budget, cost centre, cancellation, no-show, other units, language, sharing with learning tools.
		expect(await page.getByRole('row').count()).toBe(11)
		expect(await page.getByRole('rowheader', { name: 'Naam en e-mailadres delen met leeromgevingen (Moodle)' }).isVisible()).toBe(true)
		expect(await accessibilityViolations(page)).toEqual([])
		const foreign = await page.goto('/onderdelen/nvwa/regels')
		expect(foreign?.status()).toBe(403)
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Geen toegang')
		expect(await page.locator('body').textContent()).not.toContain('Leerbudget')
		expect(await accessibilityViolations(page)).toEqual([])
	})

	test('an employee may not read the P&O rules; an unknown unit is a 404', async () => {
		await signInAs(page, SANNE)
		expect((await page.goto('/onderdelen/rvo/regels'))?.status()).toBe(403)
		expect((await page.goto('/onderdelen/bestaat-niet/regels'))?.status()).toBe(404)
	})

	test("the NVWA coordinator reads NVWA's rules; the concern administrator reads any unit's", async () => {
		await signInAs(page, PETER)
		expect((await page.goto('/onderdelen/nvwa/regels'))?.status()).toBe(200)
		expect((await page.goto('/onderdelen/rvo/regels'))?.status()).toBe(403)
		await page.getByRole('button', { name: 'Uitloggen' }).click()
		await page.getByText('U bent uitgelogd.').waitFor()
		await signInAs(page, ELS)
		expect((await page.goto('/onderdelen/nvwa/regels'))?.status()).toBe(200)
	})

	if (driver === 'postgres') {
		test('the database keeps only the hash of the token, and the audit log records the sign-in', async () => {
			await signInAs(page, SANNE)
			const token = (await sessionCookie())!.value
			// As the owner: the portal's own role may not read auth_sessions at all (ADR 006).
			const owner = portal.databaseUrl!
			const client = await createDatabase({ driver: 'postgres', url: owner, migrationUrl: owner }, { role: 'migrator' })
			try {
				const sessions = await client.db.select().from(schema.authSessions)
				const ids = sessions.map((session) => session.id)
				expect(ids).toContain(createHash('sha256').update(token).digest('hex'))
				expect(ids).not.toContain(token)
				expect(JSON.stringify(sessions)).not.toContain(token)
				const audit = await client.db.select().from(schema.auditLog)
				const signIns = audit.filter((entry) => entry.action === 'auth.sign_in')
				expect(signIns.length).toBeGreaterThan(0)
				expect(JSON.stringify(audit)).not.toContain(token)
			} finally {
				await client.close()
			}
		})

		test('deactivating an account ends its sessions at the next request', async () => {
			// The portal is shared with other test files, which sign in as Mark too.
			onTestFinished(async () => {
				await e2e.owner.db.update(schema.users).set({ active: true }).where(eq(schema.users.email, 'demo.leidinggevende@rvo.demo.rijksoverheid.nl'))
			})
			await signInAs(page, 'Mark Jansen')
			await page.goto('/account')
			expect(new URL(page.url()).pathname).toBe('/account')
			const owner = portal.databaseUrl!
			const client = await createDatabase({ driver: 'postgres', url: owner, migrationUrl: owner }, { role: 'migrator' })
			try {
				// What an administrator's deactivation does to the account (no admin screen exists yet).
				await client.db.update(schema.users).set({ active: false }).where(eq(schema.users.email, 'demo.leidinggevende@rvo.demo.rijksoverheid.nl'))
			} finally {
				await client.close()
			}
			await page.goto('/account')
			expect(new URL(page.url()).pathname).toBe('/inloggen')
			expect(await page.getByRole('status').textContent()).toBe('Uw sessie is verlopen. Log opnieuw in.')
		})
	}
})

describe('session timeouts', () => {
	// The portal's clock is the test's: the default policy (30 minutes idle, 8 hours at most) without
	// waiting for it. On PostgreSQL, so the test can read auth_sessions as the owner and queue a job.
	const e2e = useE2E({ driver: 'postgres', clock: true, owner: true, env: { JOBS_IN_PROCESS: 'true', JOB_POLL_SECONDS: '0.5' } })
	const minutes = (count: number) => count * 60_000
	const sessionsOf = async (hash: string) => (await e2e.owner.db.select().from(schema.authSessions).where(eq(schema.authSessions.id, hash))).length

	test('an idle session expires, and the person is told why', async () => {
		const page = await e2e.newPage()
		await signInAs(page, SANNE)
		await e2e.clock.advance(minutes(31))
		await page.goto('/account')
		expect(await page.getByRole('status').textContent()).toBe('Uw sessie is verlopen. Log opnieuw in.')
	})

	test('activity keeps a session alive, but never past its absolute lifetime', async () => {
		const page = await e2e.newPage()
		await signInAs(page, SANNE)
		let elapsed = 0
		// Past the 30-minute idle timeout, kept alive by a request every 20 minutes.
		while (elapsed < minutes(60)) {
			await e2e.clock.advance(minutes(20))
			elapsed += minutes(20)
			await page.goto('/account')
			expect(new URL(page.url()).pathname).toBe('/account')
		}
		while (elapsed < minutes(8 * 60 + 10)) {
			await e2e.clock.advance(minutes(20))
			elapsed += minutes(20)
			await page.goto('/catalogus')
		}
		await page.goto('/account')
		expect(new URL(page.url()).pathname).toBe('/inloggen')
	})

	test('the hourly housekeeping removes expired sessions from the database, and keeps live ones', async () => {
		const expiring = await e2e.newPage()
		await signInAs(expiring, SANNE)
		const expiredHash = await sessionHash(expiring)
		await e2e.clock.advance(minutes(31))
		const live = await e2e.newPage()
		await signInAs(live, FATIMA)
		const liveHash = await sessionHash(live)
		expect(await sessionsOf(expiredHash)).toBe(1)

		// The schedule fires on pg-boss's own clock; the test queues the same job instead of waiting an hour.
		const url = e2e.portal.databaseUrl!
		const client = await createDatabase({ driver: 'postgres', url, migrationUrl: url }, { role: 'migrator' })
		const boss = createJobQueue(client, { supervise: false, schedule: false })
		try {
			await boss.start()
			await boss.send(SESSION_PURGE_QUEUE, {})
		} finally {
			await boss.stop({ graceful: false })
			await client.close()
		}
		await pollUntil(async () => (await sessionsOf(expiredHash)) === 0, { message: 'the expired session to be purged' })
		expect(await sessionsOf(liveHash)).toBe(1)
		expect(e2e.portal.logs().some((line) => line.msg === 'expired sessions purged' && Number(line.removed) >= 1)).toBe(true)
	})

	async function sessionHash(page: Page): Promise<string> {
		const cookie = (await page.context().cookies()).find((each) => each.name === COOKIE)!
		return createHash('sha256').update(cookie.value).digest('hex')
	}
})

describe('without demo mode', () => {
	const { portal } = useE2E({ driver: 'pglite', env: { DEMO_MODE: 'false' }, browser: false })

	test('there is no persona sign-in, whatever the request says', async () => {
		const page = await (await fetch(`${portal.url}/inloggen?demo=1`)).text()
		expect(page).not.toContain('Inloggen als')
		const post = await fetch(`${portal.url}/inloggen`, {
			method: 'POST',
			headers: { 'X-Demo-Mode': 'true', Cookie: 'demo=1' },
			body: new URLSearchParams({ intent: 'persona', persona: 'rvo-employee', demoMode: 'true' }),
			redirect: 'manual',
		})
		expect(post.status).toBe(404)
		expect(post.headers.get('set-cookie')).toBeNull()
	})
})
