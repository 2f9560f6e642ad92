import type { Actor, Resource } from '@leerplein/domain'

/**
 * A session of the asker's own unit, for the guard of the session pages: `'update'` on it is
 * "runs the sessions of my unit" (its coordinators). The service checks the session it loads with the same `can()`.
 */
export const ownUnitSession = (actor: Actor): Resource => ({ kind: 'session', tenantId: actor.tenantId })
