import { expect, test } from 'vitest'
import { summariseQuestionOutcome } from './outcomes.ts'

test('given fewer than five learners, then only their number is shown; from five the share of wrong answers and the lapses', () => {
	expect(summariseQuestionOutcome({ questionId: 'q', learners: 4, answers: 9, wrong: 3, lapses: 1 })).toEqual({ questionId: 'q', shown: false, learners: 4, needed: 5 })
	expect(summariseQuestionOutcome({ questionId: 'q', learners: 5, answers: 8, wrong: 3, lapses: 1 })).toEqual({ questionId: 'q', shown: true, learners: 5, answers: 8, wrongPercent: 38, lapses: 1 })
})
