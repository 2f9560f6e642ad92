import { getOwnExpert, knownExpertChoices, saveExpert } from '@leerplein/db/experts'
import { can, checkExpertEntry, type ExpertEntryInput } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { EXPERT_ENTRY_ERRORS } from './expert-schema.ts'
import { ownExpertEntry } from './own-expert-entry.ts'

/**
 * The signed-in person makes themselves available as an expert, or changes their entry (ADR 048):
 * description, contact, one to ten themes, up to ten competencies. The entry is always theirs, in
 * their own unit: whatever a form sends, nobody writes another's. A new entry is available at
 * once; a changed one keeps its pause. Audited `expert.create` / `expert.update` with the themes
 * and competencies before and after (not the texts: they are on the entry itself).
 */
export async function saveExpertEntry(ctx: ServiceContext, { actor, ...input }: { actor: Actor } & ExpertEntryInput): Promise<ServiceResult<{ created: boolean }>> {
	const checked = checkExpertEntry(input)
	if (!checked.ok) {
		const [field, error] = Object.entries(checked.errors)[0]!
		return refuse('invalid', EXPERT_ENTRY_ERRORS[error], { field })
	}
	const entry = checked.value
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const scope = { tenantId: actor.tenantId, userId: actor.userId }
		const before = await getOwnExpert(tx, scope)
		if (!can(actor, before ? 'update' : 'create', ownExpertEntry(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const known = await knownExpertChoices(tx, entry)
		if (entry.themeIds.some((id) => !known.themeIds.has(id))) throw refusal('invalid', 'EXPERT_CHOICE_UNKNOWN', { field: 'themeIds' })
		if (entry.competencyIds.some((id) => !known.competencyIds.has(id))) throw refusal('invalid', 'EXPERT_CHOICE_UNKNOWN', { field: 'competencyIds' })
		const { created } = await saveExpert(tx, { ...scope, now, fields: entry })
		await audit(ctx, tx, {
			actor,
			action: created ? 'expert.create' : 'expert.update',
			objectType: 'expert',
			objectId: actor.userId,
			before: before ? { themeIds: before.themeIds, competencyIds: before.competencyIds } : null,
			after: { themeIds: entry.themeIds, competencyIds: entry.competencyIds },
		})
		return { created }
	})
}
