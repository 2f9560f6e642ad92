import { errorCode } from '@leerplein/db'
import { findUnitEmployeeByEmail, insertTrainer, listUnitTrainers, updateTrainer, type TrainerFields } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSession } from './own-unit-session.ts'
import type { TrainerInput } from './trainer-schema.ts'

/** The unit's trainers (active first), matching `search` in name, organisation or e-mail; for its coordinators. */
export async function listTrainers(ctx: ServiceContext, { actor, search }: { actor: Actor; search: string }) {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		return listUnitTrainers(tx, { tenantId: actor.tenantId, search: search.trim().slice(0, 100) })
	})
}

/**
 * Adds a trainer to the unit, or changes one of its own, audit-logged. An internal trainer is an
 * active employee of the unit, by e-mail (`TRAINER_EMPLOYEE_NOT_FOUND` beside the address
 * otherwise), at most once (`TRAINER_ALREADY_EXISTS`). Another unit's trainer is not found.
 */
export async function saveTrainer(ctx: ServiceContext, { actor, input }: { actor: Actor; input: TrainerInput }): Promise<ServiceResult<{ trainerId: string }>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { tenantId } = actor
	try {
		return await inTenant(ctx, actor, async (tx) => {
			let fields: TrainerFields
			if (input.kind === 'internal') {
				const employee = await findUnitEmployeeByEmail(tx, { tenantId, email: input.email })
				if (!employee) throw refusal('invalid', 'TRAINER_EMPLOYEE_NOT_FOUND', { field: 'email' })
				fields = { kind: 'internal', userId: employee.id, name: employee.name, organisation: null, email: employee.email }
			} else {
				fields = { kind: 'external', userId: null, name: input.name!, organisation: input.organisation!, email: input.email }
			}
			const trainerId = input.id ?? (await insertTrainer(tx, { tenantId, fields }))
			const before = input.id ? await updateTrainer(tx, { tenantId, trainerId: input.id, fields }) : null
			if (input.id && !before) throw refusal('not_found', 'TRAINER_NOT_FOUND')
			await audit(ctx, tx, { actor, action: input.id ? 'trainer.update' : 'trainer.create', objectType: 'trainer', objectId: trainerId, before: before?.fields ?? null, after: fields })
			return { trainerId }
		})
	} catch (error) {
		// trainers_one_per_employee: this employee is a trainer of the unit already.
		if (errorCode(error) === '23505') return refuse('conflict', 'TRAINER_ALREADY_EXISTS', { field: 'email' })
		throw error
	}
}

/** Deactivates (or reactivates) one of the unit's trainers, audit-logged; planned meetings keep them, new ones cannot choose them. */
export async function setTrainerActive(ctx: ServiceContext, { actor, trainerId, active }: { actor: Actor; trainerId: string; active: boolean }): Promise<ServiceResult<null>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const before = await updateTrainer(tx, { tenantId: actor.tenantId, trainerId, fields: { active } })
		if (!before) throw refusal('not_found', 'TRAINER_NOT_FOUND')
		await audit(ctx, tx, { actor, action: active ? 'trainer.activate' : 'trainer.deactivate', objectType: 'trainer', objectId: trainerId, before: { active: before.active }, after: { active } })
		return null
	})
}
