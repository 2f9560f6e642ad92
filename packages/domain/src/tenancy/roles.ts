export const ROLES = ['employee', 'manager', 'coordinator', 'concern_admin'] as const
export type Role = (typeof ROLES)[number]
