import { findUserIdByEmail, getSignedInPerson } from '@leerplein/db'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { fail, ok, type Result } from '@leerplein/domain'
import { signIn } from './sign-in.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

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
	const setCookie = await signIn(context, person, { userAgent, evidence: { method: 'demo_persona', persona: personaKey } })
	return ok({ setCookie })
}
