import { getUnitBranding } from '@leerplein/db/branding'
import { inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitBySlug } from './own-unit.server.ts'

export type UnitBrandingPage = {
	tenant: { name: string; slug: string }
	/** Null: the concern look. `version` names the logo's and style sheet's current addresses. */
	branding: { accentColour: string | null; hasLogo: boolean; updatedAt: string; version: string } | null
}

/**
 * A unit's branding for its coordinator's page. Only the unit's own coordinators: any other slug
 * is forbidden (`ownUnitBySlug`), and row-level security would not show another unit's row anyway.
 */
export async function showUnitBranding(ctx: ServiceContext, { actor, slug }: { actor: Actor; slug: string }): Promise<ServiceResult<UnitBrandingPage>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const tenant = await ownUnitBySlug(tx, { actor, slug })
			const branding = await getUnitBranding(tx, { tenantId: tenant.id })
			return {
				tenant: { name: tenant.name, slug: tenant.slug },
				branding: branding
					? { accentColour: branding.accentColour, hasLogo: branding.logoType !== null, updatedAt: branding.updatedAt.toISOString(), version: brandingVersion(branding.updatedAt) }
					: null,
			}
		},
		{ readOnly: true },
	)
}

/** The version in a branding file's address and its validator: the row's last change, to the millisecond. */
export function brandingVersion(updatedAt: Date): string {
	return updatedAt.getTime().toString(36)
}
