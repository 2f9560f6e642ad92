import type { Actor, Resource } from '@leerplein/domain'

/** The asker's own evaluations: what only they open and answer (for `requirePermission`; ADR 041). */
export const ownEvaluation = (actor: Actor): Resource => ({ kind: 'evaluation', tenantId: actor.tenantId, userId: actor.userId })
