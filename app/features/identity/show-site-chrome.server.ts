import { getUnitBranding } from '@leerplein/db/branding'
import { findTrainerIdsOfUser } from '@leerplein/db/planning'
import { getTenantName } from '@leerplein/db/tenants'
import type { Actor } from '@leerplein/domain'
import { inTenant, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { brandingVersion } from '../branding/show-unit-branding.server.ts'

export type SiteChrome = {
	/** An internal trainer of their unit: the navigation then offers "my sessions". */
	trains: boolean
	/** The person's unit, named in the footer; its slug links its P&O rules. */
	unit: { name: string; slug: string } | null
	/**
	 * The unit's own look (ADR 052), or null for the concern's: whether it has a logo and an accent,
	 * and the version that names the logo's and style sheet's addresses.
	 */
	branding: { logo: boolean; accent: boolean; version: string } | null
}

/** What every page's header and footer say about the signed-in person, in one read of their unit. */
export async function showSiteChrome(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<SiteChrome>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const trainerIds = await findTrainerIdsOfUser(tx, { tenantId: actor.tenantId, userId: actor.userId })
			const branding = await getUnitBranding(tx, { tenantId: actor.tenantId })
			return {
				trains: trainerIds.length > 0,
				unit: await getTenantName(tx, { tenantId: actor.tenantId }),
				branding: branding ? { logo: branding.logoType !== null, accent: branding.accentColour !== null, version: brandingVersion(branding.updatedAt) } : null,
			}
		},
		{ readOnly: true },
	)
}
