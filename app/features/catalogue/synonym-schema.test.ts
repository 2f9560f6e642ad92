import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'
import { synonymConstraint, synonymSchema } from './synonym-schema.ts'

const ID = '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d'

function form(fields: Record<string, string>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.set(name, value)
	return data
}

describe('the synonym form', () => {
	test('normalises a new synonym: one term, its expansions split on commas and lines', () => {
		const submission = parseForm(form({ intent: 'save', term: 'KWP', expansions: 'Omgevingswet, omgevingswet\nveilig thuiswerken' }), synonymSchema)
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && submission.value).toEqual({ id: null, synonym: { term: 'kwp', expansions: ['omgevingswet', 'veilig thuiswerken'] } })
	})

	test('names the synonym being changed', () => {
		const submission = parseForm(form({ id: ID, term: 'woo', expansions: 'wet open overheid' }), synonymSchema)
		expect(submission.status === 'success' && submission.value.id).toBe(ID)
	})

	test.each([
		[{ term: '', expansions: 'omgevingswet' }, { term: ['SYNONYM_TERM_REQUIRED'] }],
		[{ term: 'x'.repeat(61), expansions: 'omgevingswet' }, { term: ['SYNONYM_TERM_TOO_LONG'] }],
		[{ term: 'kwp', expansions: '' }, { expansions: ['SYNONYM_EXPANSIONS_REQUIRED'] }],
		[{ term: 'kwp', expansions: ' , ;' }, { expansions: ['SYNONYM_EXPANSIONS_REQUIRED'] }],
		[{ term: 'kwp', expansions: Array.from({ length: 11 }, (_, i) => `woord${i}`).join(',') }, { expansions: ['SYNONYM_TOO_MANY_EXPANSIONS'] }],
		[{ term: 'kwp', expansions: 'y'.repeat(61) }, { expansions: ['SYNONYM_EXPANSION_TOO_LONG'] }],
		[{ term: 'kwp', expansions: 'KWP' }, { expansions: ['SYNONYM_EXPANSION_IS_TERM'] }],
		[{ term: '', expansions: '' }, { term: ['SYNONYM_TERM_REQUIRED'], expansions: ['SYNONYM_EXPANSIONS_REQUIRED'] }],
		[{ id: 'geen-id', term: 'kwp', expansions: 'omgevingswet' }, { id: ['SYNONYM_NOT_FOUND'] }],
	])('refuses %j beside its field, with an error code', (fields, errors) => {
		const submission = parseForm(form(fields), synonymSchema)
		expect(submission.status).toBe('error')
		expect(submission.status === 'error' && submission.error).toEqual(errors)
		for (const codes of Object.values(errors)) for (const code of codes) expect(isErrorCode(code)).toBe(true)
	})

	test('tells the browser which fields are required', () => {
		expect(synonymConstraint).toMatchObject({ term: { required: true }, expansions: { required: true }, id: { required: false } })
	})
})
