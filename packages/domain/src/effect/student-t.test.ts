import { describe, expect, test } from 'vitest'
import { normalQuantile, studentTQuantile } from './student-t.ts'

describe('studentTQuantile', () => {
	// The 97.5 % quantiles every statistics textbook's table prints (three decimals).
	test.each([
		[1, 12.706],
		[2, 4.303],
		[5, 2.571],
		[10, 2.228],
		[30, 2.042],
		[Infinity, 1.96],
	])('t(0.975, %s) is %s, as in the table', (degreesOfFreedom, expected) => {
		expect(studentTQuantile(0.975, degreesOfFreedom)).toBeCloseTo(expected, 3)
	})

	// Values from scipy 1.17 (`scipy.stats.t.ppf`), to ten digits; the fractional degrees of freedom
	// are where Welch–Satterthwaite lands and where Hill's start alone is furthest off.
	test.each([
		[0.975, 1, 12.706204736174694],
		[0.975, 1.2, 8.648826510748867],
		[0.975, 1.5, 6.016663104427929],
		[0.975, 2.5, 3.5746548420036817],
		[0.975, 3, 3.1824463052837078],
		[0.975, 4, 2.7764451051977934],
		[0.975, 7.3, 2.345066736547703],
		[0.975, 120, 1.9799304050824402],
		[0.995, 3, 5.840909309733355],
		[0.9, 8, 1.3968153097438654],
		[0.999, 1.4, 67.0710531913888],
	])('t(%s, %s) agrees with scipy to ten digits', (p, degreesOfFreedom, expected) => {
		expect(studentTQuantile(p, degreesOfFreedom) / expected).toBeCloseTo(1, 10)
	})

	test('is symmetric around zero', () => {
		expect(studentTQuantile(0.5, 4)).toBe(0)
		expect(studentTQuantile(0.025, 7.3)).toBeCloseTo(-studentTQuantile(0.975, 7.3), 12)
	})

	test('refuses a probability outside (0, 1) and fewer than one degree of freedom', () => {
		expect(() => studentTQuantile(1, 5)).toThrow(RangeError)
		expect(() => studentTQuantile(0, 5)).toThrow(RangeError)
		expect(() => studentTQuantile(0.975, 0.5)).toThrow(RangeError)
		expect(() => studentTQuantile(0.975, Number.NaN)).toThrow(RangeError)
	})
})

describe('normalQuantile', () => {
	// scipy.stats.norm.ppf; Acklam's method is good to about nine digits.
	test.each([
		[0.975, 1.959963984540054],
		[0.5, 0],
		[0.001, -3.090232306167813],
		[1e-10, -6.361340902404056],
	])('normalQuantile(%s) is %s', (p, expected) => {
		expect(normalQuantile(p)).toBeCloseTo(expected, 8)
	})
})
