import { expect, test } from 'vitest'
import { isUuid } from './ids.ts'

test('accepts a UUID and rejects anything else', () => {
	expect(isUuid('0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d')).toBe(true)
	expect(isUuid('123')).toBe(false)
	expect(isUuid("0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d' OR 1=1")).toBe(false)
	expect(isUuid(null)).toBe(false)
})
