import { listSynonyms, listThemes } from '@leerplein/db/catalogue'
import { searchExpertDirectory, type DirectoryExpert } from '@leerplein/db/experts'
import { listTenants } from '@leerplein/db/tenants'
import { can, ENGLISH_DUTCH_GLOSSARY, expandQuery, pageCount, pageWindow } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { MAX_EXPERT_QUERY } from './expert-schema.ts'
import { expertDirectory } from './own-expert-entry.ts'

export const EXPERTS_PAGE_SIZE = 20

export type ExpertSearch = { query: string; theme: string; unit: string; page: number }

export type ExpertDirectoryView = {
	/** The search as understood: unknown theme or unit slugs are dropped (and named in `ignored`). */
	search: ExpertSearch
	ignored: ('theme' | 'unit')[]
	total: number
	page: number
	pages: number
	experts: DirectoryExpert[]
	/** No expert had every word, so these have at least one (best first); the page says so. */
	partialMatch: boolean
	themes: { slug: string; nameNl: string; nameEn: string }[]
	units: { slug: string; name: string }[]
}

/**
 * One page of the concern-wide experts directory (ADR 048) for any signed-in person: the
 * available experts of every unit, by theme, unit and words. The words are matched as the
 * catalogue matches them (ADR 010): Dutch stems and accents (`dutch_unaccent`), the concern's
 * synonyms and the English glossary; when no expert has every word, those with the most of them.
 * Paused experts are not listed.
 */
export async function searchExperts(ctx: ServiceContext, { actor, search }: { actor: Actor; search: ExpertSearch }): Promise<ServiceResult<ExpertDirectoryView>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, 'read', expertDirectory)) throw refusal('forbidden', 'FORBIDDEN')
			const [synonyms, themes, units] = await Promise.all([listSynonyms(tx), listThemes(tx), listTenants(tx)])
			const theme = search.theme === '' ? null : (themes.find((t) => t.slug === search.theme) ?? null)
			const unit = search.unit === '' ? null : (units.find((u) => u.slug === search.unit) ?? null)
			const ignored: ExpertDirectoryView['ignored'] = []
			if (search.theme !== '' && !theme) ignored.push('theme')
			if (search.unit !== '' && !unit) ignored.push('unit')
			const query = search.query.trim().slice(0, MAX_EXPERT_QUERY)
			const groups = query === '' ? [] : expandQuery(query, synonyms, ENGLISH_DUTCH_GLOSSARY)
			const window = pageWindow(search.page, EXPERTS_PAGE_SIZE)
			const ask = (matching: 'all' | 'any') =>
				searchExpertDirectory(tx, { groups, matching, themeId: theme?.id ?? null, tenantId: unit?.id ?? null, limit: window.pageSize, offset: window.offset })
			const every = await ask('all')
			const partialMatch = every.total === 0 && groups.length > 1
			const found = partialMatch ? await ask('any') : every
			return {
				search: { query, theme: theme?.slug ?? '', unit: unit?.slug ?? '', page: search.page },
				ignored,
				total: found.total,
				page: search.page,
				pages: pageCount(found.total, EXPERTS_PAGE_SIZE),
				experts: found.experts,
				partialMatch: partialMatch && found.total > 0,
				themes: themes.map(({ slug, nameNl, nameEn }) => ({ slug, nameNl, nameEn })),
				units: units.map(({ slug, name }) => ({ slug, name })),
			}
		},
		{ readOnly: true },
	)
}
