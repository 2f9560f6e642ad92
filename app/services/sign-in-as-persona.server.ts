import { findUserIdByEmail, getSignedInPerson, withTenantContext, writeAudit } from '@leerplein/db'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { fail, ok, type Result } from '@leerplein/domain'
import { createAuth } from '../auth/session.server.ts'
import type { LeerpleinContext } from '../load-context.ts'

/** Demo mode only: sign in as one of the seeded personas, with a brand-new session. */
export async function signInAsPersona(
	context: LeerpleinContext,
	{ personaKey, userAgent }: { personaKey: string; userAgent: string | null },
): Promise<Result<{ setCookie: string }, 'DEMO_MODE_OFF' | 'PERSONA_UNKNOWN'>> {
	// Checked here as well as in the route: the setting comes from the environment, never from a request.
	if (!context.config.demoMode) return fail('DEMO_MODE_OFF')
	const persona = DEMO_PERSONAS.find((candidate) => candidate.key === personaKey)
	const userId = persona ? await findUserIdByEmail(context.db, { email: persona.email }) : null
	const person = userId ? await getSignedInPerson(context.db, { userId }) : null
	if (!person) return fail('PERSONA_UNKNOWN')
	const session = await createAuth(context.db, context.config).start(person, { ipAddress: context.clientIp, userAgent })
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
			after: { method: 'demo_persona', persona: personaKey },
		}),
	)
	return ok({ setCookie: session.setCookie })
}
