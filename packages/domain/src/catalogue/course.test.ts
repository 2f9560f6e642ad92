import { describe, expect, test } from 'vitest'
import { isCourseVisibleTo, isUnpublishedCourseVisibleTo, type CourseAccess, type CourseViewer } from './course.ts'

const RVO = 'rvo'
const NVWA = 'nvwa'
const ACM = 'acm'

const employeeOf = (tenantId: string): CourseViewer => ({ tenantId, grants: [{ role: 'employee', tenantId }] })
const managerOf = (tenantId: string): CourseViewer => ({ tenantId, grants: [{ role: 'employee', tenantId }, { role: 'manager', tenantId }] })
const coordinatorOf = (tenantId: string): CourseViewer => ({ tenantId, grants: [{ role: 'employee', tenantId }, { role: 'coordinator', tenantId }] })
const concernAdmin: CourseViewer = { tenantId: ACM, grants: [{ role: 'employee', tenantId: ACM }, { role: 'concern_admin', tenantId: null }] }

describe('isCourseVisibleTo', () => {
	test('a published concern-wide course is visible to every unit, and to visitors', () => {
		const course: CourseAccess = { providerTenantId: NVWA, status: 'published', visibility: { scope: 'concern' } }
		expect(isCourseVisibleTo(course, employeeOf(RVO))).toBe(true)
		expect(isCourseVisibleTo(course, employeeOf(ACM))).toBe(true)
		expect(isCourseVisibleTo(course, null)).toBe(true)
	})

	test('a course opened to selected units is visible only to those and its provider', () => {
		const course: CourseAccess = {
			providerTenantId: NVWA,
			status: 'published',
			visibility: { scope: 'selected', tenantIds: [RVO] },
		}
		expect(isCourseVisibleTo(course, employeeOf(RVO))).toBe(true)
		expect(isCourseVisibleTo(course, employeeOf(NVWA))).toBe(true)
		expect(isCourseVisibleTo(course, employeeOf(ACM))).toBe(false)
		expect(isCourseVisibleTo(course, null)).toBe(false)
	})

	describe.each(['draft', 'archived', 'merged'] as const)('a course that is %s', (status) => {
		const course: CourseAccess = { providerTenantId: NVWA, status, visibility: { scope: 'concern' } }

		test("is visible to the providing unit's coordinators", () => {
			expect(isCourseVisibleTo(course, coordinatorOf(NVWA))).toBe(true)
		})

		test("is not visible to the providing unit's own employees and managers", () => {
			expect(isCourseVisibleTo(course, employeeOf(NVWA))).toBe(false)
			expect(isCourseVisibleTo(course, managerOf(NVWA))).toBe(false)
		})

		test("is not visible to another unit, its coordinators, the concern administrator's course page or a visitor", () => {
			expect(isCourseVisibleTo(course, employeeOf(RVO))).toBe(false)
			expect(isCourseVisibleTo(course, coordinatorOf(RVO))).toBe(false)
			expect(isCourseVisibleTo(course, concernAdmin)).toBe(false)
			expect(isCourseVisibleTo(course, null)).toBe(false)
		})
	})

	test('a coordinator whose home unit is elsewhere still sees the drafts of a unit they coordinate', () => {
		const viewer: CourseViewer = { tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }, { role: 'coordinator', tenantId: NVWA }] }
		expect(isUnpublishedCourseVisibleTo({ providerTenantId: NVWA }, viewer)).toBe(true)
		expect(isUnpublishedCourseVisibleTo({ providerTenantId: RVO }, viewer)).toBe(false)
	})
})
