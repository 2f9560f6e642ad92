import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { getPlatformSigningKey, insertFirstPlatformKey, listPlatformPublicKeys, rotatePlatformKey, sealPlatformKey } from '@leerplein/db/lti'
import { generatePlatformKey, signerFor, type JWK, type Platform, type Signer } from '@leerplein/moodle'
import type { LeerpleinContext } from '../../load-context.ts'
import { createCache } from '../../core/cache.server.ts'
import { openSecret, sealSecret } from '../../core/secret-box.server.ts'

// Leerplein as an LTI 1.3 platform (ADR 014, 015): its issuer, endpoints and signing keys.

export const LTI_PATHS = {
	jwks: '/lti/jwks',
	authorize: '/lti/authorize',
	token: '/lti/token',
	deepLinkingReturn: '/lti/deep-linking/return',
	register: '/lti/register',
	openIdConfiguration: '/.well-known/openid-configuration',
} as const

/** The issuer is where people reach the portal (PUBLIC_URL); never the request's Host header, which the sender chooses. */
export function platformIssuer(context: Pick<LeerpleinContext, 'config'>): string {
	return context.config.publicOrigin
}

export function platformOf(issuer: string): Platform {
	return { issuer, guid: new URL(issuer).host, name: 'Leerplein', productFamilyCode: 'leerplein', version: '1.0' }
}

export const agsLineItemsUrl = (issuer: string, courseId: string) => `${issuer}/lti/ags/${courseId}/lineitems`
export const agsLineItemUrl = (issuer: string, courseId: string, lineItemId: string) => `${agsLineItemsUrl(issuer, courseId)}/${lineItemId}`
export const nrpsMembershipsUrl = (issuer: string, courseId: string) => `${issuer}/lti/nrps/${courseId}/memberships`

/** A random value handed out once (message hint, deep-linking data, registration token) and its stored hash. */
export function oneTimeValue(): { value: string; hash: string } {
	const value = randomBytes(32).toString('base64url')
	return { value, hash: hashOneTimeValue(value) }
}

export function hashOneTimeValue(value: string): string {
	return createHash('sha256').update(value).digest('base64url')
}

// Keys are read from the database at most every minute per process. A rotation elsewhere is
// picked up within that minute; the old key stays published meanwhile, so nothing breaks.
const KEY_CACHE_MS = 60_000
const signers = createCache<Signer>({ name: 'lti-platform-signer', max: 1, ttlMs: KEY_CACHE_MS })
const publicKeySets = createCache<JWK[]>({ name: 'lti-platform-public-keys', max: 1, ttlMs: KEY_CACHE_MS })

// SECRETS_KEY (config.secretsKey) seals the private signing key at rest (ADR 024); without it keys
// are stored as they are. ensurePlatformKey at start re-seals a key stored in the clear.
/** What a service needs of the portal's configuration to sign as the platform. */
export type SecretsConfig = { config: { secretsKey: Buffer | null } }

type PrivateHalf = Record<string, unknown>

function sealed(secretsKey: Buffer | null, privateJwk: PrivateHalf): PrivateHalf {
	return secretsKey ? { sealed: sealSecret(secretsKey, JSON.stringify(privateJwk)) } : privateJwk
}

function opened(secretsKey: Buffer | null, stored: PrivateHalf): JWK {
	if (typeof stored.sealed !== 'string') return stored as JWK
	if (!secretsKey) throw new Error('the LTI platform key is sealed with SECRETS_KEY, which is not set')
	const plain = openSecret(secretsKey, stored.sealed)
	if (plain === null) throw new Error('the LTI platform key is sealed under another SECRETS_KEY')
	return JSON.parse(plain) as JWK
}

type GeneratedKey = { kid: string; publicJwk: PrivateHalf; privateJwk: PrivateHalf }

/** Makes sure a signing key exists (at start-up, and on first use should start-up have missed it), sealed when SECRETS_KEY is set. */
export async function ensurePlatformKey(db: Database, secretsKey: Buffer | null): Promise<void> {
	const stored = await getPlatformSigningKey(db)
	if (stored) {
		if (secretsKey && typeof stored.privateJwk.sealed !== 'string') {
			await sealPlatformKey(db, { kid: stored.kid, sealedPrivateJwk: sealed(secretsKey, stored.privateJwk) as { sealed: string } })
			signers.clear()
		}
		return
	}
	const key = (await generatePlatformKey()) as GeneratedKey
	await insertFirstPlatformKey(db, { ...key, privateJwk: sealed(secretsKey, key.privateJwk) })
}

export function platformSigner(db: Database, secretsKey: Buffer | null): Promise<Signer> {
	return signers.getOrLoad('current', async () => {
		let stored = await getPlatformSigningKey(db)
		if (!stored) {
			await ensurePlatformKey(db, secretsKey)
			stored = await getPlatformSigningKey(db)
		}
		if (!stored) throw new Error('no LTI platform signing key')
		return signerFor({ kid: stored.kid, privateJwk: opened(secretsKey, stored.privateJwk) })
	})
}

/** The published keys; `refresh` reads them again at once (a token signed with a key rotated in elsewhere). */
export function platformPublicKeys(db: Database, { refresh = false } = {}): Promise<JWK[]> {
	if (refresh) publicKeySets.delete('published')
	return publicKeySets.getOrLoad('published', async () => (await listPlatformPublicKeys(db)).map((row) => row.publicJwk as JWK))
}

/** A new signing key now; the previous one stays in the JWKS until its tokens have expired. */
export async function rotatePlatformSigningKey(db: Database, secretsKey: Buffer | null): Promise<string> {
	const key = (await generatePlatformKey()) as GeneratedKey
	await rotatePlatformKey(db, { ...key, privateJwk: sealed(secretsKey, key.privateJwk) })
	signers.clear()
	publicKeySets.clear()
	return key.kid
}
