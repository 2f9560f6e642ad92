import { listUnitSessionsPage, type UnitSessionSort } from '@leerplein/db/enrolment'
import { listUnitTrainers } from '@leerplein/db/planning'
import { belowMinimumBeforeDeadline, can, pageCount, pageWindow, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { unitSessionFilter, type SessionGridFilters } from './session-grid.server.ts'

export const SESSIONS_PAGE_SIZE = 50

/**
 * The sessions the actor's unit runs, as a grid: one page matching the filters, and the trainers to
 * filter on; for who runs them. Each says whether it is below its minimum while enrolment is still open.
 */
export async function listUnitSessions(
	ctx: ServiceContext,
	{ actor, filters, sort, page }: { actor: Actor; filters: SessionGridFilters; sort: { id: UnitSessionSort; desc: boolean }; page: number },
) {
	const window = pageWindow(page, SESSIONS_PAGE_SIZE)
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', { kind: 'session', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const [{ rows, total }, trainers] = await Promise.all([
			listUnitSessionsPage(tx, { tenantId: actor.tenantId, filter: unitSessionFilter(filters), sort: sort.id, direction: sort.desc ? 'desc' : 'asc', limit: window.pageSize, offset: window.offset }),
			listUnitTrainers(tx, { tenantId: actor.tenantId, search: '' }),
		])
		return {
			rows: rows.map((row) => ({ ...row, belowMinimum: belowMinimumBeforeDeadline({ ...row, seatsTaken: row.taken }, { now }) })),
			total,
			page,
			pages: pageCount(total, SESSIONS_PAGE_SIZE),
			trainers: trainers.map(({ id, name }) => ({ id, name })),
		}
	})
}
