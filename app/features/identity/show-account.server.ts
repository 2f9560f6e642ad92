import { listSessionsOfUser, listTenants } from '@leerplein/db'
import type { SignedIn } from './session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** What a person sees of themselves: unit, roles, and where they are signed in (ASVS 3.3.4). */
export async function showAccount({ db }: Pick<LeerpleinContext, 'db'>, signedIn: SignedIn) {
	const [sessions, tenants] = await Promise.all([listSessionsOfUser(db, { userId: signedIn.person.userId }), listTenants(db)])
	const unitOf = (tenantId: string | null) => tenants.find((tenant) => tenant.id === tenantId)
	return {
		name: signedIn.person.name,
		email: signedIn.person.email,
		unit: unitOf(signedIn.person.tenantId)?.name ?? '',
		grants: signedIn.person.grants.map((grant) => ({ role: grant.role, unit: unitOf(grant.tenantId)?.shortName ?? null, slug: unitOf(grant.tenantId)?.slug ?? null })),
		sessions: sessions
			.map((session) => ({
				current: session.id === signedIn.sessionId,
				createdAt: session.createdAt,
				absoluteExpiresAt: session.absoluteExpiresAt,
				ipAddress: session.ipAddress,
				userAgent: session.userAgent,
			}))
			.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
	}
}
