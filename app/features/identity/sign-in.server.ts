import { withTenantContext, writeAudit, type SignedInPerson } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'
import { createAuth } from './session.server.ts'

/**
 * The last step of every way in (demo persona, single sign-on): a brand-new session and the
 * audit row saying how the person proved who they are. Returns the session cookie header.
 */
export async function signIn(
	context: LeerpleinContext,
	person: SignedInPerson,
	{ userAgent, evidence }: { userAgent: string | null; evidence: Record<string, unknown> },
): Promise<string> {
	const session = await createAuth(context.db, context.config, context.clock).start(person, { ipAddress: context.clientIp, userAgent })
	await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, (tx) =>
		writeAudit(tx, {
			tenantId: person.tenantId,
			actorUserId: person.userId,
			action: 'auth.sign_in',
			objectType: 'user',
			objectId: person.userId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: evidence,
		}),
	)
	return session.setCookie
}
