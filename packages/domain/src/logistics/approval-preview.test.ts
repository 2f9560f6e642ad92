import { describe, expect, test } from 'vitest'
import { previewApprovals, type ApprovalCandidate } from './approval-preview.ts'

function candidate(overrides: Partial<ApprovalCandidate> & Pick<ApprovalCandidate, 'enrolmentId'>): ApprovalCandidate {
	return {
		userId: 'anna',
		employeeName: 'Anna',
		year: 2026,
		priceCents: 50_000,
		final: true,
		yearlyBudgetCents: 150_000,
		budgetExceeded: 'block',
		committedCents: 0,
		...overrides,
	}
}

describe('previewApprovals: the budget effect of approving a batch', () => {
	test('given two requests of one person, when previewed, then both are committed to one budget and what remains is the budget minus both', () => {
		const preview = previewApprovals([candidate({ enrolmentId: 'a1', committedCents: 20_000 }), candidate({ enrolmentId: 'a2', priceCents: 30_000, committedCents: 20_000 })])
		expect(preview).toMatchObject({ requests: 2, final: 2, passedOn: 0, totalCents: 80_000, refusedForBudget: [] })
		expect(preview.budgets).toEqual([
			{ userId: 'anna', employeeName: 'Anna', year: 2026, yearlyBudgetCents: 150_000, committedCents: 20_000, approvingCents: 80_000, remainingAfterCents: 50_000, requests: 2 },
		])
	})

	test('given a blocking unit, when the second request no longer fits, then it is named as refused and commits nothing', () => {
		const preview = previewApprovals([candidate({ enrolmentId: 'a1', priceCents: 100_000 }), candidate({ enrolmentId: 'a2', priceCents: 60_000 })])
		expect(preview.refusedForBudget).toEqual(['a2'])
		expect(preview.final).toBe(1)
		expect(preview.budgets[0]).toMatchObject({ approvingCents: 100_000, remainingAfterCents: 50_000 })
	})

	test('given a unit that allows overspending, when the batch goes over, then everything is committed and the remainder shows negative', () => {
		const preview = previewApprovals([candidate({ enrolmentId: 'a1', priceCents: 100_000, budgetExceeded: 'allow' }), candidate({ enrolmentId: 'a2', priceCents: 60_000, budgetExceeded: 'allow' })])
		expect(preview.refusedForBudget).toEqual([])
		expect(preview.budgets[0]).toMatchObject({ approvingCents: 160_000, remainingAfterCents: -10_000 })
	})

	test('given a manager whose approval passes the request on, when previewed, then nothing is committed yet', () => {
		const preview = previewApprovals([candidate({ enrolmentId: 'a1', final: false })])
		expect(preview).toMatchObject({ final: 0, passedOn: 1, totalCents: 0 })
		expect(preview.budgets[0]).toMatchObject({ approvingCents: 0, remainingAfterCents: 150_000, requests: 1 })
	})

	test('given budgets of several people and years, when previewed, then the tightest budget comes first', () => {
		const preview = previewApprovals([
			candidate({ enrolmentId: 'a1', priceCents: 10_000 }),
			candidate({ enrolmentId: 'b1', userId: 'bram', employeeName: 'Bram', priceCents: 140_000 }),
			candidate({ enrolmentId: 'a2', year: 2027, priceCents: 0 }),
		])
		expect(preview.budgets.map((budget) => `${budget.employeeName} ${budget.year}: ${budget.remainingAfterCents}`)).toEqual(['Bram 2026: 10000', 'Anna 2026: 140000', 'Anna 2027: 150000'])
	})
})
