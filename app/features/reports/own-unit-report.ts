import type { Actor, Resource } from '@leerplein/domain'

/** The report of the asker's own unit (for `requirePermission`): its coordinators (ADR 043). */
export const ownUnitReport = (actor: Actor): Resource => ({ kind: 'report', tenantId: actor.tenantId })
