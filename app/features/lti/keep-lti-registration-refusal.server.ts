import { withTenantContext } from '@leerplein/db'
import { refuseRegistration } from '@leerplein/db/lti'
import type { ServiceContext } from '../../core/service.server.ts'
import { hashOneTimeValue } from './platform.server.ts'
import { auditToolDenial, type RegistrationHolder } from './tool-context.server.ts'

/**
 * A refused Dynamic Registration: kept against its token, so the concern administrator who issued
 * it reads why on the tools page (Moodle's pop-up stays blank), and logged and audited like every
 * refused tool call. `error` is the OAuth error the tool gets, `detail` its description (which
 * field, which rule); neither ever holds the token.
 */
export async function keepLtiRegistrationRefusal(ctx: ServiceContext, { actor, error, detail }: { actor: RegistrationHolder; error: string; detail: string }): Promise<void> {
	const tokenHash = hashOneTimeValue(actor.registrationToken)
	const kept = await withTenantContext(ctx.db, { tenantId: null, userId: null }, (tx) => refuseRegistration(tx, { tokenHash, error, detail, at: ctx.clock.now() }))
	// The token's short hash names it in the trail as lti.registration_started did; an unknown token names nothing.
	await auditToolDenial(ctx, { action: 'lti.register', reason: error, detail: kept ? `${detail} (token ${tokenHash.slice(0, 12)})` : `${detail} (no open registration token)` })
}
