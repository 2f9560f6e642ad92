import type { Actor, Resource } from '@leerplein/domain'

/** The asker's own cards to self: what only they write, read and look back on (for `requirePermission`; ADR 042). */
export const ownSelfCard = (actor: Actor): Resource => ({ kind: 'self_card', tenantId: actor.tenantId, userId: actor.userId })
