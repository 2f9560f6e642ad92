import { redirect } from '@remix-run/node'
import { can, type Action, type Actor, type Resource } from '@leerplein/domain'
import type { LeerpleinContext } from '../load-context.ts'
import { invariantResponse } from './http.server.ts'
import { createAuth, type SessionLookup, type SignedIn } from '../features/identity/session.server.ts'

// Loaders of one request run in parallel; they share one session lookup. Remix hands each
// loader its own Request object but one load context per HTTP request, so that is the key.
// (An action that starts or ends a session redirects, so no loader of that request reuses it.)
const lookups = new WeakMap<LeerpleinContext, Promise<SessionLookup>>()

function lookUp(request: Request, context: LeerpleinContext): Promise<SessionLookup> {
	let lookup = lookups.get(context)
	if (!lookup) {
		lookup = createAuth(context.db, context.config).read(request)
		lookups.set(context, lookup)
	}
	return lookup
}

export async function getSignedIn(request: Request, context: LeerpleinContext): Promise<SignedIn | null> {
	const lookup = await lookUp(request, context)
	return lookup.status === 'signed_in' ? lookup.signedIn : null
}

/** Sends anonymous visitors (and expired sessions) to the sign-in page, and back here afterwards. */
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

/** The guard at the top of every protected loader and action: signed in, and allowed (else 403). */
export async function requirePermission(
	request: Request,
	context: LeerpleinContext,
	action: Action,
	resource: Resource,
): Promise<SignedIn> {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(can(actorOf(signedIn), action, resource), 403, 'FORBIDDEN')
	return signedIn
}
