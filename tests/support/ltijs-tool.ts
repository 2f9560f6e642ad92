import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import postgres from 'postgres'
import { TEST_POSTGRES_URL, withDatabase } from '@leerplein/db/testing'

// A real LTI 1.3 tool written by others: ltijs (Cvmcosta/ltijs) with its PostgreSQL plugin
// ltijs-sequelize, on its own throw-away database. It validates Leerplein's launches the way a
// third-party tool does, and calls Leerplein's token, AGS and NRPS endpoints with its own
// client assertions. ltijs is a singleton: one tool per test process (vitest runs a file per process).

const require = createRequire(import.meta.url)

/** The id_token as ltijs keeps it after validating a launch (only the parts the tests read). */
export type LtijsIdToken = {
	iss: string
	user: string
	userInfo?: { name?: string; email?: string }
	platformContext: {
		resource: { id: string; title?: string }
		context: { id: string; title?: string }
		custom?: Record<string, string>
		roles: string[]
		targetLinkUri: string
		endpoint?: { lineitems?: string; lineitem?: string; scope?: string[] }
		namesRoles?: { context_memberships_url: string }
		messageType: string
		deepLinkingSettings?: { deep_link_return_url: string; data?: string }
		[claim: string]: unknown
	}
	[claim: string]: unknown
}

type Ltijs = {
	setup: (key: string, database: { plugin: unknown }, options: Record<string, unknown>) => Ltijs
	deploy: (options: { port: number; silent: boolean; serverless?: boolean }) => Promise<boolean>
	close: (options?: { silent?: boolean }) => Promise<boolean>
	onConnect: (handler: (token: LtijsIdToken, req: unknown, res: ToolResponse) => unknown) => void
	onDeepLinking: (handler: (token: LtijsIdToken, req: unknown, res: ToolResponse) => unknown) => void
	onInvalidToken: (handler: (req: unknown, res: ToolResponse) => unknown) => void
	registerPlatform: (config: Record<string, unknown>) => Promise<unknown>
	Grade: {
		submitScore: (token: LtijsIdToken, lineItemId: string, score: Record<string, unknown>) => Promise<unknown>
		getLineItems: (token: LtijsIdToken, options?: Record<string, unknown>) => Promise<{ lineItems: Array<Record<string, unknown>> }>
		createLineItem: (token: LtijsIdToken, lineItem: Record<string, unknown>) => Promise<Record<string, unknown>>
	}
	NamesAndRoles: { getMembers: (token: LtijsIdToken, options?: Record<string, unknown>) => Promise<{ members: Array<Record<string, unknown>>; context?: unknown }> }
	DeepLinking: { createDeepLinkingForm: (token: LtijsIdToken, items: unknown[], options?: Record<string, unknown>) => Promise<string> }
}
type ToolResponse = { send: (body: string) => unknown; status: (code: number) => ToolResponse; locals: Record<string, unknown> }

export type LtijsTool = {
	url: string
	clientId: string
	/** What Leerplein registers for this tool. */
	registration: { loginUrl: string; targetLinkUri: string; deepLinkingUrl: string; redirectUris: string[]; jwksUrl: string }
	/** Every launch ltijs accepted, newest last. */
	launches: LtijsIdToken[]
	/** Launches ltijs refused (its error, as it reported it). */
	refusals: unknown[]
	/** What the next deep-linking request returns as content items. */
	setDeepLinkingItems: (items: unknown[]) => void
	lti: Ltijs
	stop: () => Promise<void>
}

export async function startLtijsTool({ platformUrl, clientId = `ltijs-${randomBytes(4).toString('hex')}` }: { platformUrl: string; clientId?: string }): Promise<LtijsTool> {
	const databaseName = `leerplein_ltijs_${randomBytes(6).toString('hex')}`
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	await admin.unsafe(`create database ${databaseName}`)
	await admin.end()
	const server = new URL(withDatabase(TEST_POSTGRES_URL, databaseName))
	const Database = require('ltijs-sequelize') as new (database: string, user: string, password: string, options: Record<string, unknown>) => unknown
	const plugin = new Database(databaseName, decodeURIComponent(server.username) || 'postgres', decodeURIComponent(server.password), {
		host: server.hostname,
		port: Number(server.port || 5432),
		dialect: 'postgres',
		logging: false,
	})
	const lti = (require('ltijs') as { Provider: Ltijs }).Provider
	const port = await freePort()
	const url = `http://127.0.0.1:${port}`
	lti.setup(randomBytes(16).toString('hex'), { plugin }, {
		appRoute: '/',
		loginRoute: '/login',
		keysetRoute: '/keys',
		cookies: { secure: false, sameSite: 'Lax' },
		devMode: false,
		tokenMaxAge: 60,
	})
	const launches: LtijsIdToken[] = []
	const refusals: unknown[] = []
	let deepLinkingItems: unknown[] = []
	lti.onConnect((token, _req, res) => {
		launches.push(token)
		return res.send(
			`<!doctype html><html lang="nl"><head><title>Testleeromgeving</title></head><body><main><h1>Welkom in de testleeromgeving</h1><p id="resource">${escape(token.platformContext.resource.title ?? '')}</p></main></body></html>`,
		)
	})
	lti.onDeepLinking(async (token, _req, res) => {
		launches.push(token)
		const form = await lti.DeepLinking.createDeepLinkingForm(token, deepLinkingItems, { message: 'Gekozen' })
		return res.send(form)
	})
	lti.onInvalidToken((req, res) => {
		// The browser's own favicon request carries no launch; only real refusals count.
		if ((req as { path?: string }).path !== '/favicon.ico') refusals.push((res as unknown as { locals: { err?: unknown } }).locals.err ?? 'invalid token')
		return res.status(401).send('Ongeldige lancering')
	})
	await lti.deploy({ port, silent: true })
	await lti.registerPlatform({
		url: platformUrl,
		name: 'Leerplein',
		clientId,
		authenticationEndpoint: `${platformUrl}/lti/authorize`,
		accesstokenEndpoint: `${platformUrl}/lti/token`,
		authConfig: { method: 'JWK_SET', key: `${platformUrl}/lti/jwks` },
	})
	return {
		url,
		clientId,
		registration: { loginUrl: `${url}/login`, targetLinkUri: `${url}/`, deepLinkingUrl: `${url}/`, redirectUris: [`${url}/`], jwksUrl: `${url}/keys` },
		launches,
		refusals,
		setDeepLinkingItems: (items) => (deepLinkingItems = items),
		lti,
		async stop() {
			await lti.close({ silent: true })
			const dropper = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
			await dropper.unsafe(`drop database if exists ${databaseName} with (force)`)
			await dropper.end()
		},
	}
}

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer()
		server.listen(0, '127.0.0.1', () => {
			const address = server.address()
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}
