import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'
import { courseFormSchema, joinCourseSchema, NEW_COURSE } from './course-form-schema.ts'

function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one)
	return data
}

const valid = {
	...NEW_COURSE,
	title: 'Integriteit in de praktijk',
	summary: 'Praktische training over integriteit.',
	description: 'In deze training gaat u aan de slag met integriteit in uw eigen werk.\n\nMet oefeningen.',
	themeId: '0197a000-0000-7000-8000-000000000001',
	durationMinutes: '240',
	contactName: 'Fatima el Amrani',
	contactEmail: 'f.elamrani@example.nl',
}

describe('the course form', () => {
	test('turns a complete form into a course, numbers as numbers', () => {
		const submission = parseForm(form(valid), courseFormSchema)
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && submission.value).toMatchObject({ title: 'Integriteit in de praktijk', durationMinutes: 240, priceEuros: 0, visibility: 'concern', keywords: [] })
	})

	test('refuses an empty new course with an error code beside every field that needs one', () => {
		const submission = parseForm(form({ ...NEW_COURSE, intent: 'save' }), courseFormSchema)
		expect(submission.status === 'error' && submission.error).toEqual({
			title: ['COURSE_TITLE_TOO_SHORT'],
			summary: ['COURSE_SUMMARY_TOO_SHORT'],
			description: ['COURSE_DESCRIPTION_TOO_SHORT'],
			themeId: ['COURSE_THEME_REQUIRED'],
			durationMinutes: ['COURSE_DURATION_NOT_A_NUMBER'],
		})
	})

	test.each([
		['title', 'Ab', 'COURSE_TITLE_TOO_SHORT'],
		['durationMinutes', 'twee uur', 'COURSE_DURATION_NOT_A_NUMBER'],
		['durationMinutes', '90.5', 'COURSE_DURATION_NOT_WHOLE'],
		['priceEuros', '', 'COURSE_PRICE_NOT_A_NUMBER'],
		['priceEuros', '-1', 'COURSE_PRICE_NEGATIVE'],
		['form', 'podcast', 'COURSE_FORM_REQUIRED'],
		['language', 'fr', 'COURSE_LANGUAGE_REQUIRED'],
		['visibility', '', 'COURSE_VISIBILITY_REQUIRED'],
		['contactEmail', 'fatima@', 'COURSE_CONTACT_EMAIL_INVALID'],
	])('refuses %s = %j with %s, which the catalogues translate', (field, value, code) => {
		const submission = parseForm(form({ ...valid, [field]: value }), courseFormSchema)
		expect(submission.status === 'error' && submission.error).toEqual({ [field]: [code] })
		expect(isErrorCode(code)).toBe(true)
	})

	test('opens a course to one unit ticked, or to several', () => {
		const one = parseForm(form({ ...valid, visibility: 'selected', audienceTenantIds: valid.themeId }), courseFormSchema)
		expect(one.status === 'success' && one.value.audienceTenantIds).toEqual([valid.themeId])
		const none = parseForm(form({ ...valid, visibility: 'selected' }), courseFormSchema)
		expect(none.status === 'error' && none.error).toEqual({ audienceTenantIds: ['COURSE_AUDIENCE_UNITS_REQUIRED'] })
	})

	test('a posted status is no part of the course: saving never publishes', () => {
		const submission = parseForm(form({ ...valid, status: 'published' }), courseFormSchema)
		expect(submission.status === 'success' && 'status' in submission.value).toBe(false)
	})

	test('refuses a post without visibility beside that field', () => {
		const { visibility: _, ...rest } = valid
		const submission = parseForm(form(rest), courseFormSchema)
		expect(submission.status === 'error' && submission.error).toEqual({ visibility: ['COURSE_VISIBILITY_REQUIRED'] })
	})

	test('joins only a course named by its id', () => {
		expect(parseForm(form({ courseId: valid.themeId }), joinCourseSchema).status).toBe('success')
		const refused = parseForm(form({ courseId: '../etc' }), joinCourseSchema)
		expect(refused.status === 'error' && refused.error).toEqual({ courseId: ['JOIN_NOT_ALLOWED'] })
	})
})
