export const ROLES = ['employee', 'manager', 'coordinator', 'concern_admin', 'privacy_officer'] as const
/** Roles held for the whole concern, without a unit. */
export const CONCERN_ROLES: readonly Role[] = ['concern_admin', 'privacy_officer']
export type Role = (typeof ROLES)[number]
