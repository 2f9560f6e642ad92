import type { PoSettings } from '../tenancy/po-settings.ts'

/** One request an approver is about to approve, with what its budget holds now. */
export type ApprovalCandidate = {
	enrolmentId: string
	userId: string
	employeeName: string
	/** The budget year the request is charged to (budgetYear of its session). */
	year: number
	priceCents: number
	/** Does this approver's approval finish the request (and commit the budget), or pass it on to the coordinator? */
	final: boolean
	yearlyBudgetCents: number
	budgetExceeded: PoSettings['budgetExceeded']
	/** What the ledger holds for this person and year before the batch. */
	committedCents: number
}

/** The effect of the batch on one budget (one person, one year). */
export type BudgetEffect = {
	userId: string
	employeeName: string
	year: number
	yearlyBudgetCents: number
	committedCents: number
	/** What the batch commits to this budget. */
	approvingCents: number
	/** The yearly budget minus everything committed after the batch (negative: over budget). */
	remainingAfterCents: number
	requests: number
}

export type ApprovalPreview = {
	requests: number
	/** Approvals that finish the request and commit its cost. */
	final: number
	/** Approvals that pass the request on to the coordinator (nothing is committed yet). */
	passedOn: number
	totalCents: number
	/** Every budget the batch touches, the tightest first. */
	budgets: BudgetEffect[]
	/** Requests the batch would be refused because the budget is exhausted and the unit blocks overspending. */
	refusedForBudget: string[]
}

/**
 * What approving a batch would do, before anyone clicks: per budget, what is committed and what
 * remains after. Requests are taken in the order given (the order they are decided in), so two
 * requests of one person share one budget exactly as the decisions will; a request that no longer
 * fits a blocking unit's budget is named, and commits nothing.
 */
export function previewApprovals(candidates: readonly ApprovalCandidate[]): ApprovalPreview {
	const budgets = new Map<string, BudgetEffect>()
	const refusedForBudget: string[] = []
	let final = 0
	let totalCents = 0
	for (const candidate of candidates) {
		const key = `${candidate.userId}:${candidate.year}`
		const budget =
			budgets.get(key) ??
			({
				userId: candidate.userId,
				employeeName: candidate.employeeName,
				year: candidate.year,
				yearlyBudgetCents: candidate.yearlyBudgetCents,
				committedCents: candidate.committedCents,
				approvingCents: 0,
				remainingAfterCents: candidate.yearlyBudgetCents - candidate.committedCents,
				requests: 0,
			} satisfies BudgetEffect)
		budgets.set(key, budget)
		budget.requests += 1
		if (!candidate.final) continue
		if (candidate.priceCents > budget.remainingAfterCents && candidate.budgetExceeded === 'block') {
			refusedForBudget.push(candidate.enrolmentId)
			continue
		}
		final += 1
		totalCents += candidate.priceCents
		budget.approvingCents += candidate.priceCents
		budget.remainingAfterCents -= candidate.priceCents
	}
	const passedOn = candidates.filter((candidate) => !candidate.final).length
	return {
		requests: candidates.length,
		final,
		passedOn,
		totalCents,
		budgets: [...budgets.values()].sort((a, b) => a.remainingAfterCents - b.remainingAfterCents || a.employeeName.localeCompare(b.employeeName) || a.year - b.year),
		refusedForBudget,
	}
}
