import { describe, expect, test } from 'vitest'
import { courseInputSchema, splitKeywords } from './course-input.ts'

const valid = {
	title: 'Integriteit in de praktijk',
	summary: 'Praktische training over integriteit.',
	description: 'In deze training gaat u aan de slag met integriteit in uw eigen werk.',
	themeId: '0197a000-0000-7000-8000-000000000001',
	form: 'classroom',
	language: 'nl',
	durationMinutes: '420',
	priceEuros: '395',
	visibility: 'concern',
	learningGoals: 'U herkent een integriteitsdilemma.',
	targetAudience: 'Medewerkers met klantcontact.',
	prerequisites: '',
	keywords: 'integriteit, ethiek',
	contactName: 'Fatima el Amrani',
	contactEmail: 'f.elamrani@example.nl',
}

const unitA = '0197a000-0000-7000-8000-0000000000a1'

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
		['visibility', undefined, 'COURSE_VISIBILITY_REQUIRED'],
		['visibility', 'public', 'COURSE_VISIBILITY_REQUIRED'],
		['learningGoals', 'x'.repeat(2001), 'COURSE_GOALS_TOO_LONG'],
		['targetAudience', 'x'.repeat(1001), 'COURSE_AUDIENCE_TOO_LONG'],
		['prerequisites', 'x'.repeat(1001), 'COURSE_PREREQUISITES_TOO_LONG'],
		['keywords', Array.from({ length: 13 }, (_, i) => `woord${i}`).join(','), 'COURSE_KEYWORDS_TOO_MANY'],
		['keywords', `ethiek, ${'x'.repeat(41)}`, 'COURSE_KEYWORD_TOO_LONG'],
		['contactEmail', 'f.elamrani@', 'COURSE_CONTACT_EMAIL_INVALID'],
		['contactEmail', 'geen adres', 'COURSE_CONTACT_EMAIL_INVALID'],
		['contactName', 'x'.repeat(121), 'COURSE_CONTACT_NAME_TOO_LONG'],
		['audienceTenantIds', ['../etc'], 'COURSE_AUDIENCE_UNITS_REQUIRED'],
	])('rejects %s = %j with %s, on that field', (field, value, code) => {
		const result = courseInputSchema.safeParse({ ...valid, [field]: value })
		expect(result.success).toBe(false)
		expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([field, code])
	})

	test.each([
		['selected units without any unit', { visibility: 'selected', audienceTenantIds: [] }, 'audienceTenantIds', 'COURSE_AUDIENCE_UNITS_REQUIRED'],
		['a contact name without an address', { contactEmail: '' }, 'contactEmail', 'COURSE_CONTACT_EMAIL_REQUIRED'],
		['a contact address without a name', { contactName: ' ' }, 'contactName', 'COURSE_CONTACT_NAME_REQUIRED'],
	])('rejects %s beside the field that lacks', (_, given, field, code) => {
		const result = courseInputSchema.safeParse({ ...valid, ...given })
		expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([[field, code]])
	})

	test('accepts a draft without goals, audience, prerequisites, keywords or contact: a draft may be unfinished', () => {
		const parsed = courseInputSchema.parse({ ...valid, learningGoals: undefined, targetAudience: undefined, prerequisites: undefined, keywords: undefined, contactName: '', contactEmail: '' })
		expect(parsed).toMatchObject({ learningGoals: '', targetAudience: '', prerequisites: '', keywords: [], contactName: '', contactEmail: '' })
	})

	test('opens a course to the units chosen, each once', () => {
		const parsed = courseInputSchema.parse({ ...valid, visibility: 'selected', audienceTenantIds: [unitA, unitA] })
		expect(parsed).toMatchObject({ visibility: 'selected', audienceTenantIds: [unitA] })
	})

	test('trims the contact and keeps the address as typed', () => {
		expect(courseInputSchema.parse({ ...valid, contactName: '  Jan Smit ', contactEmail: ' j.smit@example.nl ' })).toMatchObject({ contactName: 'Jan Smit', contactEmail: 'j.smit@example.nl' })
	})
})

describe('splitKeywords', () => {
	test.each([
		['integriteit, ethiek', ['integriteit', 'ethiek']],
		[' AVG ;privacy,, avg ', ['AVG', 'privacy']],
		['', []],
		['  veilig   werken ', ['veilig werken']],
	])('splits %j into %j', (text, keywords) => {
		expect(splitKeywords(text)).toEqual(keywords)
	})
})
