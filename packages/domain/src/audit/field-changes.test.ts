import { describe, expect, it } from 'vitest'
import { fieldChanges } from './field-changes.ts'

describe('fieldChanges', () => {
	it('lists only the fields whose value changed', () => {
		// Given a unit's rules before and after a coordinator saved them
		const before = { freeCancellationDays: 14, approval: 'manager', title: 'Excel' }
		const after = { freeCancellationDays: 7, approval: 'manager', title: 'Excel' }
		// Then only the changed field is listed, with both values
		expect(fieldChanges(before, after)).toEqual([{ field: 'freeCancellationDays', before: 14, after: 7 }])
	})

	it('names nested fields by their path and compares arrays whole', () => {
		const before = { po: { budget: 1000, days: 3 }, scopes: ['a', 'b'] }
		const after = { po: { budget: 1500, days: 3 }, scopes: ['a', 'b', 'c'] }
		expect(fieldChanges(before, after)).toEqual([
			{ field: 'po.budget', before: 1000, after: 1500 },
			{ field: 'scopes', before: ['a', 'b'], after: ['a', 'b', 'c'] },
		])
	})

	it('shows a creation as every field added and a removal as every field removed', () => {
		expect(fieldChanges(null, { name: 'Zaal 1', seats: 12 })).toEqual([
			{ field: 'name', before: undefined, after: 'Zaal 1' },
			{ field: 'seats', before: undefined, after: 12 },
		])
		expect(fieldChanges({ name: 'Zaal 1' }, null)).toEqual([{ field: 'name', before: 'Zaal 1', after: undefined }])
	})

	it('lists a field that appears or disappears, and nothing when both sides are equal', () => {
		expect(fieldChanges({ a: 1 }, { a: 1, b: null })).toEqual([{ field: 'b', before: undefined, after: null }])
		expect(fieldChanges({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual([])
		expect(fieldChanges(null, null)).toEqual([])
	})

	it('treats two bare values as one unnamed field', () => {
		expect(fieldChanges('draft', 'published')).toEqual([{ field: '', before: 'draft', after: 'published' }])
	})
})
