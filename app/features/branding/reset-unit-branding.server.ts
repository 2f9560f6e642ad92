import { getUnitBranding, getUnitLogo, removeUnitBranding } from '@leerplein/db/branding'
import { audit, inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitBySlug } from './own-unit.server.ts'
import { describeLogo } from './update-unit-branding.server.ts'

/** Back to the concern look: the unit's logo and accent go, audited with what they were. Only the unit's own coordinators. */
export async function resetUnitBranding(ctx: ServiceContext, { actor, slug }: { actor: Actor; slug: string }): Promise<ServiceResult<void>> {
	return inTenant(ctx, actor, async (tx) => {
		const tenant = await ownUnitBySlug(tx, { actor, slug })
		const [before, logo] = await Promise.all([getUnitBranding(tx, { tenantId: tenant.id }), getUnitLogo(tx, { tenantId: tenant.id })])
		// Nothing of its own: nothing to reset, and nothing to audit.
		if (!before) return
		await removeUnitBranding(tx, { tenantId: tenant.id })
		await audit(ctx, tx, {
			actor,
			tenantId: tenant.id,
			action: 'tenant.branding.reset',
			objectType: 'tenant',
			objectId: tenant.id,
			before: { accentColour: before.accentColour, logo: describeLogo(logo) },
			after: { accentColour: null, logo: null },
		})
	})
}
