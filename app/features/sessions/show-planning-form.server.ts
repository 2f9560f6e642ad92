import { listActiveRooms, listActiveTrainers, listPlannableCourses } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { ownUnitSession } from './own-unit-session.ts'

/** What the planning form offers: the courses the unit may plan, and its active rooms and trainers. */
export async function showPlanningForm(ctx: ServiceContext, { actor }: { actor: Actor }) {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const [courses, rooms, trainers] = [
			await listPlannableCourses(tx, { tenantId: actor.tenantId }),
			await listActiveRooms(tx, { tenantId: actor.tenantId }),
			await listActiveTrainers(tx, { tenantId: actor.tenantId }),
		]
		return { courses, rooms, trainers }
	})
}
