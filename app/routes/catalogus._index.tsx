import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useFetcher, useLoaderData, useLocation, useNavigate, useNavigation, useSubmit, type ShouldRevalidateFunction } from '@remix-run/react'
import { defaultSort, markedSegments, MAX_QUERY_LENGTH, parseSearchState, type SearchNotice } from '@leerplein/domain'
import { useEffect, useRef, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { actorOf, getSignedIn } from '../features/identity/guard.server.ts'
import { CourseFacts } from '../features/catalogue/course-facts.tsx'
import { Pagination } from '../components/pagination.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { searchCataloguePage, type CatalogueSearchView, type Facet } from '../features/catalogue/search-catalogue.server.ts'
import { formatDate } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const parsed = parseSearchState(new URL(request.url).searchParams)
	invariantResponse(parsed.ok, 400, parsed.ok ? 'PAGE_NOT_A_NUMBER' : parsed.code)
	const t = await i18next.getFixedT(request)
	// A public page: visitors search what every unit may see, signed-in people what their unit may.
	// Counted in the search analytics (ADR 037); typed searches are counted by the JSON route once typing rests.
	const signedIn = await getSignedIn(request, context)
	const view = valueOrThrow(
		await searchCataloguePage(context, { actor: signedIn ? actorOf(signedIn) : null, state: parsed.value.state, notices: parsed.value.notices, record: true }),
	)
	const title = view.state.query ? `${t('catalogue.title')}: ${view.state.query}` : t('catalogue.title')
	return { ...view, title: `${title} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** Searches typed into the box: their URL replaces the current one without running this loader (the JSON route answers). */
const typedSearches = new Set<string>()

export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
	typedSearches.has(nextUrl.search) ? false : defaultShouldRevalidate

const TYPING_DELAY_MS = 250
/** Typing paused this long: the query is one a person asked, counted in the search analytics (ADR 037). */
const SETTLED_DELAY_MS = 1500

export default function Catalogue() {
	const loaded = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const location = useLocation()
	const navigate = useNavigate()
	const navigation = useNavigation()
	const submit = useSubmit()
	const live = useFetcher<CatalogueSearchView>()
	const formRef = useRef<HTMLFormElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const settled = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const lastTyped = useRef<string | null>(null)
	const input = useRef<HTMLInputElement>(null)
	useEffect(
		() => () => {
			clearTimeout(timer.current)
			clearTimeout(settled.current)
		},
		[],
	)
	// Back, forward or a link changed the query: show it, unless the person is typing in the box.
	useEffect(() => {
		if (input.current && document.activeElement !== input.current) input.current.value = loaded.state.query
	}, [loaded.state.query])

	// While typing, the JSON route's answer for the current URL wins over the loader's.
	const view: CatalogueSearchView =
		live.data && 'canonical' in live.data && lastTyped.current !== null && location.search === `?${lastTyped.current}` ? live.data : loaded
	const { state, entries, total, page, pages, facets, notices, didYouMean, partialMatch, pageOutOfRange } = view
	const filtered = facets.some((facet) => facet.values.some((value) => value.selected))
	const busy = navigation.state === 'loading' || live.state === 'loading'

	/** The form as a query string, without empty fields and without a page: a changed search starts at page 1. */
	function searchOf(form: HTMLFormElement): string {
		const params = new URLSearchParams()
		for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value.trim() !== '' && name !== 'pagina') params.append(name, value)
		return params.toString()
	}

	function onType(event: ChangeEvent<HTMLInputElement>) {
		const form = event.currentTarget.form!
		clearTimeout(timer.current)
		clearTimeout(settled.current)
		timer.current = setTimeout(() => {
			const search = searchOf(form)
			lastTyped.current = search
			typedSearches.add(`?${search}`)
			live.load(`/catalogus/zoeken?${search}`)
			navigate(`/catalogus?${search}`, { replace: true, preventScrollReset: true })
		}, TYPING_DELAY_MS)
		// Counted once typing rests; a submit or a filter is counted by the page's loader instead. HEAD: the answer is not needed.
		settled.current = setTimeout(() => {
			void fetch(`/catalogus/zoeken?${searchOf(form)}&tellen=1`, { method: 'HEAD' }).catch(() => undefined)
		}, SETTLED_DELAY_MS)
	}

	/** A filter or the sort order changed: a real navigation, so the back button returns here. */
	function onChoose(event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) {
		clearTimeout(timer.current)
		clearTimeout(settled.current)
		lastTyped.current = null
		submit(new URLSearchParams(searchOf(event.currentTarget.form!)), { method: 'get', action: '/catalogus', preventScrollReset: true })
	}

	function onSubmit() {
		clearTimeout(timer.current)
		clearTimeout(settled.current)
		lastTyped.current = null
	}

	return (
		<div className="container page">
			<h1>{t('catalogue.title')}</h1>
			<p className="lead">{t('catalogue.intro')}</p>
			<Form method="get" action="/catalogus" role="search" className="search" ref={formRef} onSubmit={onSubmit} aria-label={t('search.formLabel')}>
				<label htmlFor="q" className="search__label">
					{t('search.label')}
				</label>
				<p id="q-hint" className="hint">
					{t('search.hint')}
				</p>
				<div className="search__bar">
					<input
						type="search"
						id="q"
						name="q"
						ref={input}
						defaultValue={state.query}
						maxLength={MAX_QUERY_LENGTH}
						placeholder={t('search.placeholder')}
						aria-describedby="q-hint"
						autoComplete="off"
						onChange={onType}
					/>
					<button type="submit" className="button">
						{t('search.submit')}
					</button>
				</div>
				<a href="#resultaten" className="skip-to-results">
					{t('search.skipToResults')}
				</a>
				<Notices notices={notices} />
				<div className="search__layout">
					<aside className="facets" aria-labelledby="facets-title">
						<h2 id="facets-title">{t('search.filters')}</h2>
						{facets.map((facet) => (
							<FacetFieldset key={facet.name} facet={facet} onChange={onChoose} />
						))}
						<div className="facets__actions">
							<button type="submit" className="button button--secondary">
								{t('search.applyFilters')}
							</button>
							{filtered ? <Link to={state.query ? `/catalogus?${new URLSearchParams({ q: state.query })}` : '/catalogus'}>{t('search.clearFilters')}</Link> : null}
						</div>
					</aside>
					<section className="results" id="resultaten" tabIndex={-1} aria-labelledby="results-title" aria-busy={busy}>
						<h2 id="results-title" className="visually-hidden">
							{t('search.results')}
						</h2>
						<div className="results__bar">
							<p className="result-count" role="status">
								{state.query ? t('search.countFor', { count: total, query: state.query }) : t('catalogue.count', { count: total })}
							</p>
							<div className="results__sort">
								<label htmlFor="sorteer">{t('search.sortLabel')}</label>
								{/* The default order has the empty value, so a new query gets its own default (relevance). */}
								<select id="sorteer" name="sorteer" value={state.sort === defaultSort(state.query) ? '' : state.sort} onChange={onChoose}>
									{(state.query ? (['relevantie', 'datum', 'titel'] as const) : (['titel', 'datum'] as const)).map((sort) => (
										<option key={sort} value={sort === defaultSort(state.query) ? '' : sort}>
											{t(`search.sort_${sort}`)}
										</option>
									))}
								</select>
							</div>
						</div>
						{didYouMean ? (
							<p className="did-you-mean">
								{t('search.didYouMean')}{' '}
								<Link to={`/catalogus?${new URLSearchParams({ q: didYouMean })}`}>
									<strong>{didYouMean}</strong>
								</Link>
								?{total > 0 ? ` ${t('search.alsoShowing')}` : null}
							</p>
						) : null}
						{partialMatch ? <p className="partial-match">{t('search.partialMatch')}</p> : null}
						{entries.length > 0 ? (
							<ul className="course-list">
								{entries.map((course) => (
									<li key={course.id} className="course-card">
										<h3 className="course-card__title">
											<Link to={`/catalogus/${course.id}`}>
												<MarkedText text={course.title} marks={course.titleMarks} />
											</Link>
										</h3>
										<p className="course-card__summary">
											<MarkedText text={course.summary} marks={course.summaryMarks} />
										</p>
										<CourseFacts course={course} />
										<NextSession at={course.nextSessionAt} form={course.form} />
									</li>
								))}
							</ul>
						) : pageOutOfRange && total > 0 ? (
							<div className="empty-state">
								<p>{t('catalogue.emptyPage')}</p>
								<p>{t('search.pageOutOfRange', { count: pages })}</p>
								<p>
									<Link to={pageLink(location.search, pages)}>{t('search.toLastPage')}</Link>
									{' · '}
									<Link to={pageLink(location.search, 1)}>{t('catalogue.firstPage')}</Link>
								</p>
							</div>
						) : (
							<EmptyState query={state.query} filtered={filtered} themes={view.themes} />
						)}
						{pageOutOfRange ? null : <Pagination page={page} pages={pages} />}
					</section>
				</div>
			</Form>
		</div>
	)
}

/** A title or summary with the words the search matched in `<mark>`; the text itself unchanged. */
function MarkedText({ text, marks }: { text: string; marks: [number, number][] }) {
	if (marks.length === 0) return <>{text}</>
	return (
		<>
			{markedSegments(text, marks).map((segment, index) => (segment.marked ? <mark key={index}>{segment.text}</mark> : segment.text))}
		</>
	)
}

function pageLink(search: string, page: number): string {
	const params = new URLSearchParams(search)
	if (page === 1) params.delete('pagina')
	else params.set('pagina', String(page))
	return `/catalogus?${params}`
}

function Notices({ notices }: { notices: SearchNotice[] }) {
	const { t } = useTranslation()
	if (notices.length === 0) return null
	return (
		<div className="notice" role="status">
			<ul className="plain-list">
				{notices.map((notice, index) => (
					<li key={index}>{t(`search.notice_${notice.kind}`, notice)}</li>
				))}
			</ul>
		</div>
	)
}

function FacetFieldset({ facet, onChange }: { facet: Facet; onChange: (event: ChangeEvent<HTMLInputElement>) => void }) {
	const { t, i18n } = useTranslation()
	if (facet.values.length === 0) return null
	const label = (value: Facet['values'][number]) => {
		switch (facet.name) {
			case 'form':
				return t(`courseForm.${value.label as 'classroom'}`)
			case 'language':
				return t(`courseLanguage.${value.label as 'nl'}`)
			case 'cost':
				return t(`search.cost_${value.label as 'gratis'}`)
			case 'duration':
				return t(`search.duration_${value.label as 'kort'}`)
			case 'month':
				return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
					new Date(`${value.label}-01T00:00:00Z`),
				)
			case 'theme':
				return i18n.language === 'en' ? value.labelEn : value.label
			default:
				return value.label
		}
	}
	return (
		<fieldset className="facet">
			<legend>{t(`search.facet_${facet.name}`)}</legend>
			<ul className="facet__values">
				{facet.values.map((value) => {
					const id = `f-${facet.parameter}-${value.value}`.replace(/[^a-zA-Z0-9_-]/g, '_')
					return (
						<li key={value.value}>
							<input type="checkbox" id={id} name={facet.parameter} value={value.value} checked={value.selected} onChange={onChange} />
							<label htmlFor={id}>
								{label(value)} <span className="facet__count">({value.count})</span>
							</label>
						</li>
					)
				})}
			</ul>
		</fieldset>
	)
}

function NextSession({ at, form }: { at: string | null; form: string }) {
	const { t, i18n } = useTranslation()
	if (at) return <p className="course-card__next">{t('search.nextSession', { date: formatDate(new Date(at), i18n.language) })}</p>
	if (form === 'elearning') return null
	return <p className="course-card__next course-card__next--none">{t('search.noSession')}</p>
}

function EmptyState({ query, filtered, themes }: { query: string; filtered: boolean; themes: CatalogueSearchView['themes'] }) {
	const { t, i18n } = useTranslation()
	return (
		<div className="empty-state">
			<h3>{t('search.emptyTitle')}</h3>
			<p>{query ? t('search.emptyFor', { query }) : t('search.emptyFiltered')}</p>
			<p>{t('search.emptyTips')}</p>
			<ul>
				{query ? <li>{t('search.tipSpelling')}</li> : null}
				{query ? <li>{t('search.tipAbbreviation')}</li> : null}
				{filtered && query ? (
					<li>
						<Link to={`/catalogus?${new URLSearchParams({ q: query })}`}>{t('search.tipClearFilters')}</Link>
					</li>
				) : null}
				<li>
					<Link to="/catalogus">{t('search.tipAll')}</Link>
				</li>
			</ul>
			<p>{t('search.browseThemes')}</p>
			<ul className="theme-links">
				{themes.map((theme) => (
					<li key={theme.slug}>
						<Link to={`/catalogus?${new URLSearchParams({ thema: theme.slug })}`}>{i18n.language === 'en' ? theme.nameEn : theme.nameNl}</Link>
					</li>
				))}
			</ul>
		</div>
	)
}
