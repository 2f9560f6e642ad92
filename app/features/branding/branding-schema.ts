import { getZodConstraint } from '@conform-to/zod/v4'
import { MAX_LOGO_BYTES } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/**
 * The branding form, in the browser (Conform) and on the server: an accent colour as `#rrggbb`
 * (empty: the concern's), an optional new logo of at most 200 KB, and whether to drop the own
 * logo; or a reset to the concern look. The colour's contrast and the logo's content are the
 * service's checks (`checkAccentColour`, `checkLogoFile`, `cleanSvg`).
 */
export const brandingSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('save'),
		accentColour: z
			.string()
			.trim()
			.regex(/^#[0-9a-fA-F]{6}$/, { error: 'ACCENT_COLOUR_INVALID' satisfies ErrorCode })
			.optional(),
		logo: z
			.custom<File>((value) => typeof File !== 'undefined' && value instanceof File, { error: 'LOGO_TYPE_UNKNOWN' satisfies ErrorCode })
			.refine((file) => file.size <= MAX_LOGO_BYTES, { error: 'LOGO_TOO_LARGE' satisfies ErrorCode })
			.optional(),
		removeLogo: z.boolean().optional(),
	}),
	z.object({ intent: z.literal('reset') }),
])

export const brandingConstraint = getZodConstraint(brandingSchema)
