import { describe, expect, test } from 'vitest'
import { isCourseVisibleTo, type CourseAccess } from './course.ts'

const RVO = 'rvo'
const NVWA = 'nvwa'
const ACM = 'acm'

describe('isCourseVisibleTo', () => {
	test('a published concern-wide course is visible to every unit', () => {
		const course: CourseAccess = { providerTenantId: NVWA, status: 'published', visibility: { scope: 'concern' } }
		expect(isCourseVisibleTo(course, RVO)).toBe(true)
		expect(isCourseVisibleTo(course, ACM)).toBe(true)
	})

	test('a course opened to selected units is visible only to those and its provider', () => {
		const course: CourseAccess = {
			providerTenantId: NVWA,
			status: 'published',
			visibility: { scope: 'selected', tenantIds: [RVO] },
		}
		expect(isCourseVisibleTo(course, RVO)).toBe(true)
		expect(isCourseVisibleTo(course, NVWA)).toBe(true)
		expect(isCourseVisibleTo(course, ACM)).toBe(false)
	})

	test('a draft is visible only to its providing unit', () => {
		const course: CourseAccess = { providerTenantId: NVWA, status: 'draft', visibility: { scope: 'concern' } }
		expect(isCourseVisibleTo(course, NVWA)).toBe(true)
		expect(isCourseVisibleTo(course, RVO)).toBe(false)
	})
})
