import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'
import { competencySchema } from './competency-schema.ts'

function form(fields: Record<string, string>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.set(name, value)
	return data
}

const valid = { name: 'BHV', description: 'Bedrijfshulpverlening', validityMonths: '12', warningDays: '60', renewalBasis: 'expiry' }

describe('the competency form', () => {
	test('reads a competency with a validity in months', () => {
		const submission = parseForm(form(valid), competencySchema)
		expect(submission.status === 'success' && submission.value).toEqual({
			id: null,
			values: { name: 'BHV', description: 'Bedrijfshulpverlening', validityMonths: 12, warningDays: 60, renewalBasis: 'expiry', levels: [], active: true },
		})
	})

	test('reads levels one per line, lowest first, blank lines dropped', () => {
		const submission = parseForm(form({ ...valid, levels: 'Basis\n\n  Gevorderd \r\nExpert\n' }), competencySchema)
		expect(submission.status === 'success' && submission.value.values.levels).toEqual(['Basis', 'Gevorderd', 'Expert'])
	})

	test('a permanent competency has no validity, whatever the months say', () => {
		const submission = parseForm(form({ ...valid, permanent: 'on', validityMonths: '' }), competencySchema)
		expect(submission.status === 'success' && submission.value.values.validityMonths).toBeNull()
	})

	test.each([
		[{ validityMonths: '-1' }, { validityMonths: ['COMPETENCY_VALIDITY_INVALID'] }],
		[{ validityMonths: '0' }, { validityMonths: ['COMPETENCY_VALIDITY_INVALID'] }],
		[{ validityMonths: '1.5' }, { validityMonths: ['COMPETENCY_VALIDITY_INVALID'] }],
		[{ validityMonths: 'twaalf' }, { validityMonths: ['COMPETENCY_VALIDITY_INVALID'] }],
		[{ validityMonths: '' }, { validityMonths: ['COMPETENCY_VALIDITY_REQUIRED'] }],
		[{ name: '  ' }, { name: ['COMPETENCY_NAME_REQUIRED'] }],
		[{ name: 'x'.repeat(121) }, { name: ['COMPETENCY_NAME_TOO_LONG'] }],
		[{ warningDays: '-5' }, { warningDays: ['COMPETENCY_WARNING_INVALID'] }],
		[{ renewalBasis: 'whenever' }, { renewalBasis: ['COMPETENCY_RENEWAL_BASIS_INVALID'] }],
		[{ levels: 'a\nb\nc\nd\ne\nf' }, { levels: ['COMPETENCY_LEVELS_TOO_MANY'] }],
		[{ levels: `Basis\n${'x'.repeat(61)}` }, { levels: ['COMPETENCY_LEVEL_NAME_TOO_LONG'] }],
		[{ levels: 'Basis\nbasis' }, { levels: ['COMPETENCY_LEVEL_NAME_TWICE'] }],
	])('refuses %o beside its field', (change, errors) => {
		const submission = parseForm(form({ ...valid, ...change }), competencySchema)
		if (submission.status === 'success') throw new Error('accepted bad input')
		expect(submission.error).toEqual(errors)
		for (const codes of Object.values(submission.error ?? {})) for (const code of codes ?? []) expect(isErrorCode(code)).toBe(true)
	})
})
