import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose'

export const SIGNING_ALGORITHM = 'RS256'

/** A platform signing key as stored: the private half stays in the database (ADR 015). */
export type PlatformKey = { kid: string; privateJwk: JWK; publicJwk: JWK }

/** A fresh RS256 key pair; its `kid` is the RFC 7638 thumbprint, so it names the key itself. */
export async function generatePlatformKey(): Promise<PlatformKey> {
	const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true })
	const publicJwk = await exportJWK(publicKey)
	const kid = await calculateJwkThumbprint(publicJwk)
	return {
		kid,
		privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' },
		publicJwk: { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' },
	}
}

/** The JSON Web Key Set tools fetch to check Leerplein's signatures; public halves only. */
export function jwksDocument(publicJwks: readonly JWK[]): { keys: JWK[] } {
	return { keys: publicJwks.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) }
}

export type Signer = { kid: string; key: CryptoKey }

/**
 * Imports a private JWK for signing. Signing is on every launch and token, so the caller keeps the
 * signer (the portal in its one cache, which a rotation clears); no key outlives that here.
 */
export async function signerFor(key: Pick<PlatformKey, 'kid' | 'privateJwk'>): Promise<Signer> {
	return { kid: key.kid, key: (await importJWK(key.privateJwk, SIGNING_ALGORITHM)) as CryptoKey }
}
