import { createHash } from 'node:crypto'
import { getUnitBranding, getUnitLogo, saveUnitBranding, type UnitLogo } from '@leerplein/db/branding'
import { checkAccentColour, checkLogoFile, displayRatio } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitBySlug } from './own-unit.server.ts'
import { cleanSvg } from './clean-svg.server.ts'

export type BrandingInput = {
	/** `#rrggbb`, or null for the concern's accent. */
	accentColour: string | null
	/** A new logo, or null to keep the one there is (or none, with `removeLogo`). */
	logo: Uint8Array | null
	removeLogo: boolean
}

/**
 * A coordinator sets their unit's accent colour and logo (ADR 052). The colour must reach 4.5:1
 * with its text (refused beside its field with the ratio found); the logo must be a PNG or SVG by
 * its bytes, an SVG is stored cleaned. Everything is checked before anything is written, so a
 * refused upload loses nothing already saved. Audited with the colour and the logo's type, size
 * and fingerprint before and after (never its bytes). Only the unit's own coordinators.
 */
export async function updateUnitBranding(ctx: ServiceContext, { actor, slug, ...input }: { actor: Actor; slug: string } & BrandingInput): Promise<ServiceResult<void>> {
	let accentColour: string | null = null
	if (input.accentColour !== null) {
		const accent = checkAccentColour(input.accentColour)
		if (!accent.ok) {
			return accent.code === 'ACCENT_CONTRAST_TOO_LOW'
				? refuse('invalid', accent.code, { field: 'accentColour', values: { ratio: displayRatio(accent.ratio) } })
				: refuse('invalid', accent.code, { field: 'accentColour' })
		}
		accentColour = accent.value.colour
	}
	let newLogo: Pick<UnitLogo, 'bytes' | 'type'> | null = null
	if (input.logo) {
		const file = checkLogoFile(input.logo)
		if (!file.ok) return refuse('invalid', file.code, { field: 'logo' })
		if (file.value.type === 'image/svg+xml') {
			const cleaned = cleanSvg(input.logo)
			if (!cleaned.ok) return refuse('invalid', cleaned.code, { field: 'logo' })
			newLogo = { bytes: new TextEncoder().encode(cleaned.svg), type: 'image/svg+xml' }
		} else {
			newLogo = { bytes: input.logo, type: 'image/png' }
		}
	}
	return inTenant(ctx, actor, async (tx) => {
		const tenant = await ownUnitBySlug(tx, { actor, slug })
		const [before, oldLogo] = await Promise.all([getUnitBranding(tx, { tenantId: tenant.id }), getUnitLogo(tx, { tenantId: tenant.id })])
		const logo = newLogo ?? (input.removeLogo ? null : oldLogo)
		await saveUnitBranding(tx, { tenantId: tenant.id, accentColour, logo, now: ctx.clock.now() })
		await audit(ctx, tx, {
			actor,
			tenantId: tenant.id,
			action: 'tenant.branding.update',
			objectType: 'tenant',
			objectId: tenant.id,
			before: before ? { accentColour: before.accentColour, logo: describeLogo(oldLogo) } : null,
			after: { accentColour, logo: describeLogo(logo) },
		})
	})
}

/** What the audit trail says of a logo: its type, size and a fingerprint that tells two apart. */
export function describeLogo(logo: Pick<UnitLogo, 'bytes' | 'type'> | null) {
	if (!logo) return null
	return { type: logo.type, bytes: logo.bytes.byteLength, sha256: createHash('sha256').update(logo.bytes).digest('hex').slice(0, 16) }
}
