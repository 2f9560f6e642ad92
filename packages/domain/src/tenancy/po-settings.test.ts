import { describe, expect, test } from 'vitest'
import { CONCERN_DEFAULT_PO_SETTINGS, effectivePoSettings, poOverridesSchema } from './po-settings.ts'

describe('effectivePoSettings', () => {
	test('a unit without overrides follows the concern defaults', () => {
		expect(effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, {})).toEqual(CONCERN_DEFAULT_PO_SETTINGS)
	})

	test("a unit's override replaces only that rule", () => {
		const settings = effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, { approval: { mode: 'always' }, freeCancellationDays: 7 })
		expect(settings.approval).toEqual({ mode: 'always' })
		expect(settings.freeCancellationDays).toBe(7)
		expect(settings.yearlyBudgetCents).toBe(CONCERN_DEFAULT_PO_SETTINGS.yearlyBudgetCents)
	})
})

describe('poOverridesSchema', () => {
	test('rejects an approval threshold that is not a whole amount of cents', () => {
		const parsed = poOverridesSchema.safeParse({ approval: { mode: 'above_price', thresholdCents: 12.5 } })
		expect(parsed.success).toBe(false)
	})

	test('rejects an unknown approval mode', () => {
		expect(poOverridesSchema.safeParse({ approval: { mode: 'sometimes' } }).success).toBe(false)
	})
})
