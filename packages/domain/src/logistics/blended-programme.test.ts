import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	blendedParts,
	blendedProgress,
	checkCompletionRule,
	completedClassroomState,
	completesByRule,
	completionRuleOf,
	decideBlendedCompletion,
	movePart,
	type CompletionRule,
	type PartState,
} from './blended-programme.ts'
import type { EnrolmentStatus } from './enrolment-status.ts'

const online = (id: string, completed: boolean) => ({ kind: 'online' as const, id, title: `Module ${id}`, completed })
const ALL: CompletionRule = { kind: 'all' }

describe('completesByRule: who the rule decides for', () => {
	test('a blended, classroom or webinar course with an online part; never e-learning, never a course without one', () => {
		expect(completesByRule('blended', 1)).toBe(true)
		expect(completesByRule('classroom', 2)).toBe(true)
		expect(completesByRule('webinar', 1)).toBe(true)
		expect(completesByRule('elearning', 1)).toBe(false)
		expect(completesByRule('blended', 0)).toBe(false)
	})
})

describe('checkCompletionRule: n of m, 1 ≤ n ≤ m', () => {
	test.each([
		[{ kind: 'all' } as const, 3, true],
		[{ kind: 'at_least', parts: 1 } as const, 3, true],
		[{ kind: 'at_least', parts: 3 } as const, 3, true],
		[{ kind: 'at_least', parts: 0 } as const, 3, false],
		[{ kind: 'at_least', parts: 4 } as const, 3, false],
		[{ kind: 'at_least', parts: 1.5 } as const, 3, false],
	])('%o of %i parts is accepted: %s', (rule, parts, accepted) => {
		expect(checkCompletionRule(rule, parts)).toEqual(accepted ? { ok: true, value: rule } : { ok: false, code: 'COMPLETION_RULE_OUT_OF_RANGE' })
	})

	test('null minimum is every part', () => {
		expect(completionRuleOf(null)).toEqual(ALL)
		expect(completionRuleOf(2)).toEqual({ kind: 'at_least', parts: 2 })
	})
})

describe('blendedProgress: per part, in order', () => {
	test('given attended and an unfinished module, then one of two is done and the rule of all is not met', () => {
		const progress = blendedProgress(blendedParts('attended', [online('a', false)]), ALL)
		expect(progress).toEqual({
			parts: [
				{ kind: 'classroom', state: 'attended', done: true },
				{ kind: 'online', id: 'a', title: 'Module a', completed: false, done: false },
			],
			done: 1,
			required: 2,
			met: false,
		})
	})

	test('a rule asking for more parts than the course still has asks for all of them', () => {
		expect(blendedProgress(blendedParts('attended', [online('a', true)]), { kind: 'at_least', parts: 5 })).toMatchObject({ required: 2, met: true })
	})
})

describe('completedClassroomState: was the session of a completed enrolment attended?', () => {
	test('the marks say so, or else the online parts alone could not have met the rule', () => {
		expect(completedClassroomState('attended', [online('a', true)], { kind: 'at_least', parts: 1 })).toBe('attended')
		// One of two, by the module alone: the session was not (yet) attended.
		expect(completedClassroomState('pending', [online('a', true)], { kind: 'at_least', parts: 1 })).toBe('pending')
		expect(completedClassroomState('not_attended', [online('a', true)], { kind: 'at_least', parts: 1 })).toBe('not_attended')
		// Every part was needed: attended, even without marks (an enrolment from before marks per meeting).
		expect(completedClassroomState('pending', [online('a', true)], ALL)).toBe('attended')
	})
})

describe('the order of parts', () => {
	test('the classroom part sits after the first classroomIndex online parts', () => {
		const parts = blendedParts('attended', [online('a', false), online('b', true)], { classroomIndex: 1 })
		expect(parts.map((part) => (part.kind === 'classroom' ? 'classroom' : part.id))).toEqual(['a', 'classroom', 'b'])
		expect(blendedParts('attended', [online('a', false)], { classroomIndex: 5 }).map((part) => part.kind)).toEqual(['online', 'classroom'])
	})

	test.each<[string, 'up' | 'down', { classroomIndex: number; online: string[] } | string]>([
		['classroom', 'down', { classroomIndex: 1, online: ['a', 'b'] }],
		['a', 'up', { classroomIndex: 1, online: ['a', 'b'] }],
		['b', 'up', { classroomIndex: 0, online: ['b', 'a'] }],
		['classroom', 'up', 'PART_CANNOT_MOVE'],
		['b', 'down', 'PART_CANNOT_MOVE'],
		['x', 'up', 'ONLINE_PART_NOT_FOUND'],
	])('given classroom, a, b: moving %s %s gives %o', (part, direction, expected) => {
		const moved = movePart({ classroomIndex: 0, online: ['a', 'b'] }, part, direction)
		expect(moved).toEqual(typeof expected === 'string' ? { ok: false, code: expected } : { ok: true, value: expected })
	})
})

describe('decideBlendedCompletion', () => {
	test.each<[string, EnrolmentStatus, boolean[], CompletionRule, string]>([
		['attended, module done, all parts', 'attended', [true], ALL, 'complete'],
		['enrolled (not yet attended), module done, all parts', 'enrolled', [true], ALL, 'not_yet'],
		['attended, module not done, all parts', 'attended', [false], ALL, 'not_yet'],
		['attended, one of two modules, at least 2 of 3', 'attended', [true, false], { kind: 'at_least', parts: 2 }, 'complete'],
		['enrolled, two of two modules, at least 2 of 3', 'enrolled', [true, true], { kind: 'at_least', parts: 2 }, 'complete'],
		['no-show, the module alone meets at least 1 of 2', 'no_show', [true], { kind: 'at_least', parts: 1 }, 'complete'],
		['no-show, two of two modules meet at least 2 of 3', 'no_show', [true, true], { kind: 'at_least', parts: 2 }, 'complete'],
		['no-show, one of two modules, at least 2 of 3', 'no_show', [true, false], { kind: 'at_least', parts: 2 }, 'not_yet'],
		['no-show, modules done, all parts: the classroom part is missing', 'no_show', [true, true], ALL, 'not_yet'],
		['cancelled, everything done', 'cancelled', [true], ALL, 'not_yet'],
		['already completed', 'completed', [true], ALL, 'already_completed'],
	])('given %s, then %s', (_, status, modules, rule, expected) => {
		expect(decideBlendedCompletion({ status, online: modules.map((completed, i) => online(String(i), completed)), rule })).toBe(expected)
	})
})

describe('the verdict does not depend on the order results arrive in', () => {
	type Result = { kind: 'attended' } | { kind: 'online'; index: number }

	/** The shell, reduced: each result is stored, then the rule is asked in the same step. */
	function arrive(results: readonly Result[], moduleCount: number, rule: CompletionRule): EnrolmentStatus {
		let status: EnrolmentStatus = 'enrolled'
		const completed = Array.from({ length: moduleCount }, () => false)
		for (const result of results) {
			// Attendance is registered only on an enrolment not yet completed (canRegisterMark).
			if (result.kind === 'attended' && status === 'enrolled') status = 'attended'
			if (result.kind === 'online') completed[result.index] = true
			const modules: Extract<PartState, { kind: 'online' }>[] = completed.map((done, i) => online(String(i), done))
			if (decideBlendedCompletion({ status, online: modules, rule }) === 'complete') status = 'completed'
		}
		return status
	}

	test('any permutation of the same results ends in the same status, and completes exactly when the rule is met', () => {
		const scenario = fc.integer({ min: 1, max: 4 }).chain((moduleCount) =>
			fc.record({
				moduleCount: fc.constant(moduleCount),
				rule: fc.oneof(fc.constant(ALL), fc.integer({ min: 1, max: moduleCount + 1 }).map((parts): CompletionRule => ({ kind: 'at_least', parts }))),
				results: fc.subarray<Result>([{ kind: 'attended' }, ...Array.from({ length: moduleCount }, (_, index): Result => ({ kind: 'online', index }))]),
			}),
		)
		fc.assert(
			fc.property(scenario, fc.func(fc.integer()), ({ moduleCount, rule, results }, key) => {
				const shuffled = [...results].map((result, i) => ({ result, k: key(i) })).sort((a, b) => a.k - b.k).map(({ result }) => result)
				const inOrder = arrive(results, moduleCount, rule)
				expect(arrive(shuffled, moduleCount, rule)).toBe(inOrder)
				const required = rule.kind === 'all' ? moduleCount + 1 : rule.parts
				expect(inOrder === 'completed').toBe(results.length >= required)
			}),
		)
	})
})
