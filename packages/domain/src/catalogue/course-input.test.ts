import { describe, expect, test } from 'vitest'
import { courseInputSchema } from './course-input.ts'

const valid = {
	title: 'Integriteit in de praktijk',
	summary: 'Praktische training over integriteit.',
	description: 'In deze training gaat u aan de slag met integriteit in uw eigen werk.',
	themeId: '0197a000-0000-7000-8000-000000000001',
	form: 'classroom',
	language: 'nl',
	durationMinutes: '420',
	priceEuros: '395',
	status: 'published',
}

describe('courseInputSchema', () => {
	test('accepts a complete course and turns form text into numbers', () => {
		const parsed = courseInputSchema.parse(valid)
		expect(parsed).toMatchObject({ durationMinutes: 420, priceEuros: 395, title: 'Integriteit in de praktijk' })
	})

	test.each([
		['title', '  ', 'COURSE_TITLE_TOO_SHORT'],
		['title', undefined, 'COURSE_TITLE_TOO_SHORT'],
		['summary', undefined, 'COURSE_SUMMARY_TOO_SHORT'],
		['description', undefined, 'COURSE_DESCRIPTION_TOO_SHORT'],
		['title', 'x'.repeat(161), 'COURSE_TITLE_TOO_LONG'],
		['themeId', 'not-a-theme', 'COURSE_THEME_REQUIRED'],
		['form', 'podcast', 'COURSE_FORM_REQUIRED'],
		['durationMinutes', 'twee uur', 'COURSE_DURATION_NOT_A_NUMBER'],
		['durationMinutes', '90.5', 'COURSE_DURATION_NOT_WHOLE'],
		['durationMinutes', '5', 'COURSE_DURATION_TOO_SHORT'],
		['priceEuros', '-1', 'COURSE_PRICE_NEGATIVE'],
		['status', 'merged', 'COURSE_STATUS_REQUIRED'],
	])('rejects %s = %j with %s, on that field', (field, value, code) => {
		const result = courseInputSchema.safeParse({ ...valid, [field]: value })
		expect(result.success).toBe(false)
		expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([field, code])
	})
})
