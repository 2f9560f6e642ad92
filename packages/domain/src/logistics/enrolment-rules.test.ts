import { describe, expect, test } from 'vitest'
import { CONCERN_DEFAULT_PO_SETTINGS, effectivePoSettings, type PoOverrides } from '../tenancy/po-settings.ts'
import {
	approvalChain,
	budgetYear,
	cancellationTerms,
	decideEnrolmentRequest,
	enrolmentRules,
	freeSeats,
	isFinalApproval,
	noShowReleasesBudget,
	previewEnrolmentRequest,
	remainingBudget,
	seatIsFreeFor,
	type EnrolmentRequest,
} from './enrolment-rules.ts'

const now = new Date('2026-03-02T09:00:00Z')
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000)

/** Rules for an employee of unit A (with `employee` overrides) in a session of unit B (with `provider` overrides). */
function rules(employee: PoOverrides = {}, provider: PoOverrides = {}) {
	return enrolmentRules(effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, employee), effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, provider))
}

function request(overrides: Partial<EnrolmentRequest> = {}): EnrolmentRequest {
	return {
		employeeTenantId: 'unit-a',
		providerTenantId: 'unit-a',
		priceCents: 20_000,
		courseStatus: 'published',
		session: { startsAt: inDays(30), status: 'planned' },
		remainingBudgetCents: 150_000,
		costCentre: null,
		now,
		...overrides,
	}
}

describe('enrolmentRules: whose rule applies', () => {
	test("approval, budget and cost centre come from the employee's unit; seats, cancellation and admission from the provider", () => {
		const split = rules(
			{ approval: { mode: 'always' }, yearlyBudgetCents: 1, costCentreRequired: true, freeCancellationDays: 1, acceptsOtherUnits: false },
			{ approval: { mode: 'never' }, yearlyBudgetCents: 2, costCentreRequired: false, freeCancellationDays: 30, noShowPolicy: 'charge' },
		)
		expect(split.employeeUnit).toMatchObject({ approval: { mode: 'always' }, yearlyBudgetCents: 1, costCentreRequired: true })
		expect(split.providingUnit).toEqual({ freeCancellationDays: 30, noShowPolicy: 'charge', acceptsOtherUnits: true })
	})
})

describe('decideEnrolmentRequest', () => {
	describe('approval needed', () => {
		test('never: approved at once, whatever the price', () => {
			expect(decideEnrolmentRequest(rules({ approval: { mode: 'never' } }), request({ priceCents: 900_000, remainingBudgetCents: 1_000_000 }))).toEqual({
				ok: true,
				value: { needsApproval: false, approvalReason: null },
			})
		})
		test('always: even a free course needs approval', () => {
			expect(decideEnrolmentRequest(rules({ approval: { mode: 'always' } }), request({ priceCents: 0 }))).toEqual({
				ok: true,
				value: { needsApproval: true, approvalReason: 'unit_always' },
			})
		})
		test('above a price: only a course that costs more than the threshold needs approval', () => {
			const above = rules({ approval: { mode: 'above_price', thresholdCents: 50_000 } })
			expect(decideEnrolmentRequest(above, request({ priceCents: 50_000 }))).toMatchObject({ value: { needsApproval: false } })
			expect(decideEnrolmentRequest(above, request({ priceCents: 50_001 }))).toMatchObject({ value: { needsApproval: true, approvalReason: 'above_price' } })
		})
		test("the provider's approval rule does not apply to another unit's employee", () => {
			const r = rules({ approval: { mode: 'never' } }, { approval: { mode: 'always' } })
			expect(decideEnrolmentRequest(r, request({ providerTenantId: 'unit-b' }))).toMatchObject({ value: { needsApproval: false } })
		})
	})

	describe('budget exceeded', () => {
		const overBudget = request({ priceCents: 60_000, remainingBudgetCents: 40_000 })
		const noApproval = { approval: { mode: 'never' } } as const
		test('block: the request is refused', () => {
			expect(decideEnrolmentRequest(rules({ ...noApproval, budgetExceeded: 'block' }), overBudget)).toEqual({ ok: false, code: 'BUDGET_EXCEEDED' })
		})
		test('require approval: the manager decides, even where the unit never asks approval', () => {
			expect(decideEnrolmentRequest(rules({ ...noApproval, budgetExceeded: 'require_approval' }), overBudget)).toMatchObject({
				value: { needsApproval: true, approvalReason: 'over_budget' },
			})
		})
		test('allow: the request goes through and the budget goes negative', () => {
			expect(decideEnrolmentRequest(rules({ ...noApproval, budgetExceeded: 'allow' }), overBudget)).toMatchObject({ value: { needsApproval: false } })
		})
		test('a free course is never over budget, however far over it the employee already is: no approval, no refusal, and its preview says so too', () => {
			const free = request({ priceCents: 0, remainingBudgetCents: -10_000 })
			for (const budgetExceeded of ['block', 'require_approval', 'allow'] as const) {
				expect(decideEnrolmentRequest(rules({ ...noApproval, budgetExceeded }), free)).toMatchObject({ ok: true, value: { needsApproval: false } })
				expect(previewEnrolmentRequest(rules({ ...noApproval, budgetExceeded }), free)).toMatchObject({ kind: 'enrols' })
			}
		})
		test('within budget nothing happens, under any setting', () => {
			for (const budgetExceeded of ['block', 'require_approval', 'allow'] as const) {
				expect(decideEnrolmentRequest(rules({ ...noApproval, budgetExceeded }), request({ priceCents: 40_000, remainingBudgetCents: 40_000 }))).toMatchObject({
					value: { needsApproval: false },
				})
			}
		})
	})

	describe('cost centre', () => {
		test('required: a paid course without a cost centre is refused, with one it is fine', () => {
			const r = rules({ costCentreRequired: true })
			expect(decideEnrolmentRequest(r, request({ costCentre: '  ' }))).toEqual({ ok: false, code: 'COST_CENTRE_REQUIRED' })
			expect(decideEnrolmentRequest(r, request({ costCentre: 'KP-4410' })).ok).toBe(true)
		})
		test('required: a free course needs none', () => {
			expect(decideEnrolmentRequest(rules({ costCentreRequired: true }), request({ priceCents: 0 })).ok).toBe(true)
		})
		test('not required: none is needed', () => {
			expect(decideEnrolmentRequest(rules({ costCentreRequired: false }), request()).ok).toBe(true)
		})
	})

	describe('cross-unit enrolment (employee of unit A in a session of unit B)', () => {
		const crossUnit = request({ providerTenantId: 'unit-b' })
		test('admitted when the providing unit accepts other units', () => {
			expect(decideEnrolmentRequest(rules({}, { acceptsOtherUnits: true }), crossUnit).ok).toBe(true)
		})
		test('refused when the providing unit does not', () => {
			expect(decideEnrolmentRequest(rules({}, { acceptsOtherUnits: false }), crossUnit)).toEqual({ ok: false, code: 'OTHER_UNITS_NOT_ADMITTED' })
		})
		test("the provider's own employees are always admitted", () => {
			expect(decideEnrolmentRequest(rules({ acceptsOtherUnits: false }, { acceptsOtherUnits: false }), request()).ok).toBe(true)
		})
		test("the employee's own unit refusing other units does not matter when they enrol elsewhere", () => {
			expect(decideEnrolmentRequest(rules({ acceptsOtherUnits: false }, { acceptsOtherUnits: true }), crossUnit).ok).toBe(true)
		})
	})

	describe('the course', () => {
		test.each(['draft', 'archived', 'merged'] as const)('a %s course takes no enrolments, whatever the units allow', (courseStatus) => {
			const open = rules({ approval: { mode: 'never' } }, { acceptsOtherUnits: true })
			expect(decideEnrolmentRequest(open, request({ courseStatus }))).toEqual({ ok: false, code: 'COURSE_NOT_PUBLISHED' })
			expect(decideEnrolmentRequest(open, request({ courseStatus, priceCents: 0, providerTenantId: 'unit-b' }))).toEqual({ ok: false, code: 'COURSE_NOT_PUBLISHED' })
		})
	})

	describe('the session', () => {
		test('a cancelled session takes no enrolments', () => {
			expect(decideEnrolmentRequest(rules(), request({ session: { startsAt: inDays(5), status: 'cancelled' } }))).toEqual({ ok: false, code: 'SESSION_CANCELLED' })
		})
		test('a session that has started or passed takes no enrolments', () => {
			expect(decideEnrolmentRequest(rules(), request({ session: { startsAt: now, status: 'planned' } }))).toEqual({ ok: false, code: 'SESSION_STARTED' })
			expect(decideEnrolmentRequest(rules(), request({ session: { startsAt: inDays(-3), status: 'planned' } }))).toEqual({ ok: false, code: 'SESSION_STARTED' })
		})
	})
})

describe('who approves', () => {
	test('manager only: the manager approves finally', () => {
		const r = rules({ approvers: 'manager' })
		expect(approvalChain(r)).toEqual(['manager'])
		expect(isFinalApproval(r, 'manager')).toBe(true)
	})
	test('manager then coordinator: the manager passes it on, the coordinator decides', () => {
		const r = rules({ approvers: 'manager_then_coordinator' })
		expect(approvalChain(r)).toEqual(['manager', 'coordinator'])
		expect(isFinalApproval(r, 'manager')).toBe(false)
		expect(isFinalApproval(r, 'coordinator')).toBe(true)
	})
	test("the provider's approvers setting does not apply", () => {
		expect(approvalChain(rules({ approvers: 'manager' }, { approvers: 'manager_then_coordinator' }))).toEqual(['manager'])
	})
})

describe('cancellationTerms (providing unit)', () => {
	const r = rules({ freeCancellationDays: 0 }, { freeCancellationDays: 14 })
	test("free until the provider's number of days before the start: the budget is released", () => {
		expect(cancellationTerms(r, { startsAt: inDays(14), now })).toEqual({ free: true, releasesBudget: true })
	})
	test('later the cost stays charged', () => {
		expect(cancellationTerms(r, { startsAt: inDays(13.9), now })).toEqual({ free: false, releasesBudget: false })
	})
	test('zero days: free until the start', () => {
		expect(cancellationTerms(rules({}, { freeCancellationDays: 0 }), { startsAt: inDays(0.01), now }).free).toBe(true)
	})
	test('a session the provider cancels is always free', () => {
		expect(cancellationTerms(r, { startsAt: inDays(1), now, sessionCancelled: true })).toEqual({ free: true, releasesBudget: true })
	})
})

describe('no-show policy (providing unit)', () => {
	test.each([
		['none', true],
		['warn', true],
		['charge', false],
	] as const)('%s: releases the budget = %s', (noShowPolicy, releases) => {
		expect(noShowReleasesBudget(rules({ noShowPolicy: 'none' }, { noShowPolicy }))).toBe(releases)
	})
})

describe('seats and budget arithmetic', () => {
	test('a newcomer gets a seat only when one is free and nobody waits ahead', () => {
		expect(seatIsFreeFor(25, 24, 0)).toBe(true)
		expect(seatIsFreeFor(25, 25, 0)).toBe(false)
		expect(seatIsFreeFor(25, 20, 1)).toBe(false)
	})
	test('a capacity lowered below the seats taken leaves zero free, not a negative number', () => {
		expect(freeSeats(10, 12)).toBe(0)
	})
	test('the budget year is the Amsterdam calendar year of the start', () => {
		expect(budgetYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027)
		expect(budgetYear(new Date('2026-06-01T10:00:00Z'))).toBe(2026)
	})
	test('remaining budget is the yearly budget minus what the ledger holds', () => {
		expect(remainingBudget(150_000, 60_000)).toBe(90_000)
		expect(remainingBudget(150_000, 160_000)).toBe(-10_000)
	})
})

describe('previewEnrolmentRequest: what the course page says before the click', () => {
	const { costCentre: _asked, ...base } = request()
	const preview = (employee: PoOverrides, overrides: Partial<EnrolmentRequest> = {}) => previewEnrolmentRequest(rules(employee), { ...base, ...overrides })

	test('enrolled at once: the price comes off the budget of the session’s year', () => {
		const nextYear = new Date('2027-01-04T09:00:00Z')
		expect(preview({ approval: { mode: 'never' } }, { session: { startsAt: nextYear, status: 'planned' } })).toEqual({
			kind: 'enrols',
			approvalReason: null,
			budgetYear: 2027,
			priceCents: 20_000,
			remainingAfterCents: 130_000,
		})
	})
	test('approval first, with the reason the approver will see', () => {
		expect(preview({ approval: { mode: 'always' } })).toMatchObject({ kind: 'needs_approval', approvalReason: 'unit_always' })
		expect(preview({ approval: { mode: 'above_price', thresholdCents: 10_000 } })).toMatchObject({ kind: 'needs_approval', approvalReason: 'above_price' })
		expect(preview({ approval: { mode: 'never' }, budgetExceeded: 'require_approval' }, { remainingBudgetCents: 5_000 })).toMatchObject({
			kind: 'needs_approval',
			approvalReason: 'over_budget',
			remainingAfterCents: -15_000,
		})
	})
	test('refused before the click where the request would be', () => {
		expect(preview({ budgetExceeded: 'block' }, { remainingBudgetCents: 5_000 })).toMatchObject({ kind: 'refused', code: 'BUDGET_EXCEEDED' })
		expect(preview({}, { session: { startsAt: inDays(-1), status: 'planned' } })).toMatchObject({ kind: 'refused', code: 'SESSION_STARTED' })
	})
	test('the cost centre is asked on the form: a unit that requires one does not make the preview a refusal', () => {
		expect(preview({ costCentreRequired: true, approval: { mode: 'never' } })).toMatchObject({ kind: 'enrols' })
	})
	test('a free course leaves the budget as it is', () => {
		expect(preview({ approval: { mode: 'never' } }, { priceCents: 0 })).toMatchObject({ kind: 'enrols', remainingAfterCents: 150_000 })
	})
})
