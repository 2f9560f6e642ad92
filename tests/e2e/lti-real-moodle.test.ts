import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { moodleLtiUsername } from '@leerplein/moodle'
import { and, eq, notInArray } from 'drizzle-orm'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { chromiumArgs, makeTestCertificates, ownHostsPrefix, startTlsProxy, type TlsProxy } from '../support/https-sites.ts'
import { pollUntil } from '../support/poll.ts'
import { freePort, startPortal, type RunningPortal } from '../support/portal.ts'
import { MOODLE_ADMIN, MOODLE_SCRIPTS, realMoodleAvailable, startRealMoodle, type PublishedCourse, type RealMoodle } from '../support/real-moodle.ts'
import { ELS, FATIMA, SANNE, signInAs } from '../support/sign-in.ts'

// Leerplein as the LTI 1.3 platform of a real Moodle 5.1.3 (issue 13), both over https on host
// names of their own, as in production: https://leerplein.test and https://moodle.test, so
// SameSite cookies, redirects and cross-site form posts behave as they do there. Moodle comes
// from ../shared/moodle beside the repository and is installed once for this file. The tests run
// in order, each on what the one before left: registration, Deep Linking, launch, grade, members,
// completion without a grade, key rotation, a quiz.

const PORTAL_HOST = 'leerplein.test'
const MOODLE_HOST = 'moodle.test'
// Moodle's proxy listens on an address of its own (support/real-moodle.ts says why).
const HOSTS = { [PORTAL_HOST]: '127.0.0.1', [MOODLE_HOST]: '127.0.0.2' }

const available = realMoodleAvailable()
if (!available) {
	const why = `no Moodle scripts at ${MOODLE_SCRIPTS} (../shared/moodle beside the repository, or MOODLE_SCRIPTS)`
	if (process.env.CI) throw new Error(`The real-Moodle end-to-end test cannot run: ${why}. CI must run it.`)
	console.warn(`\n!!!!\n!! SKIPPED: the real-Moodle end-to-end test (e2e/lti-real-moodle.test.ts): ${why}.\n!!!!\n`)
}

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!

// Moodle's CLI tasks (grade, sync) take tens of seconds on a busy machine.
describe.skipIf(!available)('Leerplein as the LTI 1.3 platform of a real Moodle 5.1.3, over https', { timeout: 180_000 }, () => {
	const timings: Record<string, number> = {}
	let workDir: string
	let moodle: RealMoodle
	let portal: RunningPortal
	let portalProxy: TlsProxy
	let owner: DatabaseClient
	let browser: Browser
	let publicUrl: string
	let published: PublishedCourse
	/** The name Moodle registered under (its site name). */
	let toolName: string
	let ids: { rvo: string; course: string; sanne: string; colleague: string; enrolment: string }
	const contexts: BrowserContext[] = []
	let starting: { moodle?: Promise<RealMoodle>; portal?: Promise<RunningPortal>; browser?: Promise<Browser> } = {}

	/** Runs `work` and notes how long it took under `stage`, for the report at the end. */
	async function timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
		const start = performance.now()
		try {
			return await work()
		} finally {
			timings[stage] = Math.round(performance.now() - start) / 1000
		}
	}

	async function newPage(): Promise<Page> {
		const context = await browser.newContext({ baseURL: publicUrl })
		// A fresh Moodle builds its theme's CSS and JavaScript on first use: tens of seconds on a busy machine.
		context.setDefaultTimeout(90_000)
		contexts.push(context)
		return context.newPage()
	}

	beforeAll(async () => {
		workDir = mkdtempSync(join(tmpdir(), 'leerplein-real-moodle-'))
		const certificates = makeTestCertificates(workDir, Object.keys(HOSTS))
		const commandPrefix = ownHostsPrefix(workDir, HOSTS)
		const portalPort = await freePort()
		publicUrl = `https://${PORTAL_HOST}:${portalPort}`
		await timed('start: Moodle (setup, https, serve), portal and Chromium', async () => {
			starting = {
				moodle: startRealMoodle({ hostName: MOODLE_HOST, address: HOSTS[MOODLE_HOST], certificates, commandPrefix, workDir }),
				portal: startPortal('postgres', {
					commandPrefix,
					env: {
						PUBLIC_URL: publicUrl,
						TRUST_PROXY: 'loopback',
						NODE_EXTRA_CA_CERTS: certificates.caFile,
						// Moodle is on loopback, which the outbound guard refuses unless named (ADR 025).
						OUTBOUND_ALLOW: MOODLE_HOST,
						SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
					},
				}),
				browser: launchBrowser({ args: chromiumArgs(HOSTS, certificates) }),
			}
			;[moodle, portal, browser] = await Promise.all([starting.moodle!, starting.portal!, starting.browser!])
		})
		Object.assign(timings, Object.fromEntries(Object.entries(moodle.timings).map(([stage, seconds]) => [`  Moodle ${stage}`, seconds])))
		portalProxy = await startTlsProxy({ address: HOSTS[PORTAL_HOST], port: portalPort, upstreamPort: Number(new URL(portal.url).port), certificates })
		owner = await createDatabase({ driver: 'postgres', url: portal.databaseUrl!, migrationUrl: portal.databaseUrl! }, { role: 'migrator' })
		published = await timed('publish-course', () => moodle.publishCourse({ withPage: true }))
		const planted = performance.now()

		// An online course of RVO, with Sanne enrolled in its running session.
		const db = owner.db
		const [rvo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona('rvo-employee').email))
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'Integriteit in de praktijk (online)', summary: 'Een e-learning over integriteit.', description: 'Volledig online, in Moodle.', form: 'elearning', durationMinutes: 60, status: 'published' })
			.returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000), capacity: 100 })
			.returning()
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled' }).returning()
		// A colleague enrolled beside her who never opens the part: Moodle learns of him only through NRPS.
		const [colleague] = await db
			.select({ id: schema.users.id })
			.from(schema.users)
			.where(and(eq(schema.users.tenantId, rvo!.id), notInArray(schema.users.email, DEMO_PERSONAS.map((candidate) => candidate.email))))
			.limit(1)
		await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: colleague!.id, status: 'enrolled' })
		ids = { rvo: rvo!.id, course: course!.id, sanne: sanne!.id, colleague: colleague!.id, enrolment: enrolment!.id }
		timings['plant the course'] = Math.round(performance.now() - planted) / 1000
		// Moodle's install alone takes up to two minutes on a busy machine.
	}, 600_000)

	afterAll(async () => {
		await timed('stop everything', async () => {
			// What started is stopped, also when another start failed or the hook ran out of time.
			const settled = <T>(start: Promise<T> | undefined) => start?.catch(() => undefined)
			const [startedMoodle, startedPortal, startedBrowser] = await Promise.all([settled(starting.moodle), settled(starting.portal), settled(starting.browser)])
			await Promise.all(contexts.map((context) => context.close()))
			await startedBrowser?.close()
			await owner?.close()
			await portalProxy?.stop()
			await startedPortal?.stop()
			await startedMoodle?.stop()
			if (workDir) rmSync(workDir, { recursive: true, force: true })
		})
		const warnings = portal?.logs().filter((line) => line.level >= 40) ?? []
		console.info(`real-Moodle e2e: the portal's warnings and errors:\n${warnings.map((line) => `  ${JSON.stringify(line)}`).join('\n') || '  none'}`)
		console.info(`real-Moodle e2e timings (s):\n${Object.entries(timings).map(([stage, seconds]) => `  ${stage}: ${seconds}`).join('\n')}`)
	}, 600_000)

	/** `work`, or its failure with what `page` shows at that moment: Moodle reports its errors on the page. */
	async function explained<T>(page: Page, work: Promise<T>): Promise<T> {
		try {
			return await work
		} catch (error) {
			const shown = await page.locator('body').innerText().catch(() => '(no page)')
			const logged = moodle.serverErrors().slice(-20).join('\n') || '(nothing)'
			throw new Error(`${(error as Error).message}\n${page.url()} shows:\n${shown.slice(0, 3000)}\nMoodle's server logged:\n${logged}`)
		}
	}

	const userId = async (email: string) => (await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]!.id

	/**
	 * Moodle's first Deep Linking of a platform user asks to link an existing Moodle account: sign
	 * in as Moodle's administrator there, link, continue.
	 */
	async function signInToLinkMoodleAccount(moodlePage: Page) {
		await moodlePage.getByRole('heading', { name: 'Welcome!' }).waitFor()
		await moodlePage.getByRole('button', { name: 'Log in' }).click()
		await signInToMoodle(moodlePage)
		await moodlePage.getByRole('button', { name: 'Link this account' }).click()
		await moodlePage.getByText('Your existing account has been successfully linked.').waitFor()
		await moodlePage.getByRole('link', { name: 'Continue' }).click()
	}

	/**
	 * Fills Moodle's login form (shown on `page`) as its administrator and waits for Moodle's answer:
	 * a redirect away from /login/. Only that answer, not the next page's load: Moodle's pages
	 * load many scripts, which on a busy machine outlast any sensible wait.
	 */
	async function signInToMoodle(page: Page) {
		await untilPasswordFieldSwapped(page)
		await page.getByLabel('Username').fill(MOODLE_ADMIN.username)
		await page.getByLabel('Password', { exact: true }).fill(MOODLE_ADMIN.password)
		const signedIn = Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login/'), { waitUntil: 'commit' }), page.getByRole('button', { name: 'Log in' }).click()])
		// A refusal shows on the login page again: said at once, not after the wait for a redirect.
		const refused = page
			.getByText('Invalid login, please try again')
			.waitFor({ timeout: 90_000 })
			.then(() => Promise.reject(new Error('Moodle refused the sign-in: “Invalid login, please try again”')))
		refused.catch(() => {})
		try {
			await explained(page, Promise.race([signedIn, refused]))
		} catch (error) {
			throw new Error(`${(error as Error).message}\n${await whyMoodleRefusedSignIn(page)}`)
		}
	}

	/**
	 * Moodle's login page swaps its password field for a copy with a show/hide button once that
	 * button's template has rendered (core/togglesensitive sets the field's outerHTML, taken before
	 * anything was typed). A password filled in before the swap is lost: on a busy machine Moodle then
	 * refused the sign-in as a wrong password (user_login_failed, reason 3). So fill after the swap.
	 */
	async function untilPasswordFieldSwapped(page: Page) {
		// The login form shows before the page's scripts at its end are parsed.
		await page.getByLabel('Username').waitFor()
		await page.waitForLoadState('domcontentloaded')
		const swapsField = await page.evaluate(() => Array.from(document.scripts).some((script) => script.text.includes('core/togglesensitive')))
		if (swapsField) await page.locator('.toggle-sensitive-wrapper #password').waitFor({ state: 'attached', timeout: 90_000 })
	}

	/**
	 * Moodle answers "Invalid login" both to a wrong password and to a login token that does not
	 * match the session; only the first is logged as user_login_failed, with its reason (1 no such
	 * user, 2 suspended, 3 wrong password, 4 locked out, 5 refused by an auth plugin). Said when a
	 * sign-in fails, with the cookies the browser holds for Moodle, so a failure explains itself.
	 */
	async function whyMoodleRefusedSignIn(page: Page): Promise<string> {
		const failures = await moodle.db`select other from mdl_logstore_standard_log where eventname = ${'\\core\\event\\user_login_failed'} order by id desc limit 3`.catch((error: Error) => [{ other: error.message }])
		const [admin] = await moodle.db`select auth, suspended, confirmed, deleted from mdl_user where username = ${MOODLE_ADMIN.username}`.catch(() => [])
		const cookies = (await page.context().cookies(moodle.url)).map(({ name, secure, sameSite, expires }) => `${name} (secure ${secure}, sameSite ${sameSite}, expires ${expires})`)
		return [
			`Moodle logged these failed sign-ins: ${failures.length ? failures.map((row) => row.other).join('; ') : 'none (so the login token did not match the session)'}`,
			`Moodle's admin account: ${JSON.stringify(admin ?? null)}`,
			`Cookies for Moodle: ${cookies.join(', ') || 'none'}`,
		].join('\n')
	}

	/** The concern administrator's page of the tool Moodle registered. */
	async function toolPage(): Promise<Page> {
		const page = await newPage()
		await signInAs(page, ELS, { returnTo: '/beheer/leeromgevingen' })
		await page.getByRole('link', { name: `${toolName} beheren` }).click()
		await page.getByRole('heading', { level: 1, name: toolName }).waitFor()
		return page
	}

	/** Moodle's pages finish their set-up in JavaScript; Moodle counts what is pending in M.util.pending_js, as its Behat tests wait on. */
	async function untilMoodleScriptsSettle(page: Page) {
		await page.waitForFunction(() => {
			const moodle = (window as { M?: { util?: { pending_js?: unknown[] } } }).M
			return document.readyState === 'complete' && moodle?.util?.pending_js?.length === 0
		})
	}

	const moodleRegistration = async () => (await moodle.db`select platformid, clientid, status from mdl_enrol_lti_app_registration where name = 'Leerplein'`)[0]

	test('the concern administrator registers Moodle through Dynamic Registration, with Moodle’s default empty logo_uri', async () => {
		await timed('1 Dynamic Registration', async () => {
			const page = await newPage()
			// Signed in to Moodle as its administrator in the same browser, as a person registering would be.
			await page.goto(`${moodle.url}/login/index.php`)
			await signInToMoodle(page)

			await signInAs(page, ELS, { returnTo: '/beheer/leeromgevingen' })
			await page.getByLabel('Registratieadres van de tool').fill(published.dynamicRegistrationUrl)
			await page.getByRole('button', { name: 'Registratiecode maken' }).click()
			const [moodlePage] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Registratie openen in de tool/ }).click()])
			await moodlePage.waitForLoadState()

			const registration = await explained(
				moodlePage,
				pollUntil(async () => ((await moodleRegistration())?.status === 1 ? moodleRegistration() : null), { timeoutMs: 90_000, message: 'Moodle did not complete its registration' }),
			)
			expect(registration).toMatchObject({ platformid: publicUrl })
			const [tool] = await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.clientId, registration!.clientid))
			expect(tool).toMatchObject({ registeredVia: 'dynamic', loginUrl: expect.stringContaining(`${moodle.url}/enrol/lti/login.php`), jwksUrl: `${moodle.url}/enrol/lti/jwks.php` })
			// Moodle knows the deployment Leerplein gave, so launches may come.
			const deployments = await moodle.db`select deploymentid from mdl_enrol_lti_deployment`
			expect(deployments.map((row) => row.deploymentid)).toEqual(tool!.deploymentIds)

			toolName = tool!.name
			await page.reload()
			await page.getByRole('link', { name: `${toolName} beheren` }).waitFor()
		})
	})

	test('a coordinator of the providing unit links her Moodle account, picks the assignment (Deep Linking) and it becomes an online part', async () => {
		await timed('2 Deep Linking', async () => {
			const page = await newPage()
			await signInAs(page, FATIMA, { returnTo: `/catalogus/${ids.course}/online-onderdelen` })
			const [moodlePage] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Inhoud kiezen in/ }).click()])
			await explained(moodlePage, signInToLinkMoodleAccount(moodlePage))
			const assignment = moodlePage.getByRole('row', { name: /Opdracht integriteit/ })
			await explained(moodlePage, assignment.waitFor())
			// "Add to course" and "Add to gradebook".
			await assignment.getByRole('checkbox').nth(0).check()
			await assignment.getByRole('checkbox').nth(1).check()
			await moodlePage.getByRole('button', { name: 'Add content' }).click()
			await explained(moodlePage, moodlePage.getByText('Er is 1 online onderdeel gekoppeld.').waitFor())
			expect(await moodlePage.getByRole('rowheader', { name: 'Opdracht integriteit', exact: true }).isVisible()).toBe(true)
			// Moodle sends no pass mark: the return asks for it, with the concern's default (ADR 026).
			const passMark = moodlePage.getByLabel('Cesuur van Opdracht integriteit (%)')
			expect(await passMark.inputValue()).toBe('55')
			await passMark.press('Enter')
			await explained(moodlePage, moodlePage.getByText('De cesuur is opgeslagen.').waitFor())

			const [part] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.courseId, ids.course))
			expect(part).toMatchObject({ title: 'Opdracht integriteit', custom: { id: published.uuids.assignment } })
			const [lineItem] = await owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.resourceLinkId, part!.id))
			expect(lineItem).toMatchObject({ scoreMaximum: 100 })
			// Moodle bound Leerplein's coordinator to its administrator account.
			const fatima = await userId(persona('rvo-coordinator').email)
			const [binding] = await moodle.db`select u.username from mdl_auth_lti_linked_login l join mdl_user u on u.id = l.userid where l.sub = ${fatima}`
			expect(binding).toEqual({ username: MOODLE_ADMIN.username })
		})
	})

	test('an enrolled employee opens the part in a new window; Moodle creates her account and enrols her', async () => {
		await timed('3 launch', async () => {
			const page = await newPage()
			await signInAs(page, SANNE, { returnTo: `/catalogus/${ids.course}` })
			const [moodlePage] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Open Opdracht integriteit/ }).click()])
			// The assignment, as Moodle shows it to a student.
			await explained(moodlePage, moodlePage.getByText('Beschrijf een integriteitsdilemma.').waitFor())
			expect(await moodlePage.getByRole('button', { name: 'Add submission' }).or(moodlePage.getByRole('link', { name: 'Add submission' })).isVisible()).toBe(true)
			expect(new URL(moodlePage.url()).host).toBe(new URL(moodle.url).host)

			const enrolled = await moodle.db`
				select u.username from mdl_user u
				join mdl_user_enrolments ue on ue.userid = u.id
				join mdl_enrol e on e.id = ue.enrolid and e.enrol = 'lti'
				where u.username = ${moodleLtiUsername(publicUrl, ids.sanne)}`
			expect(enrolled).toHaveLength(1)
			// RVO shares no names or e-mail addresses with tools (the concern default): Moodle names her by her opaque id and Leerplein's issuer.
			const [account] = await moodle.db`select firstname, lastname, email from mdl_user where username = ${moodleLtiUsername(publicUrl, ids.sanne)}`
			expect(account).toMatchObject({ firstname: ids.sanne, lastname: publicUrl })
			expect(account!.email).not.toBe(persona('rvo-employee').email)
		})
	})

	test('a grade in Moodle reaches Leerplein on Moodle’s grade sync: the part and the enrolment are completed on “Mijn leren”', async () => {
		await timed('4 grade and sync', async () => {
			await timed('4a grade (Moodle CLI)', () => moodle.grade(moodleLtiUsername(publicUrl, ids.sanne), 80))
			await timed('4b sync (Moodle tasks)', () => moodle.sync())
			const enrolment = await pollUntil(async () => (await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolment)))[0]?.status === 'completed', {
				timeoutMs: 10_000,
				message: 'the enrolment was not completed after Moodle synced its grades',
			})
			expect(enrolment).toBe(true)
			const page = await newPage()
			await signInAs(page, SANNE, { returnTo: '/mijn-leren' })
			const row = page.getByRole('table', { name: 'Geschiedenis' }).getByRole('row').filter({ hasText: 'Integriteit in de praktijk (online)' })
			expect(await row.getByRole('cell', { name: /Afgerond/ }).isVisible()).toBe(true)
			expect(await row.getByText(/Online onderdeel Opdracht integriteit: Afgerond op .+, score 80 van 100/).isVisible()).toBe(true)
		})
	})

	test('Moodle reads the course’s members through NRPS on its member sync: it enrols the colleague who never launched', async () => {
		// The sync of the test before ran sync_members too.
		const members = await moodle.db`
			select u.username, u.auth from mdl_enrol_lti_users lu join mdl_user u on u.id = lu.userid order by u.username`
		expect(members).toEqual(
			expect.arrayContaining([
				{ username: moodleLtiUsername(publicUrl, ids.sanne), auth: 'lti' },
				{ username: moodleLtiUsername(publicUrl, ids.colleague), auth: 'lti' },
			]),
		)
	})

	test('completion without a grade: Sanne reads a Moodle page, and the web-services sync completes that part', async () => {
		await timed('6 web-services sync', async () => {
			const token = await moodle.webServices()
			// The coordinator links the page through Deep Linking and gives it its Moodle ids.
			const coordinator = await newPage()
			await signInAs(coordinator, FATIMA, { returnTo: `/catalogus/${ids.course}/online-onderdelen` })
			const [parts] = await Promise.all([coordinator.context().waitForEvent('page'), coordinator.getByRole('link', { name: /Inhoud kiezen in/ }).click()])
			const page = parts.getByRole('row', { name: /Gedragscode lezen/ })
			await explained(parts, page.waitFor())
			await page.getByRole('checkbox').first().check()
			await parts.getByRole('button', { name: 'Add content' }).click()
			await explained(parts, parts.getByText('Er is 1 online onderdeel gekoppeld.').waitFor())
			await parts.getByRole('link', { name: 'Moodle-ids van Gedragscode lezen instellen' }).click()
			const identify = parts.getByRole('region', { name: 'Moodle-ids van Gedragscode lezen' })
			await identify.getByLabel('Cursus-id in Moodle').fill(String(published.courseId))
			await identify.getByLabel('Activiteit-id in Moodle').fill(String(published.pageCmid))
			await identify.getByRole('button', { name: 'Moodle-ids opslaan' }).click()
			await parts.getByText('De Moodle-ids zijn opgeslagen.').waitFor()

			// The concern administrator gives Leerplein the web-services token.
			const administrator = await toolPage()
			await administrator.getByLabel('Adres van de Moodle-site').fill(moodle.url)
			await administrator.getByLabel('Webservicetoken').fill(token)
			await administrator.getByRole('button', { name: 'Webservices opslaan' }).click()
			await administrator.getByText('De webservices zijn opgeslagen.').waitFor()

			// Sanne opens the page in Moodle: Moodle marks it viewed, so completed.
			const employee = await newPage()
			await signInAs(employee, SANNE, { returnTo: `/catalogus/${ids.course}` })
			const [reading] = await Promise.all([employee.context().waitForEvent('page'), employee.getByRole('link', { name: /Open Gedragscode lezen/ }).click()])
			await explained(reading, reading.getByText('Completion requirements').waitFor())
			expect(new URL(reading.url()).pathname).toBe('/mod/page/view.php')
			const completion = await pollUntil(
				async () =>
					(
						await moodle.db`
							select c.completionstate from mdl_course_modules_completion c join mdl_user u on u.id = c.userid
							where c.coursemoduleid = ${published.pageCmid} and u.username = ${moodleLtiUsername(publicUrl, ids.sanne)}`
					)[0],
				{ timeoutMs: 90_000, message: 'Moodle recorded no completion of the page Sanne viewed' },
			)
			expect(completion).toEqual({ completionstate: 1 })

			await administrator.getByRole('button', { name: 'Nu synchroniseren' }).click()
			await administrator.getByText('De synchronisatie is uitgevoerd.').waitFor()
			expect(await administrator.getByText(/Laatst gesynchroniseerd op .+: 1 onderdeel afgerond\./).isVisible()).toBe(true)
			await employee.goto('/mijn-leren')
			expect(await employee.getByText(/Online onderdeel Gedragscode lezen: Afgerond op/).isVisible()).toBe(true)
		})
	})

	test('after the platform key is rotated, Moodle accepts the next launch and its next grade sync', async () => {
		await timed('7 key rotation', async () => {
			const administrator = await newPage()
			await signInAs(administrator, ELS, { returnTo: '/beheer/leeromgevingen' })
			await administrator.getByRole('link', { name: 'Sleutel vervangen' }).click()
			await administrator.getByRole('button', { name: 'Sleutel vervangen' }).click()
			await administrator.getByText('Er tekent nu een nieuwe sleutel.', { exact: false }).waitFor()

			const employee = await newPage()
			await signInAs(employee, SANNE, { returnTo: `/catalogus/${ids.course}` })
			const [moodlePage] = await Promise.all([employee.context().waitForEvent('page'), employee.getByRole('link', { name: /Open Opdracht integriteit/ }).click()])
			await explained(moodlePage, moodlePage.getByText('Beschrijf een integriteitsdilemma.').waitFor())

			await moodle.grade(moodleLtiUsername(publicUrl, ids.sanne), 90)
			await moodle.sync()
			const [part] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.title, 'Opdracht integriteit'))
			const [lineItem] = await owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.resourceLinkId, part!.id))
			const [result] = await owner.db.select().from(schema.ltiResults).where(eq(schema.ltiResults.lineItemId, lineItem!.id))
			expect(result).toMatchObject({ scoreGiven: 90 })
		})
	})

	test('a later failing grade from Moodle is recorded, and the completion stands (ADR 026)', async () => {
		await timed('7b failing grade', async () => {
			await moodle.grade(moodleLtiUsername(publicUrl, ids.sanne), 40)
			await moodle.sync()
			const [part] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.title, 'Opdracht integriteit'))
			expect(part!.passMarkPercent).toBe(55)
			const [lineItem] = await owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.resourceLinkId, part!.id))
			const result = async () => (await owner.db.select().from(schema.ltiResults).where(and(eq(schema.ltiResults.lineItemId, lineItem!.id), eq(schema.ltiResults.userId, ids.sanne))))[0]
			const latest = await pollUntil(async () => ((await result())?.scoreGiven === 40 ? result() : null), { timeoutMs: 10_000, message: 'the failing grade did not arrive' })
			expect(latest!.completedAt).toBeInstanceOf(Date)
			const [enrolment] = await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolment))
			expect(enrolment!.status).toBe('completed')
			const kept = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.completion_kept'), eq(schema.auditLog.objectId, lineItem!.id)))
			expect(kept).toHaveLength(1)
		})
	})

	test('a quiz as well: picked through Deep Linking, taken by Sanne in Moodle, its automatic grade completes the part', async () => {
		await timed('8 quiz', async () => {
			await moodle.addQuiz()
			const coordinator = await newPage()
			await signInAs(coordinator, FATIMA, { returnTo: `/catalogus/${ids.course}/online-onderdelen` })
			const [parts] = await Promise.all([coordinator.context().waitForEvent('page'), coordinator.getByRole('link', { name: /Inhoud kiezen in/ }).click()])
			const quiz = parts.getByRole('row', { name: /Toets integriteit/ })
			await explained(parts, quiz.waitFor())
			await quiz.getByRole('checkbox').nth(0).check()
			await quiz.getByRole('checkbox').nth(1).check()
			await parts.getByRole('button', { name: 'Add content' }).click()
			await explained(parts, parts.getByText('Er is 1 online onderdeel gekoppeld.').waitFor())

			const employee = await newPage()
			await signInAs(employee, SANNE, { returnTo: `/catalogus/${ids.course}` })
			const [taking] = await Promise.all([employee.context().waitForEvent('page'), employee.getByRole('link', { name: /Open Toets integriteit/ }).click()])
			await explained(taking, taking.getByRole('button', { name: 'Attempt quiz' }).click())
			await explained(taking, taking.getByRole('radio', { name: 'True' }).check())
			await taking.getByRole('button', { name: /Finish attempt/ }).click()
			// The confirmation comes from Moodle's JavaScript: without it the button submits at once.
			await untilMoodleScriptsSettle(taking)
			await taking.getByRole('button', { name: 'Submit all and finish' }).click()
			// Moodle asks once more, in a dialog.
			await taking.getByRole('dialog').getByRole('button', { name: 'Submit all and finish' }).click()
			await explained(taking, taking.getByText('Finished').first().waitFor())

			await moodle.sync()
			const [part] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.title, 'Toets integriteit'))
			const [lineItem] = await owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.resourceLinkId, part!.id))
			expect(lineItem).toMatchObject({ scoreMaximum: 10 })
			const [result] = await owner.db.select().from(schema.ltiResults).where(eq(schema.ltiResults.lineItemId, lineItem!.id))
			expect(result).toMatchObject({ userId: ids.sanne, scoreGiven: 10 })
			await employee.goto('/mijn-leren')
			expect(await employee.getByText(/Online onderdeel Toets integriteit: Afgerond op .+, score 10 van 10/).isVisible()).toBe(true)
		})
	})

	test('the portal logged no error along the whole path', () => {
		const errors = portal.logs().filter((line) => line.level >= 50)
		expect(errors).toEqual([])
	})
})
