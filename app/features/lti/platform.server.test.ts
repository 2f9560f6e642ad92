import { randomBytes } from 'node:crypto'
import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensurePlatformKey, platformSigner, rotatePlatformSigningKey } from './platform.server.ts'

// The platform's private signing key at rest (ADR 024): sealed with SECRETS_KEY, re-sealed at
// start when it was stored in the clear, and still signing. PGlite is enough: the SQL side is
// tested on both drivers in db/src/second-wall.test.ts.

describe('the LTI platform key sealed with SECRETS_KEY', () => {
	let database: TestDatabase
	let app: DatabaseClient
	const stored = async () =>
		(await database.asOwner((db) => db.select().from(schema.ltiPlatformKeys).orderBy(schema.ltiPlatformKeys.createdAt))).map((key) => ({
			kid: key.kid,
			private_jwk: key.privateJwk,
			retired: key.retiredAt !== null,
		}))

	beforeAll(async () => {
		database = await createTestDatabase('pglite')
		app = await database.connectAsApp()
	}, 60_000)
	afterAll(() => database?.close())

	test('a key stored in the clear is re-sealed at start, keeps signing, and a rotation stores only sealed or discarded private halves', async () => {
		await ensurePlatformKey(app.db, null)
		const [clear] = await stored()
		expect(clear!.private_jwk).toHaveProperty('d')

		const secretsKey = randomBytes(32)
		await ensurePlatformKey(app.db, secretsKey)
		const [resealed] = await stored()
		expect(resealed!.kid).toBe(clear!.kid)
		expect(Object.keys(resealed!.private_jwk)).toEqual(['sealed'])
		expect(JSON.stringify(resealed!.private_jwk)).not.toContain(String(clear!.private_jwk.d))
		expect((await platformSigner(app.db, secretsKey)).kid).toBe(clear!.kid)

		const kid = await rotatePlatformSigningKey(app.db, secretsKey)
		const keys = await stored()
		expect(keys.map((key) => key.retired)).toEqual([true, false])
		expect(keys[1]!.private_jwk).toHaveProperty('sealed')
		expect((await platformSigner(app.db, secretsKey)).kid).toBe(kid)

		// The signer is cached per process for a minute; a rotation clears it, and a wrong key is then refused.
		await rotatePlatformSigningKey(app.db, secretsKey)
		await expect(platformSigner(app.db, randomBytes(32))).rejects.toThrow(/another SECRETS_KEY/)
	})
})
