import { describe, expect, test } from 'vitest'
import { xapiPersonSchema, xapiRetentionSchema } from './privacy-schema.ts'

const codes = (input: Record<string, unknown>) => xapiRetentionSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []

describe('the retention form of /beheer/xapi-privacy', () => {
	test('whole months from 1 to 120; none keeps statements until erased', () => {
		expect(xapiRetentionSchema.parse({ retentionMonths: 1 })).toEqual({ retentionMonths: 1 })
		expect(xapiRetentionSchema.parse({ retentionMonths: 120 })).toEqual({ retentionMonths: 120 })
		expect(xapiRetentionSchema.parse({})).toEqual({ retentionMonths: null })
	})

	test('anything else is refused beside the field', () => {
		for (const retentionMonths of [0, 121, -3, 1.5, 'twaalf', Number.NaN]) expect(codes({ retentionMonths })).toEqual([['retentionMonths', 'XAPI_RETENTION_INVALID']])
	})
})

describe('the person of an export or an erasure', () => {
	test('is an id; anything else names no employee', () => {
		expect(xapiPersonSchema.safeParse({ personId: '0198a8f2-6c1e-7c6e-9b1e-1234567890ab' }).success).toBe(true)
		expect(xapiPersonSchema.safeParse({ personId: 'iedereen' }).error?.issues[0]?.message).toBe('XAPI_PERSON_NOT_FOUND')
	})
})
