import { z } from 'zod'
import { checkExpertEntry, type ExpertEntryError } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'

export const EXPERT_ENTRY_ERRORS: Record<ExpertEntryError, ErrorCode> = {
	description_required: 'EXPERT_DESCRIPTION_REQUIRED',
	description_too_long: 'EXPERT_DESCRIPTION_TOO_LONG',
	contact_required: 'EXPERT_CONTACT_REQUIRED',
	contact_too_long: 'EXPERT_CONTACT_TOO_LONG',
	theme_required: 'EXPERT_THEME_REQUIRED',
	too_many_themes: 'EXPERT_TOO_MANY_THEMES',
	too_many_competencies: 'EXPERT_TOO_MANY_COMPETENCIES',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Ticked ids; anything else than ids is refused on the list as a whole, so the error stands beside the group. */
const ids = z
	.array(z.string())
	.max(100, { error: 'EXPERT_CHOICE_UNKNOWN' satisfies ErrorCode })
	.optional()
	.transform((list) => list ?? [])
	.refine((list) => list.every((id) => UUID.test(id)), { error: 'EXPERT_CHOICE_UNKNOWN' satisfies ErrorCode })

/**
 * The entry as the form sends it: description, contact, the ticked themes and competencies. The
 * domain's `checkExpertEntry` judges it, so the page refuses exactly what the service would,
 * beside the field it concerns; whether the ids exist is the service's to say.
 */
export const expertEntrySchema = z
	.object({ description: z.string().optional(), contact: z.string().optional(), themeIds: ids, competencyIds: ids })
	.superRefine((submitted, issues) => {
		const checked = checkExpertEntry(submitted)
		if (checked.ok) return
		for (const [field, error] of Object.entries(checked.errors)) issues.addIssue({ code: 'custom', message: EXPERT_ENTRY_ERRORS[error], path: [field] })
	})

/** The directory's search, all in the URL: words, a theme (slug), a unit (slug), a page. */
export const EXPERT_SEARCH_PARAMETERS = { query: 'q', theme: 'thema', unit: 'onderdeel', page: 'pagina' } as const
/** Longer questions are cut here (the catalogue's search does the same with its own limit). */
export const MAX_EXPERT_QUERY = 100
