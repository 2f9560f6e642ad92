import { errorCode } from '@leerplein/db'
import { saveCompetency as storeCompetency, type CompetencyValues } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * Adds a competency (`id` null) or changes one, for the whole concern, audit-logged with before
 * and after (no unit). Its levels may be renamed or added, never removed (requirements and
 * evidence name them by number): fewer levels than before is refused beside the levels. A name already taken is refused beside the name, also when two saves race
 * and the unique index decides; row-level security admits only a concern administrator (the
 * second wall behind `can()`).
 */
export async function saveCompetency(
	ctx: ServiceContext,
	{ actor, id, values }: { actor: Actor; id: string | null; values: CompetencyValues },
): Promise<ServiceResult<{ id: string }>> {
	if (!can(actor, id ? 'update' : 'create', { kind: 'competencies' })) return refuse('forbidden', 'FORBIDDEN')
	try {
		return await inTenant(ctx, actor, async (tx) => {
			const saved = await storeCompetency(tx, { id, values, actorId: actor.userId })
			if (!saved.ok) throw refusal(saved.code === 'COMPETENCY_NOT_FOUND' ? 'not_found' : 'invalid', saved.code, saved.code === 'COMPETENCY_LEVELS_REMOVED' ? { field: 'levels' } : undefined)
			await audit(ctx, tx, {
				actor,
				tenantId: null,
				action: id ? 'competency.update' : 'competency.create',
				objectType: 'competency',
				objectId: saved.id,
				before: saved.before,
				after: values,
			})
			return { id: saved.id }
		})
	} catch (error) {
		if (errorCode(error) === '23505') return refuse('conflict', 'COMPETENCY_NAME_TAKEN', { field: 'name' })
		throw error
	}
}
