import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Pagination } from '../components/pagination.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { EXPERT_SEARCH_PARAMETERS as P, MAX_EXPERT_QUERY } from '../features/experts/expert-schema.ts'
import { expertDirectory } from '../features/experts/own-expert-entry.ts'
import { searchExperts } from '../features/experts/search-experts.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', expertDirectory)
	const params = new URL(request.url).searchParams
	const page = /^\d{1,4}$/.test(params.get(P.page) ?? '') ? Math.max(1, Number(params.get(P.page))) : 1
	const search = { query: params.get(P.query) ?? '', theme: params.get(P.theme) ?? '', unit: params.get(P.unit) ?? '', page }
	const view = valueOrThrow(await searchExperts(context, { actor, search }))
	const t = await i18next.getFixedT(request)
	return { ...view, title: `${t('experts.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * The concern-wide experts directory (ADR 048): a search form (words, theme, unit) that works
 * without JavaScript, the experts as a list of cards (one column on a phone), each with their
 * unit, themes, competencies (verified in the passport or self-declared, in words, not colour
 * alone), description and contact; paged.
 */
export default function ExpertsDirectory() {
	const { search, ignored, total, page, pages, experts, partialMatch, themes, units } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const english = i18n.language === 'en'
	const filtered = search.query !== '' || search.theme !== '' || search.unit !== ''
	return (
		<div className="container page">
			<h1>{t('experts.title')}</h1>
			<p className="lead">{t('experts.intro')}</p>
			<p>
				<Link to="/expert-worden">{t('experts.becomeLink')}</Link>
			</p>
			<Form method="get" action="/experts" role="search" className="expert-search" aria-label={t('experts.searchLegend')}>
				<div className="field">
					<label htmlFor="experts-q">{t('experts.queryLabel')}</label>
					<p className="field__hint" id="experts-q-hint">
						{t('experts.queryHint')}
					</p>
					<input type="search" id="experts-q" name={P.query} defaultValue={search.query} maxLength={MAX_EXPERT_QUERY} aria-describedby="experts-q-hint" key={search.query} />
				</div>
				<div className="field">
					<label htmlFor="experts-theme">{t('experts.themeLabel')}</label>
					<select id="experts-theme" name={P.theme} defaultValue={search.theme} key={search.theme}>
						<option value="">{t('experts.any')}</option>
						{themes.map((theme) => (
							<option key={theme.slug} value={theme.slug}>
								{english ? theme.nameEn : theme.nameNl}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="experts-unit">{t('experts.unitLabel')}</label>
					<select id="experts-unit" name={P.unit} defaultValue={search.unit} key={search.unit}>
						<option value="">{t('experts.any')}</option>
						{units.map((unit) => (
							<option key={unit.slug} value={unit.slug}>
								{unit.name}
							</option>
						))}
					</select>
				</div>
				<div className="form-actions">
					<button type="submit" className="button">
						{t('experts.search')}
					</button>{' '}
					{filtered ? <Link to="/experts">{t('experts.clear')}</Link> : null}
				</div>
			</Form>
			{ignored.map((which) => (
				<p key={which} className="notice notice--warning" role="status">
					{t(which === 'theme' ? 'experts.ignoredTheme' : 'experts.ignoredUnit')}
				</p>
			))}
			<p role="status" className="expert-count">
				{t('experts.count', { count: total })}
			</p>
			{partialMatch ? <p className="notice">{t('experts.partial')}</p> : null}
			{experts.length === 0 ? (
				total > 0 ? (
					<p>
						{t('experts.pageEmpty')} <Link to={`/experts?${new URLSearchParams({ [P.query]: search.query, [P.theme]: search.theme, [P.unit]: search.unit })}`}>{t('experts.firstPage')}</Link>
					</p>
				) : (
					<div className="empty-state">
						<p>
							<strong>{t('experts.empty')}</strong>
						</p>
						<p>{t('experts.emptyHint')}</p>
					</div>
				)
			) : (
				<>
					<p className="field__hint">{t('experts.verifiedHint')}</p>
					<ul className="expert-list">
						{experts.map((expert) => (
							<li key={expert.userId} className="expert-card">
								<article aria-labelledby={`expert-${expert.userId}`}>
									<h2 id={`expert-${expert.userId}`}>{expert.name}</h2>
									<p className="expert-card__unit">{expert.unitName}</p>
									<p className="expert-card__description">{expert.description}</p>
									<dl>
										<dt>{t('experts.themes')}</dt>
										<dd>{expert.themes.map((theme) => (english ? theme.nameEn : theme.nameNl)).join(', ')}</dd>
										{expert.competencies.length > 0 ? (
											<>
												<dt>{t('experts.competencies')}</dt>
												<dd>
													<ul className="expert-competencies">
														{expert.competencies.map((competency) => (
															<li key={competency.name} className={competency.verified ? 'expert-competency expert-competency--verified' : 'expert-competency'}>
																{competency.name} <span className="expert-competency__source">({t(competency.verified ? 'experts.verified' : 'experts.declared')})</span>
															</li>
														))}
													</ul>
												</dd>
											</>
										) : null}
										<dt>{t('experts.contact')}</dt>
										<dd className="expert-card__contact">{expert.contact}</dd>
									</dl>
								</article>
							</li>
						))}
					</ul>
				</>
			)}
			<Pagination page={page} pages={pages} label={t('experts.pagination')} />
		</div>
	)
}
