import { committedBudgets, getApprovalCandidates, listApprovalInboxIds } from '@leerplein/db/enrolment'
import { budgetYear, can, isFinalApproval, previewApprovals, type Actor, type ApprovalPreview, type EnrolmentRules, type PoOverrides } from '@leerplein/domain'
import { inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { approvalFilter, type ApprovalGridFilters } from './approval-grid.server.ts'
import { MAX_BATCH } from './decision-schema.ts'
import { rulesOf } from './enrolment-support.server.ts'
import { inboxOf } from './show-approvals.server.ts'

/** The ticked requests, or every request matching the inbox's filters. */
export type DecisionSelection = { ids: readonly string[] } | { filters: ApprovalGridFilters }

export type DecisionPreview = {
	decision: 'approve' | 'decline'
	/** The requests the decision will be taken on, oldest first (the order they are decided in). */
	requests: { id: string; employeeName: string; courseTitle: string; priceCents: number; startsAt: Date }[]
	/** Ticked ids that are not (or no longer) in this inbox: decided meanwhile, or never the approver's. */
	notInInbox: number
	/** More matched the filters than one decision takes: only the oldest MAX_BATCH are in it. */
	truncated: boolean
	/** What approving does to each budget; null for declining (which commits nothing). */
	budget: ApprovalPreview | null
}

/**
 * What a bulk decision would do, without doing it: which requests, and for approving, per budget
 * what is committed and what remains after. Reads only the approver's own inbox, so a forged id
 * of another team or unit is not in it and counts as "not in the inbox".
 */
export async function previewDecision(
	ctx: ServiceContext,
	{ actor, selection, decision }: { actor: Actor; selection: DecisionSelection; decision: 'approve' | 'decline' },
): Promise<ServiceResult<DecisionPreview>> {
	if ('ids' in selection && selection.ids.length === 0) return refuse('invalid', 'NOTHING_SELECTED', { field: 'ids' })
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'read', { kind: 'approvals', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const inbox = inboxOf(actor)
		const ids = 'ids' in selection ? [...new Set(selection.ids)] : await listApprovalInboxIds(tx, { inbox, filter: approvalFilter(selection.filters, now), limit: MAX_BATCH + 1 })
		const truncated = ids.length > MAX_BATCH
		const candidates = await getApprovalCandidates(tx, { inbox, ids: ids.slice(0, MAX_BATCH) })
		if (candidates.length === 0) throw 'ids' in selection ? refusal('not_found', 'ENROLMENT_NOT_FOUND', { field: 'ids' }) : refusal('invalid', 'NOTHING_SELECTED', { field: 'ids' })
		const requests = candidates.map(({ id, employeeName, courseTitle, priceCents, startsAt }) => ({ id, employeeName, courseTitle, priceCents, startsAt }))
		const notInInbox = Math.min(ids.length, MAX_BATCH) - candidates.length
		if (decision === 'decline') return { decision, requests, notInInbox, truncated, budget: null }

		// The rules of each pair of units (the employee's, the provider's), read once per pair.
		const rules = new Map<string, Promise<EnrolmentRules>>()
		const rulesFor = (employee: PoOverrides, provider: PoOverrides) => {
			const key = JSON.stringify([employee, provider])
			if (!rules.has(key)) rules.set(key, rulesOf(tx, employee, provider))
			return rules.get(key)!
		}
		const committed = new Map((await committedBudgets(tx, { tenantId: actor.tenantId, userIds: candidates.map((c) => c.userId) })).map((row) => [`${row.userId}:${row.year}`, row.committedCents]))
		const approver = inbox.managerId === null ? 'coordinator' : 'manager'
		const budget = previewApprovals(
			await Promise.all(
				candidates.map(async (candidate) => {
					const { employeeUnit } = await rulesFor(candidate.employeePoOverrides, candidate.providerPoOverrides)
					const year = budgetYear(candidate.startsAt)
					return {
						enrolmentId: candidate.id,
						userId: candidate.userId,
						employeeName: candidate.employeeName,
						year,
						priceCents: candidate.priceCents,
						final: isFinalApproval(await rulesFor(candidate.employeePoOverrides, candidate.providerPoOverrides), approver),
						yearlyBudgetCents: employeeUnit.yearlyBudgetCents,
						budgetExceeded: employeeUnit.budgetExceeded,
						committedCents: committed.get(`${candidate.userId}:${year}`) ?? 0,
					}
				}),
			),
		)
		return { decision, requests, notInInbox, truncated, budget }
	})
}
