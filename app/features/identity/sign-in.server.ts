import { withTenantContext } from '@leerplein/db'
import type { SignedInPerson } from '@leerplein/db/identity'
import { audit, inTenant, type AuditInput, type ServiceContext, type TenantScope } from '../../core/service.server.ts'
import { createAuth, type AuthConfig } from './session.server.ts'

/**
 * The settings the ways in need, read from the environment at start-up (the portal's config is
 * one); never from a request.
 */
export type SignInConfig = AuthConfig & {
	/** Persona sign-in without an identity provider: the embedded demo only. */
	demoMode: boolean
	/** A unit's client secret for single sign-on, by the environment variable its config names. */
	secretFromEnv: (name: string) => string | undefined
	/** Where people reach the portal (PUBLIC_URL), for the single sign-on redirect URI; never the request's Host header. */
	publicOrigin: string
}

/**
 * The last step of every way in (demo persona, single sign-on), once the person is known: a
 * brand-new session and the audit row saying how they proved who they are. Returns the session
 * cookie header. Not a verb of its own: the sign-in verbs call it.
 */
export async function signIn(
	ctx: ServiceContext,
	{ person, auth, userAgent, evidence }: { person: SignedInPerson; auth: AuthConfig; userAgent: string | null; evidence: Record<string, unknown> },
): Promise<string> {
	const session = await createAuth(ctx.db, auth, ctx.clock).start(person, { ipAddress: ctx.clientIp, userAgent })
	await inTenant(ctx, person, (tx) => audit(ctx, tx, { actor: person, action: 'auth.sign_in', objectType: 'user', objectId: person.userId, after: evidence }))
	return session.setCookie
}

/**
 * An audit row about someone who is not signed in (a refused sign-in, a rate limit): in the unit's
 * trail when the attempt told us the unit, in the concern's (tenant null) otherwise.
 */
export async function auditVisitor(ctx: ServiceContext, scope: TenantScope | null, entry: Omit<AuditInput, 'actor' | 'tenantId'>): Promise<void> {
	await withTenantContext(ctx.db, { tenantId: scope?.tenantId ?? null, userId: scope?.userId ?? null }, (tx) =>
		audit(ctx, tx, { actor: scope, tenantId: scope?.tenantId ?? null, ...entry }),
	)
}
