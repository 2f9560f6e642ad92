import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { hashXapiSecret } from '../../app/features/xapi/client-auth.server.ts'

export type PlantedXapiClient = { id: string; key: string; secret: string; tenantId: string; authorization: string }

/** Registers an xAPI client of a unit (by slug) straight in the database, as the owner; answers its credentials. */
export async function plantXapiClient(
	owner: Database,
	{ unit, name = 'Testsysteem', scopes = ['statements/write', 'statements/read', 'state'], xapiVersion = null }: { unit: string; name?: string; scopes?: string[]; xapiVersion?: '2.0.0' | '1.0.3' | null },
): Promise<PlantedXapiClient> {
	const [tenant] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, unit))
	if (!tenant) throw new Error(`no unit ${unit}`)
	const key = `xapi-${randomBytes(8).toString('hex')}`
	// Hex, not base64url: the ADL suite's command line takes a secret that starts with '-' for an option.
	const secret = randomBytes(32).toString('hex')
	const [row] = await owner
		.insert(schema.xapiClients)
		.values({ tenantId: tenant.id, name, key, secretHash: hashXapiSecret(secret), scopes, xapiVersion })
		.returning({ id: schema.xapiClients.id })
	return { id: row!.id, key, secret, tenantId: tenant.id, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` }
}
