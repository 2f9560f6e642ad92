import { getUnitBranding, getUnitLogo, type UnitLogo } from '@leerplein/db/branding'
import { darkerShade } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { brandingVersion } from './show-unit-branding.server.ts'

/** The signed-in person's own unit's logo as served, with its version; not found when the unit has none. */
export async function openOwnLogo(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<UnitLogo & { version: string }>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const logo = await getUnitLogo(tx, { tenantId: actor.tenantId })
			if (!logo) throw refusal('not_found', 'LOGO_NOT_FOUND')
			return { ...logo, version: brandingVersion(logo.updatedAt) }
		},
		{ readOnly: true },
	)
}

/**
 * The design tokens of the person's own unit as a style sheet (ADR 052): the accent where the
 * concern has its lintblauw, a darker shade for hover and grey panels, and the accent as the link
 * colour. Empty for a unit without an accent. A separate file, because the site's
 * Content-Security-Policy allows style sheets from the portal itself and no inline style.
 */
export async function ownBrandingStyleSheet(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<{ css: string; version: string | null }>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const branding = await getUnitBranding(tx, { tenantId: actor.tenantId })
			if (!branding) return { css: '', version: null }
			return { css: brandingTokens(branding.accentColour), version: brandingVersion(branding.updatedAt) }
		},
		{ readOnly: true },
	)
}

/** The custom properties app.css reads (`--accent`, `--accent-strong`, `--link`, `--link-hover`) for one accent. */
export function brandingTokens(accentColour: string | null): string {
	if (!accentColour || !/^#[0-9a-f]{6}$/.test(accentColour)) return ''
	const strong = darkerShade(accentColour)
	return `:root {\n\t--accent: ${accentColour};\n\t--accent-strong: ${strong};\n\t--link: ${accentColour};\n\t--link-hover: ${strong};\n}\n`
}
