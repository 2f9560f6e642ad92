import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'
import { concernRequirementSchema, personRequirementSchema, unitRequirementSchema } from './requirement-schema.ts'

function form(fields: Record<string, string>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.set(name, value)
	return data
}

const COMPETENCY = '0193a5e2-0000-7000-8000-000000000001'
const PROFILE = '0193a5e2-0000-7000-8000-000000000002'
const valid = { competencyId: COMPETENCY, jobProfileId: '', introducedOn: '2027-01-01', graceDays: '0' }

describe('the requirement forms', () => {
	test('a unit requirement for everyone has no job profile; for a job profile, its id', () => {
		const everyone = parseForm(form(valid), unitRequirementSchema)
		expect(everyone.status === 'success' && everyone.value).toEqual({ competencyId: COMPETENCY, jobProfileId: null, introducedOn: '2027-01-01', graceDays: 0, minLevel: null })
		const profile = parseForm(form({ ...valid, jobProfileId: PROFILE, graceDays: '730' }), unitRequirementSchema)
		expect(profile.status === 'success' && profile.value).toMatchObject({ jobProfileId: PROFILE, graceDays: 730 })
	})

	test('a concern requirement names job profiles by name, or nobody in particular when left empty', () => {
		const named = parseForm(form({ competencyId: COMPETENCY, jobProfileName: '  Teamleider ', introducedOn: '2027-01-01', graceDays: '30' }), concernRequirementSchema)
		expect(named.status === 'success' && named.value.jobProfileName).toBe('Teamleider')
		const everyone = parseForm(form({ competencyId: COMPETENCY, jobProfileName: '', introducedOn: '2027-01-01', graceDays: '30' }), concernRequirementSchema)
		expect(everyone.status === 'success' && everyone.value.jobProfileName).toBeNull()
	})

	test.each([
		[{ graceDays: '-1' }, { graceDays: ['REQUIREMENT_GRACE_INVALID'] }],
		[{ graceDays: '731' }, { graceDays: ['REQUIREMENT_GRACE_INVALID'] }],
		[{ graceDays: '1.5' }, { graceDays: ['REQUIREMENT_GRACE_INVALID'] }],
		[{ graceDays: 'dertig' }, { graceDays: ['REQUIREMENT_GRACE_INVALID'] }],
		[{ introducedOn: '2027-02-30' }, { introducedOn: ['REQUIREMENT_INTRODUCED_ON_INVALID'] }],
		[{ introducedOn: '0000-01-01' }, { introducedOn: ['REQUIREMENT_INTRODUCED_ON_INVALID'] }],
		[{ introducedOn: 'morgen' }, { introducedOn: ['REQUIREMENT_INTRODUCED_ON_INVALID'] }],
		[{ competencyId: '' }, { competencyId: ['REQUIREMENT_COMPETENCY_REQUIRED'] }],
		[{ jobProfileId: 'geen-uuid' }, { jobProfileId: ['JOB_PROFILE_NOT_FOUND'] }],
		[{ minLevel: '0' }, { minLevel: ['LEVEL_INVALID'] }],
		[{ minLevel: '6' }, { minLevel: ['LEVEL_INVALID'] }],
		[{ minLevel: 'expert' }, { minLevel: ['LEVEL_INVALID'] }],
	])('refuses %j beside the field', (change, errors) => {
		const submission = parseForm(form({ ...valid, ...change }), unitRequirementSchema)
		const error = submission.status === 'error' ? submission.error : undefined
		expect(error).toEqual(errors)
		for (const codes of Object.values(error ?? {})) for (const code of codes ?? []) expect(isErrorCode(code)).toBe(true)
	})

	test('a minimum level is read as a number, empty as none', () => {
		const levelOf = (minLevel: string) => {
			const submission = parseForm(form({ ...valid, minLevel }), unitRequirementSchema)
			return submission.status === 'success' ? submission.value.minLevel : 'refused'
		}
		expect(levelOf('3')).toBe(3)
		expect(levelOf('')).toBeNull()
	})

	test('a person requirement needs the person, and keeps its reason short', () => {
		const errorOf = (fields: Record<string, string>) => {
			const submission = parseForm(form(fields), personRequirementSchema)
			return submission.status === 'error' ? submission.error : undefined
		}
		expect(errorOf({ ...valid, userId: '' })).toMatchObject({ userId: ['REQUIREMENT_PERSON_REQUIRED'] })
		expect(errorOf({ ...valid, userId: PROFILE, reason: 'x'.repeat(501) })).toMatchObject({ reason: ['REQUIREMENT_REASON_TOO_LONG'] })
	})
})
