import { getConcernPoDefaults, updateConcernPoDefaults } from '@leerplein/db/po-rules'
import { can, poSettingsSchema, type EnrolmentRuleKey, type PoSettings } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * The concern administrator sets the default enrolment rules every unit inherits (a unit's own
 * values stay as they are). Validated against the domain schema, audit-logged without a unit;
 * row-level security refuses anyone else even if the permission check were missed.
 */
export async function updateConcernDefaults(
	ctx: ServiceContext,
	{ actor, rules }: { actor: Actor; rules: Pick<PoSettings, EnrolmentRuleKey> },
): Promise<ServiceResult<void>> {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', { kind: 'po_defaults' })) throw refusal('forbidden', 'FORBIDDEN')
		const before = await getConcernPoDefaults(tx)
		const defaults = poSettingsSchema.parse({ ...before, ...rules })
		if (!(await updateConcernPoDefaults(tx, { defaults, actorId: actor.userId }))) throw refusal('forbidden', 'FORBIDDEN')
		await audit(ctx, tx, { actor, tenantId: null, action: 'concern.rules.update', objectType: 'concern_settings', objectId: '1', before, after: defaults })
	})
}
