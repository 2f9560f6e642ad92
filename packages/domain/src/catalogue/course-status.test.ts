import { describe, expect, test } from 'vitest'
import { decideCourseStatusChange, missingForPublication, type CourseForStatusChange, type CourseStatusChange } from './course-status.ts'

const complete: CourseForStatusChange = {
	status: 'draft',
	learningGoals: 'U herkent een integriteitsdilemma en bespreekt het met collega’s.',
	targetAudience: 'Medewerkers met klantcontact.',
	contactName: 'Fatima el Amrani',
	contactEmail: 'f.elamrani@example.nl',
}

describe('decideCourseStatusChange', () => {
	test.each<[string, Partial<CourseForStatusChange>, CourseStatusChange, ReturnType<typeof decideCourseStatusChange>]>([
		['publishes a complete draft', {}, 'publish', { ok: true, value: 'published' }],
		['publishes an archived course again', { status: 'archived' }, 'publish', { ok: true, value: 'published' }],
		['archives a published course', { status: 'published' }, 'archive', { ok: true, value: 'archived' }],
		['archives a draft that was never published', {}, 'archive', { ok: true, value: 'archived' }],
		['refuses to publish twice', { status: 'published' }, 'publish', { ok: false, code: 'COURSE_ALREADY_PUBLISHED' }],
		['refuses to archive twice', { status: 'archived' }, 'archive', { ok: false, code: 'COURSE_ALREADY_ARCHIVED' }],
		['refuses to publish a merged course', { status: 'merged' }, 'publish', { ok: false, code: 'COURSE_STATUS_MERGED' }],
		['refuses to archive a merged course', { status: 'merged' }, 'archive', { ok: false, code: 'COURSE_STATUS_MERGED' }],
		['refuses to publish a draft without learning goals', { learningGoals: '  ' }, 'publish', { ok: false, code: 'COURSE_INCOMPLETE' }],
		['refuses to publish a draft without a contact address', { contactEmail: '' }, 'publish', { ok: false, code: 'COURSE_INCOMPLETE' }],
		['archives an incomplete draft all the same', { targetAudience: '' }, 'archive', { ok: true, value: 'archived' }],
	])('%s', (_, given, change, expected) => {
		// Given a course, when the coordinator changes its status, then the rule answers
		expect(decideCourseStatusChange({ ...complete, ...given }, change)).toEqual(expected)
	})
})

describe('missingForPublication', () => {
	test('names what an empty draft lacks, in the form’s order', () => {
		expect(missingForPublication({ learningGoals: '', targetAudience: '', contactName: 'A', contactEmail: '' })).toEqual(['learningGoals', 'targetAudience', 'contact'])
	})
	test('finds nothing missing in a complete course', () => {
		expect(missingForPublication(complete)).toEqual([])
	})
})
