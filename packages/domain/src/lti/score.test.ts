import { describe, expect, test } from 'vitest'
import { checkScore, completionAfterScore, decideScore, scoreBelowPassMark, scoreCompletesOnlinePart, type IncomingScore } from './score.ts'

const at = (iso: string) => new Date(iso)
const completed: IncomingScore = {
	scoreGiven: 7,
	scoreMaximum: 10,
	activityProgress: 'Completed',
	gradingProgress: 'FullyGraded',
	timestamp: at('2024-05-01T10:00:00Z'),
}

describe('decideScore', () => {
	test('stores the first score for a person', () => {
		expect(decideScore(null, completed)).toBe('store')
	})
	test('stores a newer score, calls an equal timestamp a repeat and ignores an older one', () => {
		const stored = { timestamp: at('2024-05-01T10:00:00Z') }
		expect(decideScore(stored, { timestamp: at('2024-05-01T10:00:01Z') })).toBe('store')
		expect(decideScore(stored, { timestamp: at('2024-05-01T10:00:00.000Z') })).toBe('repeat')
		expect(decideScore(stored, { timestamp: at('2024-05-01T09:59:59Z') })).toBe('stale')
	})
})

describe('checkScore', () => {
	test('accepts progress without a score, and a score with a positive maximum', () => {
		expect(checkScore({ scoreGiven: null, scoreMaximum: null }).ok).toBe(true)
		expect(checkScore({ scoreGiven: 0, scoreMaximum: 100 }).ok).toBe(true)
	})
	test('refuses a score without a maximum, a maximum of zero and a negative score', () => {
		expect(checkScore({ scoreGiven: 5, scoreMaximum: null })).toEqual({ ok: false, code: 'SCORE_GIVEN_WITHOUT_MAXIMUM' })
		expect(checkScore({ scoreGiven: 5, scoreMaximum: 0 })).toEqual({ ok: false, code: 'SCORE_MAXIMUM_NOT_POSITIVE' })
		expect(checkScore({ scoreGiven: -1, scoreMaximum: 10 })).toEqual({ ok: false, code: 'SCORE_NEGATIVE' })
	})
})

describe('scoreCompletesOnlinePart', () => {
	test('given Completed and FullyGraded without a pass mark, the part is done', () => {
		expect(scoreCompletesOnlinePart(completed, null)).toBe(true)
	})
	test('given a score that is submitted or still pending grading, the part is not done', () => {
		expect(scoreCompletesOnlinePart({ ...completed, activityProgress: 'Submitted' }, null)).toBe(false)
		expect(scoreCompletesOnlinePart({ ...completed, gradingProgress: 'PendingManual' }, null)).toBe(false)
	})
	test('given a pass mark, exactly reaching it passes and staying under it does not', () => {
		expect(scoreCompletesOnlinePart(completed, 70)).toBe(true)
		expect(scoreCompletesOnlinePart({ ...completed, scoreGiven: 6.99 }, 70)).toBe(false)
		expect(scoreCompletesOnlinePart({ ...completed, scoreGiven: 0.7, scoreMaximum: 1 }, 70)).toBe(true)
	})
	test('given a pass mark but no score, the part is not done', () => {
		expect(scoreCompletesOnlinePart({ ...completed, scoreGiven: null, scoreMaximum: null }, 50)).toBe(false)
	})
})

describe('completionAfterScore (ADR 026)', () => {
	const graded = (scoreGiven: number): IncomingScore => ({ ...completed, scoreGiven, scoreMaximum: 100 })

	test('given a pass mark of 55, when a first score of 40/100 arrives, then the part stays open', () => {
		expect(completionAfterScore(graded(40), 55, { completedBefore: false })).toBe('stays_open')
	})
	test('given a pass mark of 55, when a first score of 55/100 arrives, then the part completes', () => {
		expect(completionAfterScore(graded(55), 55, { completedBefore: false })).toBe('completes')
	})
	test('given a completed part, when a later final score of 40/100 arrives, then the completion stands and the score is called out', () => {
		expect(completionAfterScore(graded(40), 55, { completedBefore: true })).toBe('stands_below_pass_mark')
	})
	test('given a completed part, when a later passing score or a score not yet graded arrives, then the completion simply stands', () => {
		expect(completionAfterScore(graded(90), 55, { completedBefore: true })).toBe('stands')
		expect(completionAfterScore({ ...graded(10), gradingProgress: 'Pending' }, 55, { completedBefore: true })).toBe('stands')
	})
	test('given a part without a pass mark, no score is ever below it', () => {
		expect(scoreBelowPassMark(graded(1), null)).toBe(false)
		expect(completionAfterScore(graded(1), null, { completedBefore: true })).toBe('stands')
	})
})
