import { redirect } from '@remix-run/node'
import { can, type Action, type Actor, type Resource } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'
import { invariantResponse } from '../../core/http.server.ts'
import { createAuth, type SessionLookup, type SignedIn } from './session.server.ts'

// The one guard (ADR 021): every loader and action of a protected route opens with
// `await requirePermission(request, context, action, resource)`; `can()` in the domain is the only
// place a permission is decided. app/routes.guard.test.ts fails when a protected route does not.

// Loaders of one request run in parallel; they share one session lookup. Remix hands each
// loader its own Request object but one load context per HTTP request, so that is the key.
// (An action that starts or ends a session redirects, so no loader of that request reuses it.)
const lookups = new WeakMap<LeerpleinContext, Promise<SessionLookup>>()

function lookUp(request: Request, context: LeerpleinContext): Promise<SessionLookup> {
	let lookup = lookups.get(context)
	if (!lookup) {
		lookup = createAuth(context.db, context.config, context.clock).read(request)
		lookups.set(context, lookup)
	}
	return lookup
}

/** The signed-in person, or null for a visitor: for public pages that show more to those signed in. */
export async function getSignedIn(request: Request, context: LeerpleinContext): Promise<SignedIn | null> {
	const lookup = await lookUp(request, context)
	return lookup.status === 'signed_in' ? lookup.signedIn : null
}

/**
 * Sends anonymous visitors (and expired sessions) to the sign-in page, and back here afterwards.
 * @deprecated Open a route with `requirePermission` (with `ownData` for a person's own pages); this goes once no route uses it.
 */
export async function requireSignedIn(request: Request, context: LeerpleinContext): Promise<SignedIn> {
	const lookup = await lookUp(request, context)
	if (lookup.status === 'signed_in') return lookup.signedIn
	const url = new URL(request.url)
	const params = new URLSearchParams({ terug: url.pathname + url.search })
	if (lookup.status === 'expired') params.set('verlopen', '1')
	throw redirect(`/inloggen?${params}`)
}

export function actorOf({ person }: SignedIn): Actor {
	return { userId: person.userId, tenantId: person.tenantId, grants: person.grants }
}

/** What a guarded route gets: the signed-in session (name, roles, session id) and the actor services take. */
export type Guarded = SignedIn & { actor: Actor }

/** The resource a route acts on, or a function of the actor for one that depends on who asks (their own unit). */
export type GuardedResource = Resource | ((actor: Actor) => Resource)

/**
 * The guard at the top of every protected loader and action: signed in (else to the sign-in page),
 * and allowed by `can()` (else 403). Rows a route loads afterwards are checked again by the service
 * with the same rule, and by row-level security.
 */
export async function requirePermission(request: Request, context: LeerpleinContext, action: Action, resource: GuardedResource): Promise<Guarded> {
	const signedIn = await requireSignedIn(request, context)
	const actor = actorOf(signedIn)
	invariantResponse(can(actor, action, typeof resource === 'function' ? resource(actor) : resource), 403, 'FORBIDDEN')
	return { ...signedIn, actor }
}

/** The signed-in person's own data (their learning, account, sessions): any signed-in person, for themselves only. */
export const ownData = (actor: Actor): Resource => ({ kind: 'employee', tenantId: actor.tenantId, userId: actor.userId, managerId: null })

/** Their own unit: a coordinator's offering, sessions and rules. */
export const ownUnit = (actor: Actor): Resource => ({ kind: 'tenant', tenantId: actor.tenantId })

/** Their own signed-in sessions: any signed-in person sees and ends their own (signing out). */
export const ownSessions = (actor: Actor): Resource => ({ kind: 'auth_session', userId: actor.userId })
