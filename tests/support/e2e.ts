import { createDatabase, type Database, type DatabaseClient } from '@leerplein/db'
import type { TestDriver } from '@leerplein/db/testing'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { launchBrowser } from './browser.ts'
import { sharedPortal, startPortal, type PortalClock, type RunningPortal } from './portal.ts'
import { signInAs } from './sign-in.ts'

export { accessibilityViolations, accessibleAt320 } from './browser.ts'
export { ELS, FATIMA, PETER, SANNE, signInAs } from './sign-in.ts'

export type E2EOptions = {
	driver: TestDriver
	/** Environment for the portal (or a function that gives it, in the file's beforeAll). A portal with an environment of its own is the file's own. */
	env?: Record<string, string> | (() => Record<string, string>)
	seedScale?: string
	/** A portal of the file's own whose clock the test sets (`clock.advance`); nothing else may move it. */
	clock?: boolean
	/** A portal of the file's own although it needs nothing special: for a file that restarts it, or changes what other files rely on. */
	own?: boolean
	/** Start on an empty database, as a new installation does, instead of the migrated template (a portal of the file's own). */
	emptyDatabase?: boolean
	/** Launch Chromium (the default); false for files that only speak HTTP. */
	browser?: boolean
	/** Connect to the portal's database as its owner, to plant and read rows (PostgreSQL only). */
	owner?: boolean
}

export type E2E = {
	/** The portal under test; its members are there from the file's beforeAll on. */
	portal: RunningPortal
	/** The owner's connection to the portal's database (with `owner: true`). */
	owner: { readonly db: Database }
	readonly browser: Browser
	/** The portal's clock (with `clock: true`). */
	readonly clock: PortalClock
	/** A browser context of its own (its own cookies) on the portal; closed after the test, or after the file when made outside a test. */
	newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
	/** A page in a context of its own. */
	newPage: (options?: BrowserContextOptions) => Promise<Page>
	/** A page in a context of its own, signed in as a demo persona through the sign-in page (by name: 'Sanne de Vries'). */
	signIn: (personaName: string, options?: { returnTo?: string }) => Promise<Page>
	/** A `Cookie` header of a fresh session of a demo persona (by key: 'rvo-employee'), signed in without a browser. */
	sessionCookie: (personaKey: string) => Promise<string>
}

/**
 * The one end-to-end fixture. Called in a describe block, it starts (or joins) the portal,
 * launches Chromium and, when asked, connects to the portal's database as its owner, all in the
 * block's beforeAll, and stops them in its afterAll. A file that needs nothing special shares
 * the run's portal for its driver (small seed, default environment) with the other files that
 * do; asking for an environment, a seed, a clock or `own` gives the file its own portal.
 */
export function useE2E(options: E2EOptions): E2E {
	let started: RunningPortal | undefined
	let browser: Browser | undefined
	let owner: DatabaseClient | undefined
	let inTest = false
	const testContexts: BrowserContext[] = []
	const fileContexts: BrowserContext[] = []

	const portal = (): RunningPortal => {
		if (!started) throw new Error('the portal is not there yet: use it inside a test or a hook, after useE2E')
		return started
	}

	beforeAll(async () => {
		const { driver, env, seedScale, clock = false, emptyDatabase = false } = options
		const own = options.own || clock || emptyDatabase || env !== undefined || seedScale !== undefined
		const runDir = inject('e2eRunDir')
		;[started, browser] = await Promise.all([
			own || !runDir ? startPortal(driver, { env: typeof env === 'function' ? env() : env, seedScale, clock, emptyDatabase }) : sharedPortal(driver, runDir),
			options.browser === false ? undefined : launchBrowser(),
		])
		if (options.owner) {
			const url = started.databaseUrl
			if (!url) throw new Error('owner: true needs a portal on PostgreSQL')
			owner = await createDatabase({ driver: 'postgres', url, migrationUrl: url }, { role: 'migrator' })
		}
	})
	beforeEach(() => {
		inTest = true
	})
	afterEach(async () => {
		inTest = false
		await Promise.all(testContexts.splice(0).map((context) => context.close()))
	})
	afterAll(async () => {
		await Promise.all(fileContexts.splice(0).map((context) => context.close()))
		await browser?.close()
		await owner?.close()
		await started?.stop()
	})

	const e2e: E2E = {
		portal: {
			get url() {
				return portal().url
			},
			get driver() {
				return portal().driver
			},
			get databaseUrl() {
				return portal().databaseUrl
			},
			get clock() {
				return portal().clock
			},
			logs: () => portal().logs(),
			restart: () => portal().restart(),
			stop: () => portal().stop(),
		},
		owner: {
			get db() {
				if (!owner) throw new Error('ask useE2E for { owner: true } to use the owner connection')
				return owner.db
			},
		},
		get browser() {
			if (!browser) throw new Error('this file asked useE2E for no browser')
			return browser
		},
		get clock() {
			return portal().clock
		},
		async newContext(contextOptions = {}) {
			const context = await e2e.browser.newContext({ baseURL: portal().url, ...contextOptions })
			;(inTest ? testContexts : fileContexts).push(context)
			return context
		},
		async newPage(contextOptions) {
			return (await e2e.newContext(contextOptions)).newPage()
		},
		async signIn(personaName, signInOptions) {
			const page = await e2e.newPage()
			await signInAs(page, personaName, signInOptions)
			return page
		},
		async sessionCookie(personaKey) {
			const { url } = portal()
			const response = await fetch(`${url}/inloggen`, { method: 'POST', headers: { Origin: url }, body: new URLSearchParams({ intent: 'persona', persona: personaKey }), redirect: 'manual' })
			const cookie = response.headers.get('set-cookie')?.split(';')[0]
			if (response.status !== 302 || !cookie) throw new Error(`could not sign in as ${personaKey}: ${response.status}`)
			return cookie
		},
	}
	return e2e
}
