import { describe, expect, test } from 'vitest'
import { differenceInDifferences, type EffectInput, type EffectResult, type TeamMonthValue } from './difference-in-differences.ts'
import { describeEffect } from './effect-verdict.ts'

// The examples are those worked out by hand in difference-in-differences.test.ts (same numbers,
// same letters); here only what a reader is told about them.
const INTERVENTION = { firstMonth: '2026-03', lastMonth: '2026-04' }

function team(teamId: string, months: Record<string, number>): TeamMonthValue[] {
	return Object.entries(months).map(([month, value]) => ({ teamId, month, value }))
}

function effect(values: readonly TeamMonthValue[], trainedTeamIds: readonly string[], more: Partial<EffectInput> = {}): EffectResult {
	const result = differenceInDifferences({ values, trainedTeamIds, intervention: INTERVENTION, better: 'lower', ...more })
	if (!result.ok) throw new Error(`expected a result, got ${result.code}`)
	return result.value
}

// Example 1: trained 10 → 6 (−4), comparison 8.67 → 7.67 (−1), difference −3, interval [−5.267, −0.733].
const EXAMPLE_1 = [
	...team('A', { '2026-01': 10, '2026-02': 12, '2026-05': 6, '2026-06': 8 }),
	...team('B', { '2026-01': 8, '2026-02': 8, '2026-05': 5, '2026-06': 5 }),
	...team('C', { '2026-01': 12, '2026-02': 10, '2026-05': 5, '2026-06': 7 }),
	...team('X', { '2026-01': 9, '2026-02': 11, '2026-05': 10, '2026-06': 8 }),
	...team('Y', { '2026-01': 6, '2026-02': 6, '2026-05': 6, '2026-06': 6 }),
	...team('Z', { '2026-01': 10, '2026-02': 10, '2026-05': 8, '2026-06': 8 }),
]
const TRAINED_1 = ['A', 'B', 'C']
const UNIT = { unit: 'fouten per maand' }
const MONTHS_NOT_COUNTED = 'De maanden van de training zelf (maart tot en met april 2026) tellen niet mee.'

describe('describeEffect', () => {
	test('a clear effect: both changes, the difference with its interval in Dutch numbers, what it means and the assumption behind it', () => {
		expect(describeEffect(effect(EXAMPLE_1, TRAINED_1), 'nl', UNIT)).toBe(
			'Bij de getrainde teams daalde het gemiddelde na de training met 4,0 fouten per maand (van 10,0 naar 6,0); ' +
				'bij de vergelijkingsteams daalde het in dezelfde tijd met 1,0 (van 8,7 naar 7,7). ' +
				'Het verschil, 3,0 minder (95%-betrouwbaarheidsinterval 0,7 tot 5,3 minder), is waarschijnlijk het effect van de training. ' +
				'Omdat lager hier beter is, is dat een verbetering. ' +
				'Dat rust op de aanname dat de getrainde teams zich zonder training net zo hadden ontwikkeld als de vergelijkingsteams. ' +
				MONTHS_NOT_COUNTED,
		)
	})

	test('the same effect in English', () => {
		expect(describeEffect(effect(EXAMPLE_1, TRAINED_1), 'en', { unit: 'errors per month' })).toBe(
			'For the trained teams the average fell by 4.0 errors per month after the training (from 10.0 to 6.0); ' +
				'for the comparison teams it fell by 1.0 over the same time (from 8.7 to 7.7). ' +
				'The difference, 3.0 lower (95% confidence interval 0.7 to 5.3 lower), is probably the effect of the training. ' +
				'As lower is better here, that is an improvement. ' +
				'This rests on the assumption that without the training the trained teams would have developed as the comparison teams did. ' +
				'The months of the training itself (March to April 2026) do not count.',
		)
	})

	test('an increase where higher is better is an improvement; a decrease there is a deterioration', () => {
		// Example 1 with the roles swapped: +3, interval 0.7 to 5.3 more.
		const increase = describeEffect(effect(EXAMPLE_1, ['X', 'Y', 'Z'], { better: 'higher' }), 'nl')
		expect(increase).toContain('Het verschil, 3,0 meer (95%-betrouwbaarheidsinterval 0,7 tot 5,3 meer), is waarschijnlijk het effect van de training.')
		expect(increase).toContain('Omdat hoger hier beter is, is dat een verbetering.')
		expect(describeEffect(effect(EXAMPLE_1, TRAINED_1, { better: 'higher' }), 'nl')).toContain('Omdat hoger hier beter is, is dat een verslechtering.')
	})

	test('an interval across zero: no demonstrable effect, the interval from its lower to its upper end', () => {
		// Example 2: trained 7.67 → 5.67 (−2), comparison 6.67 → 6.67, difference −2, interval [−6.155, 2.155].
		const values = [
			...team('A', { '2026-01': 10, '2026-05': 6 }),
			...team('B', { '2026-01': 5, '2026-05': 5 }),
			...team('C', { '2026-01': 8, '2026-05': 6 }),
			...team('X', { '2026-01': 7, '2026-05': 6 }),
			...team('Y', { '2026-01': 4, '2026-05': 5 }),
			...team('Z', { '2026-01': 9, '2026-05': 9 }),
		]
		expect(describeEffect(effect(values, ['A', 'B', 'C']), 'nl', UNIT)).toBe(
			'Bij de getrainde teams daalde het gemiddelde na de training met 2,0 fouten per maand (van 7,7 naar 5,7); ' +
				'bij de vergelijkingsteams bleef het in dezelfde tijd vrijwel gelijk (van 6,7 naar 6,7). ' +
				'Het verschil, 2,0 minder (95%-betrouwbaarheidsinterval van 6,2 minder tot 2,2 meer), is niet aantoonbaar een effect van de training: het kan ook toeval zijn. ' +
				MONTHS_NOT_COUNTED,
		)
	})

	test('every team trained: the before and after, and that other causes cannot be excluded', () => {
		// Example 3: A 10 → 6, B 8 → 5; 9 → 5.5.
		const values = [...team('A', { '2026-01': 10, '2026-05': 6 }), ...team('B', { '2026-01': 8, '2026-05': 5 })]
		expect(describeEffect(effect(values, ['A', 'B']), 'nl', UNIT)).toBe(
			'Bij de getrainde teams daalde het gemiddelde na de training met 3,5 fouten per maand (van 9,0 naar 5,5). ' +
				'Alle teams hebben de training gevolgd, dus er is geen vergelijkingsgroep: of de verandering door de training komt of door iets anders in dezelfde tijd (het seizoen, de drukte, andere veranderingen), is niet te zeggen. ' +
				MONTHS_NOT_COUNTED,
		)
	})

	test('too few teams says so first, with the counts, and still shows what changed', () => {
		// Example 7: only A trained (11 → 7), against X, Y, Z.
		const values = EXAMPLE_1.filter(({ teamId }) => teamId !== 'B' && teamId !== 'C')
		expect(describeEffect(effect(values, ['A']), 'nl', UNIT)).toBe(
			'Te weinig teams om een conclusie te trekken (1 getraind team en 3 vergelijkingsteams met metingen van vóór én na de training; er zijn er minstens 2 van elk nodig). ' +
				'Bij de getrainde teams daalde het gemiddelde na de training met 4,0 fouten per maand (van 11,0 naar 7,0); ' +
				'bij de vergelijkingsteams daalde het in dezelfde tijd met 1,0 (van 8,7 naar 7,7). ' +
				MONTHS_NOT_COUNTED,
		)
	})

	test('teams left out are counted in the caveats', () => {
		// Example 5: D has no month after, E no value at all, W only a month inside the intervention.
		const values = [...EXAMPLE_1, ...team('D', { '2026-01': 9 }), ...team('W', { '2026-03': 4 })]
		expect(describeEffect(effect(values, [...TRAINED_1, 'D', 'E']), 'nl')).toContain(
			'3 teams zijn niet meegeteld, omdat ze geen metingen van vóór of van na de training hebben. ' + MONTHS_NOT_COUNTED,
		)
		expect(describeEffect(effect([...EXAMPLE_1, ...team('D', { '2026-01': 9 })], [...TRAINED_1, 'D']), 'en')).toContain(
			'1 team was left out because it has no measurements from before or after the training.',
		)
	})

	test('no answer: nobody trained, or no months before or after the training yet', () => {
		expect(describeEffect(effect(EXAMPLE_1, []), 'nl')).toBe('Geen van de teams heeft de training gevolgd, dus er is geen effect te bepalen.')
		const beforeOnly = EXAMPLE_1.filter(({ month }) => month < '2026-03')
		expect(describeEffect(effect(beforeOnly, TRAINED_1), 'nl')).toBe(
			'Er zijn van de getrainde teams nog geen metingen van na de training (na april 2026), dus er is nog geen effect te bepalen.',
		)
		const afterOnly = EXAMPLE_1.filter(({ month }) => month > '2026-04')
		expect(describeEffect(effect(afterOnly, TRAINED_1), 'en')).toBe(
			'There are no measurements of the trained teams from before the training (before March 2026), so no effect can be determined.',
		)
	})

	test('a one-month training, one spanning a new year, and more decimals for a small measure', () => {
		const values = [
			...team('A', { '2025-11': 0.25, '2026-02': 0.125 }),
			...team('B', { '2025-11': 0.5, '2026-02': 0.25 }),
		]
		expect(describeEffect(effect(values, ['A', 'B'], { intervention: { firstMonth: '2025-12', lastMonth: '2026-01' } }), 'nl', { decimals: 3 })).toBe(
			'Bij de getrainde teams daalde het gemiddelde na de training met 0,188 (van 0,375 naar 0,188). ' +
				'Alle teams hebben de training gevolgd, dus er is geen vergelijkingsgroep: of de verandering door de training komt of door iets anders in dezelfde tijd (het seizoen, de drukte, andere veranderingen), is niet te zeggen. ' +
				'De maanden van de training zelf (december 2025 tot en met januari 2026) tellen niet mee.',
		)
		expect(describeEffect(effect(values, ['A', 'B'], { intervention: { firstMonth: '2026-01', lastMonth: '2026-01' } }), 'nl')).toContain(
			'De maand van de training zelf (januari 2026) telt niet mee.',
		)
	})
})
