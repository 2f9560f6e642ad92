/**
 * An entry in the experts directory (issue 20, ADR 048): a person makes themselves available on
 * one or more of the catalogue's themes and, if they like, competencies of the quality passport,
 * with a short description and how to reach them. Pure: the caller checks that the ids exist.
 */

export const MAX_EXPERT_DESCRIPTION = 500
export const MAX_EXPERT_CONTACT = 200
export const MAX_EXPERT_THEMES = 10
export const MAX_EXPERT_COMPETENCIES = 10

export type ExpertEntryError =
	| 'description_required'
	| 'description_too_long'
	| 'contact_required'
	| 'contact_too_long'
	| 'theme_required'
	| 'too_many_themes'
	| 'too_many_competencies'

export type ExpertEntryInput = { description?: string | undefined; contact?: string | undefined; themeIds: readonly string[]; competencyIds: readonly string[] }
export type ExpertEntry = { description: string; contact: string; themeIds: string[]; competencyIds: string[] }

/**
 * Checks an entry as the form sends it: description and contact trimmed, required, at most 500
 * and 200 characters; at least one theme and at most ten, at most ten competencies (the same id
 * twice counts once). Errors per field: `description`, `contact`, `themeIds`, `competencyIds`.
 */
export function checkExpertEntry(input: ExpertEntryInput): { ok: true; value: ExpertEntry } | { ok: false; errors: Partial<Record<keyof ExpertEntry, ExpertEntryError>> } {
	const description = input.description?.trim() ?? ''
	const contact = input.contact?.trim() ?? ''
	const themeIds = [...new Set(input.themeIds)].sort()
	const competencyIds = [...new Set(input.competencyIds)].sort()
	const errors: Partial<Record<keyof ExpertEntry, ExpertEntryError>> = {}
	if (description === '') errors.description = 'description_required'
	else if ([...description].length > MAX_EXPERT_DESCRIPTION) errors.description = 'description_too_long'
	if (contact === '') errors.contact = 'contact_required'
	else if ([...contact].length > MAX_EXPERT_CONTACT) errors.contact = 'contact_too_long'
	if (themeIds.length === 0) errors.themeIds = 'theme_required'
	else if (themeIds.length > MAX_EXPERT_THEMES) errors.themeIds = 'too_many_themes'
	if (competencyIds.length > MAX_EXPERT_COMPETENCIES) errors.competencyIds = 'too_many_competencies'
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, value: { description, contact, themeIds, competencyIds } }
}
