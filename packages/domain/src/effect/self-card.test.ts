import { describe, expect, test } from 'vitest'
import {
	checkSelfCardActions,
	checkSelfCardOutcomes,
	checkSelfCardReturnDate,
	defaultSelfCardReturnDate,
	MAX_SELF_CARD_TEXT,
	selfCardIsDue,
	summariseSelfCardOutcomes,
} from './self-card.ts'

describe('writing a card', () => {
	test('actions are trimmed, blank rows ignored, and kept in the order written', () => {
		expect(checkSelfCardActions(['  Elke week een casus bespreken ', '', undefined, 'Collega vragen mee te kijken', '   '])).toEqual({
			ok: true,
			value: ['Elke week een casus bespreken', 'Collega vragen mee te kijken'],
		})
	})

	test('an action longer than the limit is refused beside its own field, and nothing is kept', () => {
		expect(checkSelfCardActions(['Goed', 'a'.repeat(MAX_SELF_CARD_TEXT + 1)])).toEqual({ ok: false, errors: { action2: 'too_long' } })
		expect(checkSelfCardActions(['a'.repeat(MAX_SELF_CARD_TEXT)]).ok).toBe(true)
	})

	test('a card without any action is refused as a whole; more than five rows too', () => {
		expect(checkSelfCardActions(['', '  '])).toEqual({ ok: false, errors: { form: 'no_actions' } })
		expect(checkSelfCardActions(['1', '2', '3', '4', '5', '6'])).toEqual({ ok: false, errors: { form: 'too_many' } })
	})
})

describe('the return day', () => {
	test('three calendar months after the day it was written, as Amsterdam counts days', () => {
		expect(defaultSelfCardReturnDate(new Date('2030-05-01T08:00:00Z'))).toBe('2030-08-01')
		// 23:30 UTC on 30 November is already 1 December in Amsterdam.
		expect(defaultSelfCardReturnDate(new Date('2030-11-30T23:30:00Z'))).toBe('2031-03-01')
		// 30 November + 3 months: the last day of February.
		expect(defaultSelfCardReturnDate(new Date('2030-11-30T10:00:00Z'))).toBe('2031-02-28')
	})

	test.each([
		['today', '2030-05-01', { ok: true, value: '2030-05-01' }],
		['twelve months on', '2031-05-01', { ok: true, value: '2031-05-01' }],
		['yesterday', '2030-04-30', { ok: false, code: 'in_the_past' }],
		['a day past twelve months', '2031-05-02', { ok: false, code: 'too_far' }],
		['a day that does not exist', '2030-02-30', { ok: false, code: 'not_a_date' }],
		['words', 'volgende week', { ok: false, code: 'not_a_date' }],
	])('a chosen day of %s', (_name, raw, expected) => {
		expect(checkSelfCardReturnDate(raw, new Date('2030-05-01T08:00:00Z'))).toEqual(expected)
	})

	test('the card is back from its return day on, or once it was mailed', () => {
		const now = new Date('2030-08-01T05:00:00Z')
		expect(selfCardIsDue({ returnOn: '2030-08-01', mailed: false }, now)).toBe(true)
		expect(selfCardIsDue({ returnOn: '2030-08-02', mailed: false }, now)).toBe(false)
		expect(selfCardIsDue({ returnOn: '2030-08-02', mailed: true }, now)).toBe(true)
	})
})

describe('looking back', () => {
	test('every action gets an outcome; a note is optional and trimmed', () => {
		expect(checkSelfCardOutcomes([1, 2], { outcome1: 'done', note1: '  Lukt goed ', outcome2: 'not_done', note2: '' })).toEqual({
			ok: true,
			value: [
				{ position: 1, outcome: 'done', note: 'Lukt goed' },
				{ position: 2, outcome: 'not_done', note: null },
			],
		})
	})

	test('a missing or unknown outcome and a too long note are refused beside their fields', () => {
		expect(checkSelfCardOutcomes([1, 2, 3], { outcome1: 'partly', outcome2: 'maybe', outcome3: 'done', note3: 'a'.repeat(MAX_SELF_CARD_TEXT + 1) })).toEqual({
			ok: false,
			errors: { outcome2: 'outcome_required', note3: 'note_too_long' },
		})
	})
})

describe('what the providing unit sees', () => {
	test('below five reviewed cards only their number; from five the actions per outcome', () => {
		expect(summariseSelfCardOutcomes({ reviewedCards: 4, done: 6, partly: 2, notDone: 1 })).toEqual({ shown: false, reviewedCards: 4, needed: 5 })
		expect(summariseSelfCardOutcomes({ reviewedCards: 5, done: 6, partly: 2, notDone: 1 })).toEqual({ shown: true, reviewedCards: 5, done: 6, partly: 2, notDone: 1 })
	})
})
