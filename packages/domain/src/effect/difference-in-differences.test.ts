import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { differenceInDifferences, type EffectInput, type EffectResult, type TeamMonthValue } from './difference-in-differences.ts'

// Every example is small enough to check by hand; the arithmetic is in the comment above it. The
// measure is errors per month (lower is better) and the training ran in March and April 2026, so
// January and February are "before" and May and June "after".
const INTERVENTION = { firstMonth: '2026-03', lastMonth: '2026-04' }

function team(teamId: string, months: Record<string, number>): TeamMonthValue[] {
	return Object.entries(months).map(([month, value]) => ({ teamId, month, value }))
}

function effect(values: readonly TeamMonthValue[], trainedTeamIds: readonly string[], more: Partial<EffectInput> = {}): EffectResult {
	const result = differenceInDifferences({ values, trainedTeamIds, intervention: INTERVENTION, better: 'lower', ...more })
	if (!result.ok) throw new Error(`expected a result, got ${result.code}`)
	return result.value
}

// Example 1, a clear effect.
//
//   team  trained  Jan Feb | May Jun   mean before  mean after  change
//   A     yes       10  12 |   6   8        11           7          −4
//   B     yes        8   8 |   5   5         8           5          −3
//   C     yes       12  10 |   5   7        11           6          −5
//   X     no         9  11 |  10   8        10           9          −1
//   Y     no         6   6 |   6   6         6           6           0
//   Z     no        10  10 |   8   8        10           8          −2
//
// Trained: mean before (11 + 8 + 11) / 3 = 10, after (7 + 5 + 6) / 3 = 6, change −4.
// Comparison: before (10 + 6 + 10) / 3 = 26/3 ≈ 8.667, after (9 + 6 + 8) / 3 = 23/3 ≈ 7.667, change −1.
// Difference in differences: −4 − (−1) = −3.
// Spread of the changes: trained −4, −3, −5 around −4 → (0 + 1 + 1) / (3 − 1) = 1;
// comparison −1, 0, −2 around −1 → (0 + 1 + 1) / 2 = 1.
// Standard error √(1/3 + 1/3) = √(2/3) ≈ 0.8165.
// Welch–Satterthwaite: (1/3 + 1/3)² / ((1/3)² / 2 + (1/3)² / 2) = (4/9) / (1/9) = 4 degrees of freedom.
// t(0.975, 4) = 2.7764; margin 2.7764 × 0.8165 ≈ 2.2670; interval −3 ± 2.2670 = [−5.267, −0.733].
// The interval lies below zero: a decrease, and lower is better.
const EXAMPLE_1 = [
	...team('A', { '2026-01': 10, '2026-02': 12, '2026-05': 6, '2026-06': 8 }),
	...team('B', { '2026-01': 8, '2026-02': 8, '2026-05': 5, '2026-06': 5 }),
	...team('C', { '2026-01': 12, '2026-02': 10, '2026-05': 5, '2026-06': 7 }),
	...team('X', { '2026-01': 9, '2026-02': 11, '2026-05': 10, '2026-06': 8 }),
	...team('Y', { '2026-01': 6, '2026-02': 6, '2026-05': 6, '2026-06': 6 }),
	...team('Z', { '2026-01': 10, '2026-02': 10, '2026-05': 8, '2026-06': 8 }),
]
const TRAINED_1 = ['A', 'B', 'C']

// Example 2, an interval that includes zero: one month on each side.
//
//   team  trained  Jan | May   change
//   A     yes       10 |   6     −4
//   B     yes        5 |   5      0
//   C     yes        8 |   6     −2
//   X     no         7 |   6     −1
//   Y     no         4 |   5     +1
//   Z     no         9 |   9      0
//
// Trained: before 23/3 ≈ 7.667, after 17/3 ≈ 5.667, change −2. Comparison: before 20/3, after 20/3, change 0.
// Difference −2 − 0 = −2.
// Spread: trained −4, 0, −2 around −2 → (4 + 4 + 0) / 2 = 4; comparison −1, 1, 0 around 0 → (1 + 1 + 0) / 2 = 1.
// Standard error √(4/3 + 1/3) = √(5/3) ≈ 1.2910.
// Welch–Satterthwaite: (5/3)² / ((4/3)² / 2 + (1/3)² / 2) = (25/9) / (17/18) = 50/17 ≈ 2.941.
// t(0.975, 2.941) ≈ 3.2188 (scipy); margin ≈ 4.1554; interval −2 ± 4.1554 = [−6.155, 2.155]: zero lies inside.
const EXAMPLE_2 = [
	...team('A', { '2026-01': 10, '2026-05': 6 }),
	...team('B', { '2026-01': 5, '2026-05': 5 }),
	...team('C', { '2026-01': 8, '2026-05': 6 }),
	...team('X', { '2026-01': 7, '2026-05': 6 }),
	...team('Y', { '2026-01': 4, '2026-05': 5 }),
	...team('Z', { '2026-01': 9, '2026-05': 9 }),
]

describe('differenceInDifferences', () => {
	test('example 1: trained teams that fell by 4 against comparison teams that fell by 1 show an effect of −3 with its interval', () => {
		const result = effect(EXAMPLE_1, TRAINED_1)

		expect(result.trained).toEqual({ teams: 3, leftOut: 0, meanBefore: 10, meanAfter: 6, change: -4 })
		expect(result.comparison.teams).toBe(3)
		expect(result.comparison.meanBefore).toBeCloseTo(26 / 3, 12)
		expect(result.comparison.meanAfter).toBeCloseTo(23 / 3, 12)
		expect(result.comparison.change).toBeCloseTo(-1, 12)
		expect(result.teams.map(({ teamId, change }) => [teamId, change])).toEqual([['A', -4], ['B', -3], ['C', -5], ['X', -1], ['Y', 0], ['Z', -2]])

		const estimate = result.estimate
		expect(estimate?.difference).toBeCloseTo(-3, 12)
		expect(estimate?.standardError).toBeCloseTo(Math.sqrt(2 / 3), 12)
		expect(estimate?.degreesOfFreedom).toBeCloseTo(4, 12)
		expect(estimate?.interval.lower).toBeCloseTo(-5.267, 3)
		expect(estimate?.interval.upper).toBeCloseTo(-0.733, 3)
		expect(result.verdict).toEqual({ status: 'effect', reasons: ['decrease'], better: 'lower', favourable: true })
		expect(result.leftOut).toEqual([])
	})

	test('the same decrease is unfavourable when higher is better', () => {
		expect(effect(EXAMPLE_1, TRAINED_1, { better: 'higher' }).verdict).toEqual({ status: 'effect', reasons: ['decrease'], better: 'higher', favourable: false })
	})

	test('with the roles of example 1 swapped, the effect is an increase of 3', () => {
		// Trained X, Y, Z (change −1) against A, B, C (change −4): −1 − (−4) = +3, interval [0.733, 5.267].
		const result = effect(EXAMPLE_1, ['X', 'Y', 'Z'])
		expect(result.estimate?.difference).toBeCloseTo(3, 12)
		expect(result.estimate?.interval.lower).toBeCloseTo(0.733, 3)
		expect(result.verdict).toEqual({ status: 'effect', reasons: ['increase'], better: 'lower', favourable: false })
	})

	test('example 2: an interval that includes zero shows no demonstrable effect', () => {
		const result = effect(EXAMPLE_2, ['A', 'B', 'C'])

		expect(result.trained.change).toBeCloseTo(-2, 12)
		expect(result.comparison.change).toBeCloseTo(0, 12)
		expect(result.estimate?.difference).toBeCloseTo(-2, 12)
		expect(result.estimate?.standardError).toBeCloseTo(Math.sqrt(5 / 3), 12)
		expect(result.estimate?.degreesOfFreedom).toBeCloseTo(50 / 17, 12)
		expect(result.estimate?.interval.lower).toBeCloseTo(-6.155, 3)
		expect(result.estimate?.interval.upper).toBeCloseTo(2.155, 3)
		expect(result.verdict).toEqual({ status: 'no_demonstrable_effect', reasons: ['interval_includes_zero'] })
	})

	// Example 3, every team trained: A 10 → 6 (−4), B 8 → 5 (−3); before (10 + 8) / 2 = 9,
	// after (6 + 5) / 2 = 5.5, change −3.5. Nothing to compare with, so no estimate.
	test('example 3: when every team was trained there is only the before and after of the trained', () => {
		const result = effect([...team('A', { '2026-01': 10, '2026-05': 6 }), ...team('B', { '2026-01': 8, '2026-05': 5 })], ['A', 'B'])

		expect(result.trained).toEqual({ teams: 2, leftOut: 0, meanBefore: 9, meanAfter: 5.5, change: -3.5 })
		expect(result.comparison).toEqual({ teams: 0, leftOut: 0, meanBefore: null, meanAfter: null, change: null })
		expect(result.estimate).toBeNull()
		expect(result.verdict).toEqual({ status: 'before_after_only', reasons: ['no_comparison'] })
	})

	// Example 4, nobody trained: example 1's teams, all six comparison teams. Their means are there,
	// before (11 + 8 + 11 + 10 + 6 + 10) / 6 = 56/6, but there is no effect to speak of.
	test('example 4: when no team was trained there is no answer', () => {
		const result = effect(EXAMPLE_1, [])

		expect(result.verdict).toEqual({ status: 'no_answer', reasons: ['none_trained'] })
		expect(result.estimate).toBeNull()
		expect(result.trained.teams).toBe(0)
		expect(result.comparison.teams).toBe(6)
		expect(result.comparison.meanBefore).toBeCloseTo(56 / 6, 12)
	})

	// Example 5, teams left out: example 1 plus trained D with January and February only (no month
	// after), trained E with no value at all, and comparison W with a value in March only (inside the
	// intervention, so on neither side). All three are left out and listed; the estimate stays −3
	// with the same interval, because the six teams that count are example 1's.
	test('example 5: a team without a month after the intervention is left out, counted and named', () => {
		const values = [...EXAMPLE_1, ...team('D', { '2026-01': 9, '2026-02': 9 }), ...team('W', { '2026-03': 4 })]
		const result = effect(values, [...TRAINED_1, 'D', 'E'])

		expect(result.leftOut).toEqual([
			{ teamId: 'D', group: 'trained', missing: 'after' },
			{ teamId: 'E', group: 'trained', missing: 'both' },
			{ teamId: 'W', group: 'comparison', missing: 'both' },
		])
		expect(result.trained).toEqual({ teams: 3, leftOut: 2, meanBefore: 10, meanAfter: 6, change: -4 })
		expect(result.comparison.leftOut).toBe(1)
		expect(result.estimate).toEqual(effect(EXAMPLE_1, TRAINED_1).estimate)
		expect(result.valuesDuringIntervention).toBe(1)
	})

	// Example 6, months inside the intervention: example 1 with March and April at 100 errors for
	// every team (12 values) changes nothing, since those months count on neither side. And one team
	// A with Feb 10, Mar 100, Apr 4: with the training in March only, April is after (10 → 4,
	// change −6); with the training in March and April, A has no month after and is left out.
	test('example 6: the months of the intervention count neither before nor after', () => {
		const during = EXAMPLE_1.map(({ teamId }) => teamId)
			.filter((teamId, i, all) => all.indexOf(teamId) === i)
			.flatMap((teamId) => team(teamId, { '2026-03': 100, '2026-04': 100 }))
		const result = effect([...EXAMPLE_1, ...during], TRAINED_1)
		expect(result.valuesDuringIntervention).toBe(12)
		expect(result.estimate).toEqual(effect(EXAMPLE_1, TRAINED_1).estimate)

		const a = team('A', { '2026-02': 10, '2026-03': 100, '2026-04': 4 })
		expect(effect(a, ['A'], { intervention: { firstMonth: '2026-03', lastMonth: '2026-03' } }).teams).toEqual([
			{ teamId: 'A', group: 'trained', monthsBefore: 1, monthsAfter: 1, meanBefore: 10, meanAfter: 4, change: -6 },
		])
		expect(effect(a, ['A']).leftOut).toEqual([{ teamId: 'A', group: 'trained', missing: 'after' }])
	})

	// Example 7, a single trained team: A (11 → 7, −4) against X, Y, Z (change −1). One team's
	// change has no spread to measure, so there is no interval: too few teams. The group figures
	// stay, for the reader.
	test('example 7: a single trained team is too few for an interval', () => {
		const values = EXAMPLE_1.filter(({ teamId }) => teamId !== 'B' && teamId !== 'C')
		const result = effect(values, ['A'])

		expect(result.verdict).toEqual({ status: 'before_after_only', reasons: ['too_few_teams'] })
		expect(result.estimate).toBeNull()
		expect(result.trained).toEqual({ teams: 1, leftOut: 0, meanBefore: 11, meanAfter: 7, change: -4 })
		expect(result.comparison.teams).toBe(3)
	})

	test('a single comparison team is too few as well, and so is one left with data on both sides', () => {
		// X alone counts; Y has no month after.
		const values = [...EXAMPLE_1.filter(({ teamId }) => teamId !== 'Y' && teamId !== 'Z'), ...team('Y', { '2026-01': 6 })]
		const result = effect(values, TRAINED_1)
		expect(result.verdict).toEqual({ status: 'before_after_only', reasons: ['too_few_teams'] })
		expect(result.comparison).toEqual({ teams: 1, leftOut: 1, meanBefore: 10, meanAfter: 9, change: -1 })
	})

	test('no answer while the trained teams have no month after the intervention yet, or none before it', () => {
		const beforeOnly = EXAMPLE_1.filter(({ teamId, month }) => !TRAINED_1.includes(teamId) || month < '2026-03')
		expect(effect(beforeOnly, TRAINED_1).verdict).toEqual({ status: 'no_answer', reasons: ['no_data_after'] })
		const afterOnly = EXAMPLE_1.filter(({ teamId, month }) => !TRAINED_1.includes(teamId) || month > '2026-04')
		expect(effect(afterOnly, TRAINED_1).verdict).toEqual({ status: 'no_answer', reasons: ['no_data_before'] })
		expect(effect([], TRAINED_1).verdict).toEqual({ status: 'no_answer', reasons: ['no_data_before', 'no_data_after'] })
	})

	// Example 8, the input's order: example 1 reversed and shuffled gives the very same result, to the
	// last bit (values are summed in team and month order whatever order they came in).
	test('example 8: unsorted input gives the same result as sorted input', () => {
		// Position i takes value 7i mod 24: 7 and 24 share no factor, so each value is taken once, scrambled.
		const shuffled = EXAMPLE_1.map((_, i) => EXAMPLE_1[(i * 7) % EXAMPLE_1.length] as TeamMonthValue)
		expect(effect([...EXAMPLE_1].reverse(), TRAINED_1)).toEqual(effect(EXAMPLE_1, TRAINED_1))
		expect(effect(shuffled, TRAINED_1)).toEqual(effect(EXAMPLE_1, TRAINED_1))
	})

	// Two values for one team in one month are refused, not summed: one may be a correction of the
	// other, or the same month read twice, and only the caller can tell.
	test('example 8: two values for one team in one month are refused with the team and the month', () => {
		const result = differenceInDifferences({ values: [...EXAMPLE_1, { teamId: 'B', month: '2026-02', value: 3 }], trainedTeamIds: TRAINED_1, intervention: INTERVENTION, better: 'lower' })
		expect(result).toEqual({ ok: false, code: 'EFFECT_DUPLICATE_TEAM_MONTH', teamId: 'B', month: '2026-02' })
	})

	test('refuses a month that is not YYYY-MM, a value that is no finite number, and an intervention that ends before it starts', () => {
		const run = (values: TeamMonthValue[], intervention = INTERVENTION) => differenceInDifferences({ values, trainedTeamIds: ['A'], intervention, better: 'lower' })
		expect(run([{ teamId: 'A', month: '2026-13', value: 1 }])).toEqual({ ok: false, code: 'EFFECT_MONTH_INVALID', teamId: 'A', month: '2026-13' })
		expect(run([{ teamId: 'A', month: '2026-1', value: 1 }])).toMatchObject({ ok: false, code: 'EFFECT_MONTH_INVALID' })
		expect(run([{ teamId: 'A', month: '2026-01', value: Number.NaN }])).toEqual({ ok: false, code: 'EFFECT_VALUE_INVALID', teamId: 'A', month: '2026-01' })
		expect(run([], { firstMonth: '2026-05', lastMonth: '2026-03' })).toEqual({ ok: false, code: 'EFFECT_PERIOD_INVALID' })
		expect(run([], { firstMonth: '2026-03', lastMonth: 'mei' })).toEqual({ ok: false, code: 'EFFECT_PERIOD_INVALID' })
	})

	test('with no spread in either group the interval is the estimate itself', () => {
		// Trained A, B both −2; comparison X, Y both 0: difference −2, standard error 0.
		const values = [
			...team('A', { '2026-01': 5, '2026-05': 3 }),
			...team('B', { '2026-01': 7, '2026-05': 5 }),
			...team('X', { '2026-01': 4, '2026-05': 4 }),
			...team('Y', { '2026-01': 6, '2026-05': 6 }),
		]
		const result = effect(values, ['A', 'B'])
		expect(result.estimate).toEqual({ difference: -2, standardError: 0, degreesOfFreedom: 2, confidence: 0.95, interval: { lower: -2, upper: -2 } })
		expect(result.verdict.status).toBe('effect')
	})
})

describe('differenceInDifferences, whatever the data', () => {
	const BEFORE = ['2026-01', '2026-02', '2026-03']
	const AFTER = ['2026-05', '2026-06', '2026-07']
	const PERIOD = { firstMonth: '2026-04', lastMonth: '2026-04' }
	const teamSeries = fc.record({
		before: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 3 }),
		after: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 3 }),
	})
	const scenario = fc.record({
		trained: fc.array(teamSeries, { minLength: 2, maxLength: 5 }),
		comparison: fc.array(teamSeries, { minLength: 2, maxLength: 5 }),
	})
	type Series = { before: number[]; after: number[] }

	function valuesOf(teams: { id: string; series: Series }[], shift: (teamId: string, side: 'before' | 'after') => number): TeamMonthValue[] {
		return teams.flatMap(({ id, series }) => [
			...series.before.map((value, i) => ({ teamId: id, month: BEFORE[i] ?? '', value: value + shift(id, 'before') })),
			...series.after.map((value, i) => ({ teamId: id, month: AFTER[i] ?? '', value: value + shift(id, 'after') })),
		])
	}

	function estimateOf(trained: Series[], comparison: Series[], shift: (teamId: string, side: 'before' | 'after') => number = () => 0, swap = false) {
		const teams = [...trained.map((series, i) => ({ id: `t${i}`, series })), ...comparison.map((series, i) => ({ id: `c${i}`, series }))]
		const trainedTeamIds = teams.filter(({ id }) => id.startsWith(swap ? 'c' : 't')).map(({ id }) => id)
		const result = differenceInDifferences({ values: valuesOf(teams, shift), trainedTeamIds, intervention: PERIOD, better: 'lower' })
		if (!result.ok || !result.value.estimate) throw new Error('expected an estimate')
		return result.value.estimate
	}

	function expectSameEstimate(a: ReturnType<typeof estimateOf>, b: ReturnType<typeof estimateOf>) {
		expect(a.difference).toBeCloseTo(b.difference, 9)
		expect(a.standardError).toBeCloseTo(b.standardError, 9)
		expect(a.interval.lower).toBeCloseTo(b.interval.lower, 6)
		expect(a.interval.upper).toBeCloseTo(b.interval.upper, 6)
	}

	test('adding one constant to every value of every team leaves the estimate and its interval unchanged', () => {
		fc.assert(
			fc.property(scenario, fc.integer({ min: -1000, max: 1000 }), ({ trained, comparison }, constant) => {
				expectSameEstimate(estimateOf(trained, comparison, () => constant), estimateOf(trained, comparison))
			}),
		)
	})

	test('a constant per team (one team simply makes more errors) or per period (a busy season for all) changes nothing', () => {
		fc.assert(
			fc.property(scenario, fc.func(fc.integer({ min: -100, max: 100 })), fc.integer({ min: -100, max: 100 }), ({ trained, comparison }, perTeam, season) => {
				const shift = (teamId: string, side: 'before' | 'after') => perTeam(teamId) + (side === 'after' ? season : 0)
				expectSameEstimate(estimateOf(trained, comparison, shift), estimateOf(trained, comparison))
			}),
		)
	})

	test('swapping the trained and the comparison teams flips the sign of the estimate and mirrors its interval', () => {
		fc.assert(
			fc.property(scenario, ({ trained, comparison }) => {
				const original = estimateOf(trained, comparison)
				const swapped = estimateOf(trained, comparison, () => 0, true)
				expect(swapped.difference).toBeCloseTo(-original.difference, 12)
				expect(swapped.standardError).toBe(original.standardError)
				expect(swapped.interval.lower).toBeCloseTo(-original.interval.upper, 12)
				expect(swapped.interval.upper).toBeCloseTo(-original.interval.lower, 12)
			}),
		)
	})
})
