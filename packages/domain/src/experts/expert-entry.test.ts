import { describe, expect, test } from 'vitest'
import { checkExpertEntry, MAX_EXPERT_CONTACT, MAX_EXPERT_DESCRIPTION, MAX_EXPERT_THEMES } from './expert-entry.ts'

const valid = { description: '  Ik help bij de AVG.  ', contact: ' Teams: Anna ', themeIds: ['t2', 't1', 't2'], competencyIds: [] }

describe('checkExpertEntry', () => {
	test('given a description, a contact and a theme, when checked, then it is kept trimmed with each theme once', () => {
		expect(checkExpertEntry(valid)).toEqual({ ok: true, value: { description: 'Ik help bij de AVG.', contact: 'Teams: Anna', themeIds: ['t1', 't2'], competencyIds: [] } })
	})

	test('given blank fields and no theme, when checked, then each field says what it needs', () => {
		expect(checkExpertEntry({ description: '   ', contact: undefined, themeIds: [], competencyIds: [] })).toEqual({
			ok: false,
			errors: { description: 'description_required', contact: 'contact_required', themeIds: 'theme_required' },
		})
	})

	test('given texts one character too long, when checked, then they are refused; at the limit they pass', () => {
		const long = checkExpertEntry({ ...valid, description: 'a'.repeat(MAX_EXPERT_DESCRIPTION + 1), contact: 'b'.repeat(MAX_EXPERT_CONTACT + 1) })
		expect(long).toEqual({ ok: false, errors: { description: 'description_too_long', contact: 'contact_too_long' } })
		expect(checkExpertEntry({ ...valid, description: 'é'.repeat(MAX_EXPERT_DESCRIPTION), contact: 'b'.repeat(MAX_EXPERT_CONTACT) }).ok).toBe(true)
	})

	test('given too many themes or competencies, when checked, then the list is refused', () => {
		const many = Array.from({ length: MAX_EXPERT_THEMES + 1 }, (_, i) => `id${i}`)
		expect(checkExpertEntry({ ...valid, themeIds: many, competencyIds: many })).toEqual({ ok: false, errors: { themeIds: 'too_many_themes', competencyIds: 'too_many_competencies' } })
	})
})
