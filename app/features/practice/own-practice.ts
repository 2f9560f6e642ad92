import type { Actor, Resource } from '@leerplein/domain'

/** The asker's own practice cards: what only they practise, opt out of and get a digest of (for `requirePermission`; ADR 047). */
export const ownPractice = (actor: Actor): Resource => ({ kind: 'practice_card', tenantId: actor.tenantId, userId: actor.userId })
