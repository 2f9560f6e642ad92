import { withTenantContext, writeAudit } from '@leerplein/db'
import { createAuth, type SignedIn } from './session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** Ends this session, or every session of the person; returns the header that clears the cookie. */
export async function signOut(context: LeerpleinContext, signedIn: SignedIn, { everywhere }: { everywhere: boolean }): Promise<string> {
	const auth = createAuth(context.db, context.config, context.clock)
	if (everywhere) await auth.endAll(signedIn.person.userId)
	else await auth.end(signedIn.sessionId)
	const { tenantId, userId } = signedIn.person
	await withTenantContext(context.db, { tenantId, userId }, (tx) =>
		writeAudit(tx, {
			tenantId,
			actorUserId: userId,
			action: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
			objectType: 'user',
			objectId: userId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
		}),
	)
	return auth.blankCookie()
}
