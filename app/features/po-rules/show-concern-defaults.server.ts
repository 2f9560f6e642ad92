import { getConcernPoDefaults, getDefaultPassMarkPercent } from '@leerplein/db/po-rules'
import { can } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { enrolmentRuleDefaults, type RuleDefaults } from './show-unit-rules.server.ts'

/** The concern's default enrolment rules and the default pass mark of new online parts (ADR 026), as the concern administrator edits them. */
export async function showConcernDefaults(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<{ rules: RuleDefaults; defaultPassMarkPercent: number }>> {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'read', { kind: 'po_defaults' })) throw refusal('forbidden', 'FORBIDDEN')
		return { rules: enrolmentRuleDefaults(await getConcernPoDefaults(tx)), defaultPassMarkPercent: await getDefaultPassMarkPercent(tx) }
	})
}
