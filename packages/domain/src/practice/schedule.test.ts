import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs'
import { describe, expect, test } from 'vitest'
import { courseRetention, newPracticeCard, practiceCardIsDue, practiceRecall, reviewPracticeCard } from './schedule.ts'

const NOW = new Date('2030-05-01T06:00:00Z')
const DAY = 86_400_000

describe('scheduling a practice card', () => {
	test('given a new card answered right, then its next date is what ts-fsrs computes for Good with default parameters and no fuzz', () => {
		const reviewed = reviewPracticeCard(newPracticeCard(NOW), true, NOW)
		const expected = fsrs(generatorParameters({ enable_fuzz: false })).next(createEmptyCard(NOW), NOW, Rating.Good)
		expect(reviewed.card.due).toEqual(expected.card.due)
		expect(reviewed.card.stability).toBe(expected.card.stability)
		expect(reviewed.log).toMatchObject({ rating: Rating.Good, stateBefore: 0, predictedRecall: null })
	})

	test('given a card known for a while, when answered wrong, then it is rated Again, counts a lapse and comes back sooner', () => {
		let card = reviewPracticeCard(newPracticeCard(NOW), true, NOW).card
		card = reviewPracticeCard(card, true, new Date(NOW.getTime() + DAY)).card
		const later = new Date(card.due.getTime())
		const right = reviewPracticeCard(card, true, later)
		const wrong = reviewPracticeCard(card, false, later)
		expect(wrong.log.rating).toBe(Rating.Again)
		expect(wrong.card.lapses).toBe(card.lapses + 1)
		expect(wrong.card.due.getTime()).toBeLessThan(right.card.due.getTime())
		expect(wrong.log.predictedRecall).toBeGreaterThan(0.8)
	})

	test('the same answers at the same moments give the same dates (no fuzz)', () => {
		const a = reviewPracticeCard(reviewPracticeCard(newPracticeCard(NOW), true, NOW).card, true, new Date(NOW.getTime() + 3 * DAY))
		const b = reviewPracticeCard(reviewPracticeCard(newPracticeCard(NOW), true, NOW).card, true, new Date(NOW.getTime() + 3 * DAY))
		expect(a.card.due).toEqual(b.card.due)
	})

	test('a new card is due at once and has no recall; retention averages the practised cards only', () => {
		const fresh = newPracticeCard(NOW)
		expect(practiceCardIsDue(fresh, NOW)).toBe(true)
		expect(practiceRecall(fresh, NOW)).toBeNull()
		expect(courseRetention([fresh], NOW)).toBeNull()
		const practised = reviewPracticeCard(fresh, true, NOW).card
		const retention = courseRetention([fresh, practised], new Date(NOW.getTime() + 2 * DAY))
		expect(retention).toBeGreaterThan(0)
		expect(retention).toBeLessThanOrEqual(100)
		expect(retention).toBe(Math.round(100 * practiceRecall(practised, new Date(NOW.getTime() + 2 * DAY))!))
	})
})
