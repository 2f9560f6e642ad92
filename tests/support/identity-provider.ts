import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { interactionPolicy, type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider'

/**
 * A real OpenID Provider (panva's `oidc-provider`) on a free 127.0.0.1 port, for a unit's
 * single sign-on in the end-to-end tests. No login screen: the test says who signs in next
 * (`signInNext`), and the interaction finishes at once with that account, its claims and
 * its `amr`/`acr`. Everything else (authorization endpoint, PKCE required, codes, tokens,
 * signed ID tokens, discovery, the `iss` response parameter) is the provider's own.
 */
export type TestIdentityProvider = {
	readonly issuer: string
	readonly clientId: string
	readonly clientSecret: string
	/** Who the next authorization signs in, with which extra ID-token claims and authentication methods. */
	signInNext: (account: { sub: string; claims: Record<string, unknown>; amr?: string[]; acr?: string }) => void
	/** Lets every authorization code handed out so far expire, as if its 60 seconds had passed. */
	expireAuthorizationCodes: () => void
	stop: () => Promise<void>
}

type Account = { sub: string; claims: Record<string, unknown>; amr?: string[]; acr?: string }

export async function startIdentityProvider({
	clientId = 'leerplein',
	clientSecret,
	redirectUri,
	claimNames,
}: {
	clientId?: string
	clientSecret: string
	redirectUri: string
	/** Extra claims this provider puts into ID tokens (e.g. the employee number). */
	claimNames: string[]
}): Promise<TestIdentityProvider> {
	const server: Server = createServer()
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	const accounts = new Map<string, Account>()
	let next: Account | null = null
	// The provider's own storage, so a test can reach its authorization codes.
	const store = new Map<string, AdapterPayload>()

	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
	// Every authorization asks who signs in, even when the provider still has a session: each
	// test names its own account.
	const policy = interactionPolicy.base()
	policy.get('login')!.checks.add(
		new interactionPolicy.Check('test_sign_in', 'the test names who signs in', (ctx) =>
			ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
		),
	)
	const configuration: Configuration = {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: [redirectUri],
				response_types: ['code'],
				grant_types: ['authorization_code'],
				token_endpoint_auth_method: 'client_secret_basic',
			},
		],
		jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] as never },
		cookies: { keys: [randomBytes(32).toString('hex')] },
		// PKCE for every client, not just public ones.
		pkce: { required: () => true },
		features: { devInteractions: { enabled: false } },
		interactions: { policy, url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
		// The employee number (and the rest) go straight into the ID token: the portal reads only that.
		conformIdTokenClaims: false,
		claims: { auth_time: null, iss: null, sid: null, openid: ['sub', 'acr', 'amr', ...claimNames] },
		async findAccount(_ctx, sub) {
			const account = accounts.get(sub)
			return account ? { accountId: sub, claims: () => ({ ...account.claims, sub }) } : undefined
		},
		// First-party client: a grant for what it asks, without a consent screen.
		async loadExistingGrant(ctx) {
			const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! })
			grant.addOIDCScope(String(ctx.oidc.params!.scope))
			grant.addOIDCClaims(claimNames)
			await grant.save()
			return grant
		},
		adapter: (model) => storage(store, model),
		renderError(ctx, out) {
			ctx.type = 'json'
			ctx.body = out
		},
	}
	const provider = new Provider(issuer, configuration)
	// Keep the provider's expected refusals (expired codes, wrong clients) out of the test output.
	provider.on('server_error', (_ctx, error) => process.stderr.write(`identity provider error: ${String(error)}\n`))

	const handle = provider.callback()
	server.on('request', (req, res) => {
		if (!req.url?.startsWith('/interaction/')) return void handle(req, res)
		// Always a fresh sign-in: the account the test named, authenticated with its methods.
		void (async () => {
			const account = next
			if (!account) throw new Error('signInNext() was not called before this authorization')
			next = null
			accounts.set(account.sub, account)
			await provider.interactionDetails(req, res)
			await provider.interactionFinished(
				req,
				res,
				{ login: { accountId: account.sub, amr: account.amr, acr: account.acr, remember: false } },
				{ mergeWithLastSubmission: false },
			)
		})().catch((error: unknown) => {
			res.statusCode = 500
			res.end(String(error))
		})
	})

	return {
		issuer,
		clientId,
		clientSecret,
		signInNext(account) {
			next = account
		},
		expireAuthorizationCodes() {
			const past = Math.floor(Date.now() / 1000) - 1
			for (const [key, payload] of store) if (key.startsWith('AuthorizationCode:')) payload.exp = past
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections()
				server.close(() => resolve())
			}),
	}
}

/** oidc-provider's storage port on a plain Map, one key space per model (its in-memory adapter, without the expiry sweeping). */
function storage(store: Map<string, AdapterPayload>, model: string): Adapter {
	const key = (id: string) => `${model}:${id}`
	const findBy = (match: (payload: AdapterPayload) => boolean) => [...store].find(([id, payload]) => id.startsWith(`${model}:`) && match(payload))?.[1]
	return {
		async upsert(id, payload) {
			store.set(key(id), payload)
		},
		async find(id) {
			return store.get(key(id))
		},
		async findByUid(uid) {
			return findBy((payload) => payload.uid === uid)
		},
		async findByUserCode(userCode) {
			return findBy((payload) => payload.userCode === userCode)
		},
		async consume(id) {
			const payload = store.get(key(id))
			if (payload) payload.consumed = Math.floor(Date.now() / 1000)
		},
		async destroy(id) {
			store.delete(key(id))
		},
		async revokeByGrantId(grantId) {
			for (const [id, payload] of store) if (payload.grantId === grantId) store.delete(id)
		},
	}
}
