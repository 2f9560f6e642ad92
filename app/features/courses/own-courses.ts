import type { Actor, Resource } from '@leerplein/domain'

/** The courses of the asker's own unit: what its coordinators create, edit and list (for `requirePermission`). */
export const ownCourses = (actor: Actor): Resource => ({ kind: 'course', providerTenantId: actor.tenantId })
