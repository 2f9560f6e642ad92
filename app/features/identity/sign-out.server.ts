import { audit, inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { createAuth, type AuthConfig } from './session.server.ts'

/**
 * Ends this session, or every session of the person (the guard allowed the actor their own
 * sessions only); returns the header that clears the cookie.
 */
export async function signOut(
	ctx: ServiceContext,
	{ actor, sessionId, everywhere, auth }: { actor: Actor; sessionId: string; everywhere: boolean; auth: AuthConfig },
): Promise<ServiceResult<{ clearCookie: string }>> {
	const sessions = createAuth(ctx.db, auth, ctx.clock)
	if (everywhere) await sessions.endAll(actor.userId)
	else await sessions.end(sessionId)
	return inTenant(ctx, actor, async (tx) => {
		await audit(ctx, tx, { actor, action: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out', objectType: 'user', objectId: actor.userId })
		return { clearCookie: sessions.blankCookie() }
	})
}
