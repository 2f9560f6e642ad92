import { getConcernPoDefaults, updateConcernPoDefaults, withTenantContext, writeAudit } from '@leerplein/db'
import { can, poSettingsSchema, type EnrolmentRuleKey, type PoSettings } from '@leerplein/domain'
import { actorOf } from '../identity/guard.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { ServiceContext } from '../enrolment/enrolment-support.server.ts'

/**
 * The concern administrator sets the default enrolment rules every unit inherits (a unit's own
 * values stay as they are). Validated against the domain schema, audit-logged without a unit;
 * row-level security refuses anyone else even if the permission check were missed.
 */
export async function updateConcernDefaults(ctx: ServiceContext, signedIn: SignedIn, { rules }: { rules: Pick<PoSettings, EnrolmentRuleKey> }) {
	const actor = actorOf(signedIn)
	if (!can(actor, 'update', { kind: 'po_defaults' })) return { ok: false as const, code: 'FORBIDDEN' as const }
	return withTenantContext(ctx.db, { tenantId: actor.tenantId, userId: actor.userId }, async (tx) => {
		const before = await getConcernPoDefaults(tx)
		const defaults = poSettingsSchema.parse({ ...before, ...rules })
		if (!(await updateConcernPoDefaults(tx, { defaults, actorId: actor.userId }))) return { ok: false as const, code: 'FORBIDDEN' as const }
		await writeAudit(tx, {
			tenantId: null,
			actorUserId: actor.userId,
			action: 'concern.rules.update',
			objectType: 'concern_settings',
			objectId: '1',
			result: 'success',
			origin: ctx.clientIp,
			requestId: ctx.requestId,
			before,
			after: defaults,
		})
		return { ok: true as const }
	})
}
