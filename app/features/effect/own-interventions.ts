import type { Actor, Resource } from '@leerplein/domain'

/** The interventions of the asker's own unit: what its coordinators record, change and read (for `requirePermission`). */
export const ownInterventions = (actor: Actor): Resource => ({ kind: 'intervention', tenantId: actor.tenantId })
