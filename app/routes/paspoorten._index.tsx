import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { can, PASSPORT_COLOURS, type PassportColour } from '@leerplein/domain'
import type { ReactElement } from 'react'
import { useTranslation } from 'react-i18next'
import { DataGrid, GridFilter, GridSearch, GridSelect, type GridColumn } from '../components/data-grid.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { readGridQuery } from '../core/grid-query.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { dotMarkup, PassportDot } from '../features/passport/passport-dot.tsx'
import { askedMatrix, chooseMatrixScope, MATRIX_FILTERS, MATRIX_SORTS, showPassportMatrix } from '../features/passport/passport-matrix.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { calendarDay, formatDate } from '../utils/format.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', askedMatrix(new URL(request.url)))
	const grid = readGridQuery(request, { filters: MATRIX_FILTERS, sorts: MATRIX_SORTS, fallback: { id: 'urgency', desc: false } })
	const scope = chooseMatrixScope(actor, grid.filters.wie)!
	const matrix = valueOrThrow(await showPassportMatrix(context, { actor, scope, filters: grid.filters, sort: grid.sort, page: grid.page }))
	const t = await i18next.getFixedT(request)
	const imports = can(actor, 'create', { kind: 'passport_evidence', tenantId: actor.tenantId, userId: null })
	// The dots travel as one short token per column (a page of the unit matrix has 2,000): the same
	// facts as the service's cells, a seventh of the bytes to encode, send and decode.
	const rows = matrix.rows.map(({ cells, ...person }) => ({ ...person, dots: matrix.competencies.map((competency) => dotToken(cells[competency.id])).join(' ') }))
	return { ...matrix, rows, imports, filters: grid.filters, sort: grid.sort, query: grid.query, title: `${t('passportMatrix.title')} – ${t('app.name')}` }
}

const TOKEN_OF: Record<PassportColour, string> = { green: 'g', orange: 'o', red: 'r', not_required: 'n' }
const COLOUR_OF: Record<string, PassportColour> = { g: 'green', o: 'orange', r: 'red', n: 'not_required' }

/** A cell as a token: `-` none; else its colour's letter, then `*` (permanent) or the last valid day. */
function dotToken(cell: { status: PassportColour; validUntil: string | null; permanent: boolean } | undefined): string {
	if (!cell) return '-'
	return TOKEN_OF[cell.status] + (cell.permanent ? '*' : (cell.validUntil ?? ''))
}

function readDot(token: string): { status: PassportColour; validUntil: string | null; permanent: boolean } | null {
	const status = COLOUR_OF[token.charAt(0)]
	if (!status) return null
	const rest = token.slice(1)
	return { status, permanent: rest === '*', validUntil: rest === '' || rest === '*' ? null : rest }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

const COLOURS = ['red', 'orange', 'green'] as const

export default function PassportMatrixPage() {
	const { rows, competencies, allCompetencies, jobProfiles, imports, scope, scopes, total, page, pages, filters, sort, query } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const scopeParam = scope === 'team' ? 'team' : 'eenheid'
	const filtered = Boolean(filters.q || filters.bekwaamheid || filters.stand || filters.functie)
	// Each label once per page, not per cell: a page of the unit matrix has 2,000 dots.
	const statusText = Object.fromEntries(PASSPORT_COLOURS.map((status) => [status, t(`passport.status_${status}`)])) as Record<PassportColour, string>
	const always = t('passportMatrix.always')
	const noDot = t('passportMatrix.noDot')
	const untilText = new Map<string, string>()
	const until = (validUntil: string) => {
		let text = untilText.get(validUntil)
		if (text === undefined) untilText.set(validUntil, (text = t('passportMatrix.until', { date: formatDate(calendarDay(validUntil), language) })))
		return text
	}
	const cellLabel = (status: PassportColour, validUntil: string | null, permanent: boolean) =>
		status === 'red' || status === 'not_required' ? statusText[status] : `${statusText[status]}, ${permanent ? always : validUntil ? until(validUntil) : ''}`
	// One element per distinct dot on the page (a colour and a day), reused in every cell that shows it.
	const marks = new Map<string, ReactElement>()
	// Each row's tokens split once, not once per cell.
	const split = new Map<string, string[]>()
	const dotsOf = (row: Row) => {
		let dots = split.get(row.id)
		if (!dots) split.set(row.id, (dots = row.dots.split(' ')))
		return dots
	}
	const columns: GridColumn<Row>[] = [
		{
			id: 'name',
			header: t('passportMatrix.person'),
			sortable: true,
			accessorFn: (row) => row.name,
			cell: ({ row }) => (
				<Link to={`/paspoorten/medewerker/${row.original.id}`} aria-label={t('passportPerson.open', { name: row.original.name })}>
					{row.original.name}
				</Link>
			),
		},
		{ id: 'jobProfile', header: t('passportMatrix.jobProfile'), sortable: true, accessorFn: (row) => row.jobProfile ?? '' },
		{ id: 'urgency', header: t('passportMatrix.urgency'), sortable: true, accessorFn: (row) => t('passportMatrix.urgencyText', { red: row.red, orange: row.orange }) },
		...competencies.map(
			(competency, column): GridColumn<Row> => ({
				id: `c-${competency.id}`,
				header: competency.name,
				cell: ({ row }) => {
					const token = dotsOf(row.original)[column] ?? '-'
					let mark = marks.get(token)
					if (!mark) {
						const cell = readDot(token)
						marks.set(token, (mark = cell ? dotMarkup(cell.status, cellLabel(cell.status, cell.validUntil, cell.permanent)) : <span className="passport-matrix__none">{noDot}</span>))
					}
					return mark
				},
			}),
		),
	]
	return (
		<div className="container page">
			<h1>{t('passportMatrix.title')}</h1>
			<p className="lead">{t(`passportMatrix.intro_${scope}`)}</p>
			<p>
				<Link to="/paspoorten/bewijs">{t('passportUpload.reviewLink')}</Link>
				{imports ? (
					<>
						{' · '}
						<Link to="/paspoorten/importeren">{t('passportImport.nav')}</Link>
					</>
				) : null}
			</p>

			<section aria-labelledby="passport-counts-title">
				<h2 id="passport-counts-title">{t('passportMatrix.countsTitle')}</h2>
				{allCompetencies.length === 0 ? (
					<p className="empty-state">{t('passportMatrix.countsEmpty')}</p>
				) : (
					<ScrollRegion labelledBy="passport-counts-title">
						<table className="sessions">
							<caption className="visually-hidden">{t('passportMatrix.countsCaption')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('passportMatrix.competency')}</th>
									{COLOURS.map((colour) => (
										<th scope="col" key={colour}>
											<PassportDot status={colour} />
										</th>
									))}
								</tr>
							</thead>
							<tbody>
								{allCompetencies.map((competency) => (
									<tr key={competency.id}>
										<th scope="row">{competency.name}</th>
										{COLOURS.map((colour) => (
											<td key={colour}>
												{competency[colour] === 0 ? (
													'0'
												) : (
													<Link
														to={`?wie=${scopeParam}&bekwaamheid=${competency.id}&stand=${colour}`}
														aria-label={t('passportMatrix.showPeople', { count: competency[colour], status: t(`passport.status_${colour}`), name: competency.name })}
													>
														{competency[colour]}
													</Link>
												)}
											</td>
										))}
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				)}
			</section>

			<section aria-labelledby="passport-people-title">
				<h2 id="passport-people-title">{t('passportMatrix.caption')}</h2>
				<DataGrid
					name="paspoorten"
					caption={t('passportMatrix.caption')}
					columns={columns}
					rows={rows}
					getRowId={(row) => row.id}
					sort={sort}
					page={page}
					pages={pages}
					count={t('passportMatrix.count', { count: total })}
					empty={filtered ? t('passportMatrix.emptyFiltered') : t('passportMatrix.empty')}
					filters={
						<>
							{scopes.length > 1 ? (
								<GridFilter id="filter-wie" label={t('passportMatrix.scope')}>
									<select id="filter-wie" name="wie" defaultValue={scopeParam}>
										<option value="eenheid">{t('passportMatrix.scope_unit')}</option>
										<option value="team">{t('passportMatrix.scope_team')}</option>
									</select>
								</GridFilter>
							) : (
								<input type="hidden" name="wie" value={scopeParam} />
							)}
							<GridSearch label={t('passportMatrix.search')} value={filters.q} />
							<GridSelect
								name="bekwaamheid"
								label={t('passportMatrix.competency')}
								value={filters.bekwaamheid}
								anyLabel={t('passportMatrix.competencyAny')}
								options={allCompetencies.map((competency) => ({ value: competency.id, label: competency.name }))}
							/>
							<GridSelect
								name="stand"
								label={t('passportMatrix.status')}
								value={filters.stand}
								anyLabel={t('passportMatrix.statusAny')}
								options={COLOURS.map((colour) => ({ value: colour, label: t(`passport.status_${colour}`) }))}
							/>
							<GridSelect name="functie" label={t('passportMatrix.jobProfile')} value={filters.functie} anyLabel={t('passportMatrix.jobProfileAny')} options={jobProfiles.map((profile) => ({ value: profile.id, label: profile.name }))} />
						</>
					}
					beforeTable={
						total > 0 ? (
							<p>
								{t('passportMatrix.download')}:{' '}
								<a href={`/paspoorten/lijst?${query}&sorteer=${sort.desc ? '-' : ''}${sort.id}&formaat=xlsx`} download>
									{t('passportMatrix.downloadXlsx')}
								</a>
								{' · '}
								<a href={`/paspoorten/lijst?${query}&sorteer=${sort.desc ? '-' : ''}${sort.id}&formaat=csv`} download>
									{t('passportMatrix.downloadCsv')}
								</a>{' '}
								<span className="hint">{t('passportMatrix.downloadHint')}</span>
							</p>
						) : null
					}
				/>
			</section>
		</div>
	)
}
