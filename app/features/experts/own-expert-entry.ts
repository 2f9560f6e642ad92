import type { Actor, Resource } from '@leerplein/domain'

/** The asker's own entry in the experts directory: only they make, change, pause or delete it (for `requirePermission`; ADR 048). */
export const ownExpertEntry = (actor: Actor): Resource => ({ kind: 'expert_entry', tenantId: actor.tenantId, userId: actor.userId })

/** The concern-wide directory: every signed-in person reads it. */
export const expertDirectory: Resource = { kind: 'expert_directory' }
