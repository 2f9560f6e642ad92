import { listApprovalInbox, listApprovalInboxCourses, listRecentBulkJobs, type ApprovalInbox, type ApprovalSort } from '@leerplein/db/enrolment'
import { can, pageCount, pageWindow, type Actor } from '@leerplein/domain'
import { createCache } from '../../core/cache.server.ts'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { approvalFilter, daysWaiting, type ApprovalGridFilters } from './approval-grid.server.ts'
import { enrolmentResource } from './enrolment-support.server.ts'

export const APPROVALS_PAGE_SIZE = 50

/**
 * The courses to filter an inbox on, per inbox, for a minute: reading them is a pass over the whole
 * inbox under the policies, on every page; a course that just got its first request may be a
 * minute late in the list (filtering on it by URL works at once).
 */
const inboxCourses = createCache<{ id: string; title: string }[]>({ name: 'approval-inbox-courses', max: 1000, ttlMs: 60_000 })

/**
 * Whose requests this approver decides: a manager their own team's at the manager step; who may
 * decide the request of someone with no manager on record (not in anyone's team) decides for the
 * whole unit (a coordinator, who may stand in for a manager and takes the second step).
 */
export function inboxOf(actor: Actor): ApprovalInbox {
	const { tenantId, userId } = actor
	const wholeUnit = can(actor, 'approve', enrolmentResource({ tenantId, userId: '', managerId: null, providerTenantId: tenantId }))
	return { tenantId, managerId: wholeUnit ? null : userId, step: wholeUnit ? null : 'manager' }
}

/** The approvals inbox as a grid: one page of the requests matching the filters, with their age, and the courses to filter on. */
export async function showApprovals(
	ctx: ServiceContext,
	{ actor, filters, sort, page }: { actor: Actor; filters: ApprovalGridFilters; sort: { id: ApprovalSort; desc: boolean }; page: number },
) {
	const now = ctx.clock.now()
	const window = pageWindow(page, APPROVALS_PAGE_SIZE)
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'read', { kind: 'approvals', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const inbox = inboxOf(actor)
		const [{ rows, total }, courses, batches] = await Promise.all([
			listApprovalInbox(tx, { inbox, filter: approvalFilter(filters, now), sort: sort.id, direction: sort.desc ? 'desc' : 'asc', limit: window.pageSize, offset: window.offset }),
			inboxCourses.getOrLoad(`${inbox.tenantId}:${inbox.managerId ?? ''}`, () => listApprovalInboxCourses(tx, { inbox })),
			// The approver's own latest bulk decisions that ran as a job (ADR 038), to find their outcome again.
			listRecentBulkJobs(tx, { limit: 5 }),
		])
		return {
			rows: rows.map((row) => ({ ...row, daysWaiting: daysWaiting(row.requestedAt, now) })),
			total,
			page,
			pages: pageCount(total, APPROVALS_PAGE_SIZE),
			courses,
			batches,
			wholeUnit: inbox.managerId === null,
		}
	})
}
