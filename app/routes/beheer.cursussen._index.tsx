import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { OWN_COURSE_SORTS, type OwnCourseSort } from '@leerplein/db'
import { parsePage } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission, requireSignedIn } from '../auth/guards.server.ts'
import { Pagination } from '../components/pagination.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { listOwnCoursesPage } from '../services/list-own-courses.server.ts'
import { formatDate } from '../utils/format.ts'
import { invariantResponse } from '../utils/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	const { tenantId, userId } = signedIn.person
	await requirePermission(request, context, 'create', { kind: 'course', providerTenantId: tenantId })
	const params = new URL(request.url).searchParams
	const page = parsePage(params.get('pagina'))
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const sort = params.get('sorteer') ?? 'updated'
	invariantResponse((OWN_COURSE_SORTS as readonly string[]).includes(sort), 400, 'SORT_UNKNOWN')
	const direction = params.get('richting') === 'op' ? 'asc' : params.get('richting') === 'af' ? 'desc' : sort === 'title' ? 'asc' : 'desc'
	const list = await listOwnCoursesPage(context, { tenantId, userId, sort: sort as OwnCourseSort, direction, page: page.value })
	const t = await i18next.getFixedT(request)
	return { ...list, sort, direction, title: `${t('courseAdmin.title', { unit: list.unit })} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function OwnCourses() {
	const { rows, total, page, pages, sort, direction, unit } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const [params] = useSearchParams()
	const columns: { key: OwnCourseSort | null; label: string }[] = [
		{ key: 'title', label: t('courseAdmin.columnTitle') },
		{ key: 'status', label: t('courseAdmin.columnStatus') },
		{ key: null, label: t('courseAdmin.columnForm') },
		{ key: 'sessions', label: t('courseAdmin.columnSessions') },
		{ key: 'updated', label: t('courseAdmin.columnUpdated') },
	]
	// Sorting is a link per column header: the state lives in the URL and works without JavaScript.
	const sortHref = (key: OwnCourseSort) => {
		const next = new URLSearchParams()
		next.set('sorteer', key)
		next.set('richting', key === sort && direction === 'asc' ? 'af' : 'op')
		return `?${next}`
	}
	return (
		<div className="container page">
			<h1>{t('courseAdmin.title', { unit })}</h1>
			<p className="lead">{t('courseAdmin.intro')}</p>
			{params.get('opgeslagen') ? (
				<p className="notice" role="status">
					{t('courseAdmin.saved')}
				</p>
			) : null}
			<p>
				<Link className="button" to="/beheer/cursussen/nieuw">
					{t('courseAdmin.newCourse')}
				</Link>
			</p>
			<p className="result-count" role="status">
				{t('courseAdmin.count', { count: total })}
			</p>
			{rows.length === 0 ? (
				<p className="empty-state">{total === 0 ? t('courseAdmin.empty') : t('courseAdmin.emptyPage')}</p>
			) : (
				// eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
				<div className="table-scroll" role="region" aria-label={t('courseAdmin.caption')} tabIndex={0}>
					<table className="sessions admin-grid">
						<caption className="visually-hidden">{t('courseAdmin.caption')}</caption>
						<thead>
							<tr>
								{columns.map((column) => (
									<th
										key={column.label}
										scope="col"
										aria-sort={column.key === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
									>
										{column.key ? (
											<Link to={sortHref(column.key)} title={t('courseAdmin.sortBy', { column: column.label })}>
												{column.label}
												{column.key === sort ? <span aria-hidden="true">{direction === 'asc' ? ' ▲' : ' ▼'}</span> : null}
											</Link>
										) : (
											column.label
										)}
									</th>
								))}
								<th scope="col">
									<span className="visually-hidden">{t('courseAdmin.edit')}</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									<td>
										<Link to={`/catalogus/${row.id}`}>{row.title}</Link>
									</td>
									<td>{t(`courseAdmin.status_${row.status}`)}</td>
									<td>{t(`courseForm.${row.form}`)}</td>
									<td>{row.sessions}</td>
									<td>{formatDate(new Date(row.updatedAt), i18n.language)}</td>
									<td>
										<Link to={`/beheer/cursussen/${row.id}`} aria-label={`${t('courseAdmin.edit')}: ${row.title}`}>
											{t('courseAdmin.edit')}
										</Link>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<Pagination page={page} pages={pages} />
		</div>
	)
}
