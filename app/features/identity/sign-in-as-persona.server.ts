import { findUserIdByEmail, getSignedInPerson } from '@leerplein/db/identity'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { signIn, type SignInConfig } from './sign-in.server.ts'

/** Demo mode only: a visitor signs in as one of the seeded personas, with a brand-new session. */
export async function signInAsPersona(
	ctx: ServiceContext,
	{ personaKey, userAgent, config }: { personaKey: string; userAgent: string | null; config: SignInConfig },
): Promise<ServiceResult<{ setCookie: string }>> {
	// Checked here as well as in the route: the setting comes from the environment, never from a request.
	if (!config.demoMode) return refuse('not_found', 'DEMO_MODE_OFF')
	const persona = DEMO_PERSONAS.find((candidate) => candidate.key === personaKey)
	const userId = persona ? await findUserIdByEmail(ctx.db, { email: persona.email }) : null
	const person = userId ? await getSignedInPerson(ctx.db, { userId }) : null
	if (!person) return refuse('invalid', 'PERSONA_UNKNOWN', { field: 'persona' })
	const setCookie = await signIn(ctx, { person, auth: config, userAgent, evidence: { method: 'demo_persona', persona: personaKey } })
	return succeed({ setCookie })
}
