import { getOwnExpert, listExpertChoices, type OwnExpertEntry } from '@leerplein/db/experts'
import { can } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownExpertEntry } from './own-expert-entry.ts'

export type OwnExpertView = {
	entry: OwnExpertEntry | null
	themes: { id: string; slug: string; nameNl: string; nameEn: string }[]
	competencies: { id: string; name: string }[]
}

/** The signed-in person's own entry (or none yet) with every theme and active competency to choose from (ADR 048). */
export async function showOwnExpert(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<OwnExpertView>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, 'read', ownExpertEntry(actor))) throw refusal('forbidden', 'FORBIDDEN')
			const [entry, choices] = await Promise.all([getOwnExpert(tx, { tenantId: actor.tenantId, userId: actor.userId }), listExpertChoices(tx)])
			return { entry, ...choices }
		},
		{ readOnly: true },
	)
}
