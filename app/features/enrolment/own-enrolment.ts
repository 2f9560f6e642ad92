import type { Actor, Resource } from '@leerplein/domain'

/**
 * An enrolment of the asker's own, for the guard of the pages where people enrol and cancel for
 * themselves (like `ownData`); the service checks the real row with the same `can()`.
 */
export const ownEnrolment = (actor: Actor): Resource => ({ kind: 'enrolment', tenantId: actor.tenantId, userId: actor.userId, managerId: null, providerTenantId: actor.tenantId })
