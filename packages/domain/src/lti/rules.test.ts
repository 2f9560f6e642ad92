import { describe, expect, test } from 'vitest'
import { completesEnrolment, decideSyncedCompletion, mayLaunchOnlinePart, onlinePartIsWholeCourse } from './completion.ts'
import { sharedPersonalFields } from './privacy.ts'
import { LIS_ROLES, lisRolesInCourse, nrpsMemberRoles } from './roles.ts'
import { grantScopes, LTI_SCOPES, scopesCover } from './scopes.ts'

describe('completion', () => {
	test('only an e-learning course is finished by its online part alone', () => {
		expect(onlinePartIsWholeCourse('elearning')).toBe(true)
		expect(onlinePartIsWholeCourse('blended')).toBe(false)
		expect(onlinePartIsWholeCourse('classroom')).toBe(false)
	})
	test('enrolled employees may launch; waitlisted, cancelled or declined ones may not', () => {
		expect(mayLaunchOnlinePart('enrolled')).toBe(true)
		expect(mayLaunchOnlinePart('completed')).toBe(true)
		expect(mayLaunchOnlinePart('waitlisted')).toBe(false)
		expect(mayLaunchOnlinePart('cancelled')).toBe(false)
		expect(mayLaunchOnlinePart('awaiting_approval')).toBe(false)
	})
	test('a completed part closes an active enrolment and leaves a cancelled one alone', () => {
		expect(completesEnrolment('enrolled')).toBe(true)
		expect(completesEnrolment('attended')).toBe(true)
		expect(completesEnrolment('cancelled')).toBe(false)
		expect(completesEnrolment('completed')).toBe(false)
	})
})

describe('grantScopes', () => {
	const allowed = [LTI_SCOPES.score, LTI_SCOPES.lineItem]
	test('grants what was asked and is allowed, once each', () => {
		expect(grantScopes([LTI_SCOPES.score, LTI_SCOPES.score], allowed)).toEqual([LTI_SCOPES.score])
	})
	test('drops scopes the registration does not allow and scopes nobody knows', () => {
		expect(grantScopes([LTI_SCOPES.memberships, 'https://example.org/admin', LTI_SCOPES.lineItem], allowed)).toEqual([LTI_SCOPES.lineItem])
	})
	test('an endpoint is covered by any one of the scopes it accepts', () => {
		expect(scopesCover([LTI_SCOPES.lineItem], [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly])).toBe(true)
		expect(scopesCover([LTI_SCOPES.score], [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly])).toBe(false)
	})
})

describe('lisRolesInCourse', () => {
	const employee = { userId: 'u', tenantId: 'rvo', grants: [{ role: 'employee' as const, tenantId: 'rvo' }] }
	test('an employee learns', () => {
		expect(lisRolesInCourse(employee, 'rvo')).toEqual([LIS_ROLES.learner])
	})
	test("a coordinator of the providing unit teaches, a coordinator of another unit learns", () => {
		const coordinator = { ...employee, grants: [...employee.grants, { role: 'coordinator' as const, tenantId: 'rvo' }] }
		expect(lisRolesInCourse(coordinator, 'rvo')).toContain(LIS_ROLES.instructor)
		expect(lisRolesInCourse(coordinator, 'nvwa')).toEqual([LIS_ROLES.learner])
	})
})

describe('nrpsMemberRoles', () => {
	test('the providing unit\'s coordinators are instructors, participants learners, an enrolled coordinator both', () => {
		expect(nrpsMemberRoles({ instructs: true, learns: false })).toEqual([LIS_ROLES.instructor])
		expect(nrpsMemberRoles({ instructs: false, learns: true })).toEqual([LIS_ROLES.learner])
		expect(nrpsMemberRoles({ instructs: true, learns: true })).toEqual([LIS_ROLES.instructor, LIS_ROLES.learner])
	})
})

describe('decideSyncedCompletion', () => {
	test('Given Moodle reports the activity completed, when the part is not yet completed, then the sync completes it', () => {
		expect(decideSyncedCompletion({ activityCompleted: true, partCompleted: false })).toBe('complete')
	})
	test('Given the part was completed by a graded score or an earlier sync, then the sync leaves it alone', () => {
		expect(decideSyncedCompletion({ activityCompleted: true, partCompleted: true })).toBe('already_completed')
	})
	test('Given the activity is incomplete or failed, then nothing is completed', () => {
		expect(decideSyncedCompletion({ activityCompleted: false, partCompleted: false })).toBe('not_completed')
	})
})

describe('sharedPersonalFields', () => {
	test('shares a field only when both the registration and the unit allow it', () => {
		expect(sharedPersonalFields({ shareName: true, shareEmail: false }, true)).toEqual({ name: true, email: false })
		expect(sharedPersonalFields({ shareName: true, shareEmail: true }, false)).toEqual({ name: false, email: false })
	})
})
