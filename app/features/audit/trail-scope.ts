import { holdsRole, type Actor, type Resource } from '@leerplein/domain'

/** The trail a route opens for the actor: every unit's for a concern administrator, otherwise their own unit's (ADR 049). */
export const auditTrailOf = (actor: Actor): Resource => ({ kind: 'audit_trail', tenantId: holdsRole(actor, 'concern_admin') ? null : actor.tenantId })
