import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { throwFailure } from '../core/http.server.ts'
import { showAuditTrail } from '../features/audit/show-audit-trail.server.ts'
import { AUDIT_RESULTS, TRAIL_EXPORT_CAP, trailFiltersOf, trailQuery, type TrailFilters } from '../features/audit/trail-filters.ts'
import { readableRows, type ReadableRow } from '../features/audit/trail-rows.ts'
import { auditTrailOf } from '../features/audit/trail-scope.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { FilterField } from '../features/reports/report-parts.tsx'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/beheer/logboek'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', auditTrailOf)
	const search = new URL(request.url).searchParams
	const filters = trailFiltersOf(search)
	const after = search.get('na')
	const result = await showAuditTrail(context, { actor, filters, after })
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const title = `${t('auditTrail.title')} – ${t('app.name')}`
	if (!result.ok) {
		if (result.kind !== 'invalid') throwFailure(result)
		return data({ trail: null, filters, paged: after !== null, error: { code: result.code, field: result.field ?? null }, title }, { status: 400 })
	}
	const { scope, next, units } = result.value
	return { trail: { scope, next, units, rows: readableRows(result.value.rows, t, language) }, filters, paged: after !== null, error: null, title }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** The readable audit trail (issue 22, item 2; ADR 049): filters, rows in words, before and after, paging and downloads. */
export default function AuditTrailPage() {
	const { trail, filters, paged, error } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const errorOf = (field: keyof TrailFilters) => (error?.field === field ? t(`errors.${error.code}`) : null)
	const query = trailQuery(filters)
	return (
		<div className="container page">
			<h1>{t('auditTrail.title')}</h1>
			<p className="lead">{trail?.scope === 'unit' ? t('auditTrail.introUnit') : t('auditTrail.introConcern')}</p>
			{error && !error.field ? (
				<p className="notice notice--error" role="alert">
					{t(`errors.${error.code}`)} <Link to={PATH}>{t('auditTrail.newest')}</Link>
				</p>
			) : null}
			<Form method="get" action={PATH} className="filter-bar audit-filters">
				<fieldset>
					<legend className="visually-hidden">{t('auditTrail.filters')}</legend>
					{trail?.scope === 'concern' ? (
						<FilterField name="onderdeel" label={t('auditTrail.unit')} error={errorOf('onderdeel')}>
							<select defaultValue={filters.onderdeel ?? ''}>
								<option value="">{t('auditTrail.allUnits')}</option>
								{trail.units.map((unit) => (
									<option key={unit.id} value={unit.id}>
										{unit.name}
									</option>
								))}
							</select>
						</FilterField>
					) : null}
					<FilterField name="wie" label={t('auditTrail.who')} hint={t('auditTrail.whoHint')} error={errorOf('wie')}>
						<input type="search" maxLength={200} defaultValue={filters.wie ?? ''} />
					</FilterField>
					<FilterField name="actie" label={t('auditTrail.action')} hint={t('auditTrail.actionHint')} error={errorOf('actie')}>
						<input type="text" maxLength={200} defaultValue={filters.actie ?? ''} />
					</FilterField>
					<FilterField name="van" label={t('auditTrail.from')} hint={t('auditTrail.dayHint')} error={errorOf('van')}>
						<input type="date" defaultValue={filters.van ?? ''} />
					</FilterField>
					<FilterField name="tot" label={t('auditTrail.to')} hint={t('auditTrail.dayHint')} error={errorOf('tot')}>
						<input type="date" defaultValue={filters.tot ?? ''} />
					</FilterField>
					<FilterField name="objecttype" label={t('auditTrail.objectType')} hint={t('auditTrail.objectTypeHint')} error={errorOf('objecttype')}>
						<input type="text" maxLength={200} defaultValue={filters.objecttype ?? ''} />
					</FilterField>
					<FilterField name="object" label={t('auditTrail.objectId')} error={errorOf('object')}>
						<input type="text" maxLength={200} defaultValue={filters.object ?? ''} />
					</FilterField>
					<FilterField name="resultaat" label={t('auditTrail.result')} error={errorOf('resultaat')}>
						<select defaultValue={filters.resultaat ?? ''}>
							<option value="">{t('auditTrail.anyResult')}</option>
							<option value={AUDIT_RESULTS[0]}>{t('auditTrail.resultSuccess')}</option>
							<option value={AUDIT_RESULTS[1]}>{t('auditTrail.resultDenied')}</option>
							<option value={AUDIT_RESULTS[2]}>{t('auditTrail.resultFailed')}</option>
						</select>
					</FilterField>
					<button type="submit" className="button button--secondary">
						{t('auditTrail.show')}
					</button>
				</fieldset>
				<p>
					<Link to={PATH}>{t('auditTrail.reset')}</Link>
				</p>
			</Form>
			{trail ? (
				<section aria-labelledby="regels-kop">
					<h2 id="regels-kop">{t('auditTrail.rows')}</h2>
					{trail.rows.length === 0 ? (
						<p className="empty-state">{t('auditTrail.empty')}</p>
					) : (
						<ol className="audit-rows">
							{trail.rows.map((row) => (
								<AuditRow key={row.id} row={row} />
							))}
						</ol>
					)}
					{paged || trail.next ? (
						<nav className="pagination" aria-label={t('auditTrail.paging')}>
							<ul>
								{paged ? (
									<li>
										<Link to={query ? `${PATH}?${query}` : PATH}>{t('auditTrail.newest')}</Link>
									</li>
								) : null}
								{trail.next ? (
									<li>
										<Link to={`${PATH}?${trailQuery(filters, { na: trail.next })}`} rel="next">
											{t('auditTrail.older')}
										</Link>
									</li>
								) : null}
							</ul>
						</nav>
					) : null}
					{trail.rows.length > 0 ? (
						<>
							<ul className="report-downloads" aria-label={t('report.exportTitle')}>
								{(['csv', 'xlsx'] as const).map((format) => (
									<li key={format}>
										<a href={`${PATH}/export?${trailQuery(filters, { formaat: format })}`} download>
											{t('auditTrail.exportAs', { format: format.toUpperCase() })}
										</a>
									</li>
								))}
							</ul>
							<p className="field__hint">{t('auditTrail.exportHint', { cap: TRAIL_EXPORT_CAP.toLocaleString('nl-NL') })}</p>
						</>
					) : null}
				</section>
			) : null}
		</div>
	)
}

/** One entry: what happened as a sentence-like heading, the facts as a list, the changes as a small table behind a disclosure. */
function AuditRow({ row }: { row: ReadableRow }) {
	const { t } = useTranslation()
	return (
		<li className={`audit-row audit-row--${row.resultCode}`}>
			<h3 className="audit-row__title">
				{row.action} <span className="audit-row__result">({row.result})</span>
			</h3>
			<dl className="audit-row__facts">
				<div>
					<dt>{t('auditTrail.when')}</dt>
					<dd>{row.when}</dd>
				</div>
				<div>
					<dt>{t('auditTrail.actor')}</dt>
					<dd>
						{row.actor}
						{row.actorEmail ? <span className="audit-row__email"> ({row.actorEmail})</span> : null}
					</dd>
				</div>
				<div>
					<dt>{t('auditTrail.unit')}</dt>
					<dd>{row.unit}</dd>
				</div>
				<div>
					<dt>{t('auditTrail.object')}</dt>
					<dd>
						{row.objectType}
						{row.objectId ? <code className="audit-row__id"> {row.objectId}</code> : null}
					</dd>
				</div>
				{row.action !== row.actionCode ? (
					<div>
						<dt>{t('auditTrail.columnActionCode')}</dt>
						<dd>
							<code>{row.actionCode}</code>
						</dd>
					</div>
				) : null}
				{row.occurrences ? (
					<div>
						<dt>{t('auditTrail.columnOccurrences')}</dt>
						<dd>{row.occurrences}</dd>
					</div>
				) : null}
			</dl>
			{row.changes.length > 0 ? (
				<details className="audit-row__changes">
					<summary>{row.compares ? t('auditTrail.changes', { count: row.changes.length }) : t('auditTrail.details', { count: row.changes.length })}</summary>
					<table className="data-table audit-changes">
						<caption className="visually-hidden">{row.compares ? t('auditTrail.changes', { count: row.changes.length }) : t('auditTrail.details', { count: row.changes.length })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('auditTrail.field')}</th>
								{row.compares ? <th scope="col">{t('auditTrail.before')}</th> : null}
								<th scope="col">{t('auditTrail.after')}</th>
							</tr>
						</thead>
						<tbody>
							{row.changes.map((change) => (
								<tr key={change.field}>
									<th scope="row">
										<code>{change.field}</code>
									</th>
									{row.compares ? <td>{change.before}</td> : null}
									<td>{change.after}</td>
								</tr>
							))}
						</tbody>
					</table>
				</details>
			) : null}
		</li>
	)
}
