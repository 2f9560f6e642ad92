import { holdsRole, type Actor } from '../tenancy/permissions.ts'

/** LIS roles from the LTI 1.3 vocabulary (context roles, full URIs as Moodle expects). */
export const LIS_ROLES = {
	learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
	instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
	contentDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
	administrator: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
} as const

/**
 * A person's roles in a course's context: the coordinators of the providing unit teach it
 * (Instructor, so Moodle lets them pick content); everyone else who may launch learns.
 */
export function lisRolesInCourse(actor: Actor, courseProviderTenantId: string): string[] {
	const roles: string[] = []
	if (holdsRole(actor, 'coordinator', courseProviderTenantId)) roles.push(LIS_ROLES.instructor, LIS_ROLES.contentDeveloper)
	else roles.push(LIS_ROLES.learner)
	if (holdsRole(actor, 'concern_admin')) roles.push(LIS_ROLES.administrator)
	return roles
}

/**
 * A member's roles in NRPS: the course's instructors (the providing unit's coordinators) as
 * Instructor, its participants as Learner, both where a coordinator is also enrolled.
 */
export function nrpsMemberRoles({ instructs, learns }: { instructs: boolean; learns: boolean }): string[] {
	return [...(instructs ? [LIS_ROLES.instructor] : []), ...(learns ? [LIS_ROLES.learner] : [])]
}
