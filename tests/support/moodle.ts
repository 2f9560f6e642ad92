import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose'
import { getResponse } from 'msw'
import { moodleHandlers, moodleSite, type MoodleSite } from '../mocks/moodle.ts'

// The one fake Moodle, running: the site of mocks/moodle.ts (web services and the enrol_lti key
// set) served over real HTTP on 127.0.0.1, for the portal, which runs as its own process where msw
// cannot intercept; and what that site's enrol_lti tool does towards a platform, where it matters:
// it verifies launches with the platform's JWKS (kid required, iat never in its future, its own
// state and nonce), asks tokens with RS256 client assertions, resends scores with equal and older
// timestamps in Moodle's `+0000` form, accepts only 200 from the scores endpoint, looks line items
// up by tag/resourceId/resourceLinkId, follows NRPS `Link` headers with `rlid`, and registers with
// a registration token. Switches make it misbehave in exactly one way at a time.

export type Misbehaviour = {
	/** Sign with a key the platform does not know, under the registered kid. */
	signWithOtherKey?: boolean
	/** A kid that is in no key set. */
	unknownKid?: boolean
	issuer?: string
	audience?: string
	/** Seconds to shift iat/exp by (negative: in the past). */
	shiftSeconds?: number
	/** Reuse this jti instead of a fresh one. */
	jti?: string
}

export type RunningMoodle = MoodleSite & MoodleTool

/** What the site's enrol_lti tool does towards a platform. */
type MoodleTool = {
	jwksUrl: string
	loginUrl: string
	redirectUri: string
	clientId: string
	setClientId: (clientId: string) => void
	/** A client assertion for the token endpoint, possibly misbehaving. */
	clientAssertion: (tokenEndpoint: string, misbehave?: Misbehaviour) => Promise<string>
	/** Asks the platform for an access token; returns the raw response. */
	requestToken: (tokenEndpoint: string, scopes: string[], misbehave?: Misbehaviour) => Promise<Response>
	accessToken: (tokenEndpoint: string, scopes: string[]) => Promise<string>
	/** Verifies an id_token as Moodle does; throws on anything wrong. */
	verifyLaunch: (idToken: string, platform: { issuer: string; jwksUrl: string }, expected: { state: string; receivedState: string; nonce: string }) => Promise<JWTPayload>
	/** The login initiation: returns the platform's authorization URL with a fresh state and nonce. */
	login: (params: URLSearchParams) => { authorizeUrl: (authorizationEndpoint: string) => string; state: string; nonce: string }
	/** A Deep Linking response JWT for a request the tool received. */
	deepLinkingResponse: (request: JWTPayload, items: unknown[], misbehave?: Misbehaviour & { data?: string; deploymentId?: string; nonce?: string }) => Promise<string>
	/** Follows `Link: rel="next"` pages, as Moodle's member sync does. */
	readAllPages: (url: string, token: string) => Promise<{ pages: unknown[]; urls: string[] }>
	/** Dynamic Registration as Moodle does it (scopes inside the tool configuration); `edit` changes the configuration it posts. */
	register: (openIdConfigurationUrl: string, registrationToken: string, edit?: (configuration: Record<string, unknown>) => void) => Promise<Response>
	stop: () => Promise<void>
}

/** A fake Moodle site on a free port; `token` is the web-services token it accepts. */
export async function startMoodle({ token = `ws-token-${randomBytes(8).toString('hex')}` }: { token?: string } = {}): Promise<RunningMoodle> {
	const kid = `moodle-${randomBytes(4).toString('hex')}`
	const keys = await generateKeyPair('RS256', { extractable: true })
	const other = await generateKeyPair('RS256', { extractable: true })
	const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' }
	let handlers: ReturnType<typeof moodleHandlers> = []
	const server: Server = createServer(async (incoming, outgoing) => {
		const chunks: Buffer[] = []
		for await (const chunk of incoming) chunks.push(chunk as Buffer)
		const request = new Request(new URL(incoming.url ?? '/', url), {
			method: incoming.method,
			headers: incoming.headers as Record<string, string>,
			body: incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : Buffer.concat(chunks),
		})
		const response = (await getResponse(handlers, request)) ?? new Response('Not found', { status: 404 })
		response.headers.forEach((value, name) => outgoing.setHeader(name, value))
		outgoing.writeHead(response.status)
		outgoing.end(Buffer.from(await response.arrayBuffer()))
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	const site = moodleSite(url, token)
	site.ltiKeys.push(publicJwk)
	handlers = moodleHandlers(site)
	const platformKeySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()

	async function sign(claims: JWTPayload, misbehave: Misbehaviour = {}): Promise<string> {
		const now = Math.floor(Date.now() / 1000) + (misbehave.shiftSeconds ?? 0)
		const key: CryptoKey = misbehave.signWithOtherKey ? other.privateKey : keys.privateKey
		return new SignJWT(claims)
			.setProtectedHeader({ alg: 'RS256', kid: misbehave.unknownKid ? 'no-such-kid' : kid })
			.setIssuedAt(now)
			.setExpirationTime(now + 60)
			.sign(key)
	}

	const behaviour: MoodleTool = {
		jwksUrl: `${url}/enrol/lti/jwks.php`,
		loginUrl: `${url}/enrol/lti/login.php`,
		redirectUri: `${url}/enrol/lti/launch.php`,
		clientId: 'unregistered',
		setClientId(value) {
			tool.clientId = value
		},
		clientAssertion(tokenEndpoint, misbehave = {}) {
			return sign(
				{ iss: misbehave.issuer ?? tool.clientId, sub: misbehave.issuer ?? tool.clientId, aud: misbehave.audience ?? tokenEndpoint, jti: misbehave.jti ?? randomUUID() },
				misbehave,
			)
		},
		async requestToken(tokenEndpoint, scopes, misbehave) {
			return fetch(tokenEndpoint, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
					client_assertion: await tool.clientAssertion(tokenEndpoint, misbehave),
					scope: scopes.join(' '),
				}),
			})
		},
		async accessToken(tokenEndpoint, scopes) {
			const response = await tool.requestToken(tokenEndpoint, scopes)
			if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`)
			return ((await response.json()) as { access_token: string }).access_token
		},
		async verifyLaunch(idToken, platform, expected) {
			if (expected.receivedState !== expected.state) throw new Error('state does not match')
			let set = platformKeySets.get(platform.jwksUrl)
			if (!set) platformKeySets.set(platform.jwksUrl, (set = createRemoteJWKSet(new URL(platform.jwksUrl))))
			const { payload, protectedHeader } = await jwtVerify(idToken, set, { issuer: platform.issuer, audience: tool.clientId, algorithms: ['RS256'] })
			if (!protectedHeader.kid) throw new Error('kid missing')
			// Moodle refuses an iat in its own future, without leeway.
			if ((payload.iat ?? Infinity) > Math.floor(Date.now() / 1000)) throw new Error('iat in the future')
			if (payload.nonce !== expected.nonce) throw new Error('nonce does not match')
			return payload
		},
		login(params) {
			const state = randomBytes(12).toString('hex')
			const nonce = randomBytes(12).toString('hex')
			return {
				state,
				nonce,
				authorizeUrl: (authorizationEndpoint) => {
					const target = new URL(authorizationEndpoint)
					target.search = new URLSearchParams({
						scope: 'openid',
						response_type: 'id_token',
						response_mode: 'form_post',
						prompt: 'none',
						client_id: params.get('client_id') ?? tool.clientId,
						redirect_uri: tool.redirectUri,
						login_hint: params.get('login_hint') ?? '',
						lti_message_hint: params.get('lti_message_hint') ?? '',
						state,
						nonce,
					}).toString()
					return target.toString()
				},
			}
		},
		deepLinkingResponse(request, items, misbehave = {}) {
			const settings = request['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] as { data?: string }
			return sign(
				{
					iss: misbehave.issuer ?? tool.clientId,
					aud: misbehave.audience ?? request.iss,
					nonce: misbehave.nonce ?? randomUUID(),
					'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
					'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
					'https://purl.imsglobal.org/spec/lti/claim/deployment_id': misbehave.deploymentId ?? request['https://purl.imsglobal.org/spec/lti/claim/deployment_id'],
					'https://purl.imsglobal.org/spec/lti-dl/claim/data': misbehave.data ?? settings.data,
					'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': items,
				},
				misbehave,
			)
		},
		async readAllPages(first, token) {
			const pages: unknown[] = []
			const urls: string[] = []
			let next: string | null = first
			while (next) {
				urls.push(next)
				const response: Response = await fetch(next, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json' } })
				if (response.status !== 200) throw new Error(`page answered ${response.status}`)
				pages.push(await response.json())
				next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null
			}
			return { pages, urls }
		},
		async register(openIdConfigurationUrl, registrationToken, edit = () => {}) {
			const configuration = (await (await fetch(openIdConfigurationUrl)).json()) as { registration_endpoint: string }
			const registration: Record<string, unknown> = {
				application_type: 'web',
				response_types: ['id_token'],
				grant_types: ['implicit', 'client_credentials'],
				initiate_login_uri: tool.loginUrl,
				redirect_uris: [tool.redirectUri, `${url}/enrol/lti/launch_deeplink.php`],
				client_name: 'Moodle (test)',
				jwks_uri: tool.jwksUrl,
				token_endpoint_auth_method: 'private_key_jwt',
				'https://purl.imsglobal.org/spec/lti-tool-configuration': {
					domain: new URL(url).host,
					target_link_uri: tool.redirectUri,
					claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
					messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: `${url}/enrol/lti/launch_deeplink.php` }],
					scopes: [
						'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
						'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
						'https://purl.imsglobal.org/spec/lti-ags/scope/score',
						'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
					],
				},
			}
			edit(registration)
			return fetch(configuration.registration_endpoint, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${registrationToken}` },
				body: JSON.stringify(registration),
			})
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
	// One object, so what a test changes on the site (its token) is what the handlers read.
	const tool: RunningMoodle = Object.assign(site, behaviour)
	return tool
}

/** Moodle writes score timestamps as `2024-05-01T10:00:00+0000`. */
export function moodleTimestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, '+0000')
}
